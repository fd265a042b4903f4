"""Fieldwork: people taking part, through the one service path.

Lives here: taking part (participation: consent, pages, withdrawal), assignment
(balanced between subjects, Williams orders within), answer parsing, scrubbing
of identifiers from free text, and simulated respondents (simulation).

May import: ``sprintlab.content``, ``sprintlab.db`` and the neutral top-level
modules; never reporting, studio, web or cli.
"""
