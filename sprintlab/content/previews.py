"""A message template rendered for one persona and dressed as its channel."""

from dataclasses import dataclass
from datetime import date

from sprintlab.content.mockups import render_mockup, standalone_page
from sprintlab.content.personas import make_persona
from sprintlab.content.rendering import render_message


@dataclass(frozen=True)
class Preview:
    """What a participant would see: the message, its persona and the mockup."""

    message: object
    persona: dict
    today: date
    html: str

    def standalone(self):
        """The mockup as a complete HTML page with inlined styles."""
        return standalone_page(self.message, self.persona, self.today)


def preview_template(
    template,
    seed=0,
    today=None,
    show_meta=False,
    heading_level=3,
    municipality=None,
    cell=None,
):
    """Render TEMPLATE for the persona of SEED; RenderError if it cannot be.

    MUNICIPALITY is the sender's, when a study names one; CELL a factorial
    template's level per factor (default: the reference cell).
    """
    today = today or date.today()
    persona = make_persona(seed, template.language, today, municipality)
    message = render_message(template, persona, today, cell=cell)
    html = render_mockup(
        message, persona, today, show_meta=show_meta, heading_level=heading_level
    )
    return Preview(message=message, persona=persona, today=today, html=html)
