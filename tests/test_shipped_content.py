"""Every shipped template renders for 50 fictional people, in both languages."""

import pytest

from sprintlab.content.personas import make_persona
from sprintlab.content.rendering import render_message
from sprintlab.content.sms import sms_segments
from sprintlab.languages import LANGUAGES
from tests.conftest import TODAY


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_template_renders_for_50_seeds(content, language):
    for template_id in content.template_ids():
        template = content.template(template_id, language)
        for seed in range(50):
            persona = make_persona(seed, language, TODAY)
            message = render_message(template, persona, TODAY)
            assert message.text and message.sender
            if message.channel == "sms":
                assert "http" not in message.text and "www." not in message.text
            if message.channel == "poster":
                assert persona["last_name"] not in message.text


def test_every_study_variant_has_both_languages(content):
    for study in content.studies().values():
        for variant in study.variants:
            for language in LANGUAGES:
                assert content.template(variant.template, language).language == language


def test_shipped_sms_fit_two_segments_for_typical_people(content):
    for template_id in content.template_ids():
        if not template_id.startswith("sms/"):
            continue
        template = content.template(template_id, "nl")
        message = render_message(template, make_persona(0, "nl", TODAY), TODAY)
        assert sms_segments(message.text).segments <= 2, template_id
