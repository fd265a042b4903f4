"""Reporting: what the evidence says, for researchers.

Lives here: reading the evidence once (evidence), the study report (analysis),
verdicts (one family of tested claims, and their words), a factorial
study's factors and interactions (factorial), the summary that ranks the
verdicts (summary), segments, latent segments (segmentation), data-use
acceptance and rankings, the pre-registered plan (preregistration), the
within-subject checks, live intervals and fieldwork counts, charts drawn from
SVG templates (charts, figures), the report formats (JSON, text in English or
Dutch, HTML sections and the page to share), the words of every report in
English and Dutch (the *_words modules and stat_names; html_said gathers them
for the templates), results per message version,
exports (CSV, SPSS) and the dashboard's reports, made in a worker process
(reports, worker). How and why: docs/statistics.md.

May import: ``sprintlab.stats``, ``sprintlab.db``, ``sprintlab.content``,
``sprintlab.fieldwork`` (assignment designs) and the neutral top-level modules;
never studio, web or cli.
"""
