"""Reporting: what the evidence says, for researchers.

Lives here: reading the evidence once (evidence), the study report (analysis),
verdicts (one family of tested claims, and their words), a factorial
study's factors and interactions (factorial), segments, the
within-subject checks, live intervals, plots and their SVG cache, the report
formats (JSON, text in English or Dutch, HTML), the dashboard's figures and
exports (CSV, SPSS). How and why: docs/statistics.md.

May import: ``sprintlab.stats``, ``sprintlab.db``, ``sprintlab.content``,
``sprintlab.fieldwork`` (assignment designs) and the neutral top-level modules;
never studio, web or cli.
"""
