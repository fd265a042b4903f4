"""The sprint test day: five people, one at a time, while the team observes.

Lives here: the test day's schedule of numbered slots (P1 ... P5) and who
is in them (slots), where the current participant is (progress), observers'
notes (notes), the grid of variants by participants with its patterns
(grid), the debrief with the team's decisions (debrief, decisions) and the
notes export (export).

May import: ``sprintlab.reporting`` (the analysis the debrief reuses),
``sprintlab.fieldwork`` (the free-text scrubber), ``sprintlab.content``,
``sprintlab.db`` and the neutral top-level modules; never web or cli.
"""
