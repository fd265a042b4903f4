"""Reporting: what the evidence says, for researchers.

Lives here: reading the evidence once (evidence), the study report (analysis),
verdicts, segments, live intervals, plots and their SVG cache, the report
formats (JSON, text, HTML), the dashboard's figures and exports (CSV, SPSS).

May import: ``sprintlab.stats``, ``sprintlab.db``, ``sprintlab.content``,
``sprintlab.fieldwork`` (assignment designs) and the neutral top-level modules;
never studio, web or cli.
"""
