"""Studio: designers' work on the content, with its history.

Lives here: drafts and their review (drafts), saved template versions
(versions), creating and opening studies (setup) and word and line diffs
(textdiff).

May import: ``sprintlab.content``, ``sprintlab.db`` and the neutral top-level
modules; never fieldwork, reporting, web or cli.
"""
