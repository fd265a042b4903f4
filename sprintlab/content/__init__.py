"""Content: studies and message templates, the files that are the source of truth.

Lives here: parsing and checking study files (studies, check) and templates
(messages) by the keys each table declares (schema, shapes, study_schema),
new studies and templates from scaffolds (scaffold), the template sandbox
(rendering), fictional addressees (personas),
mockups and previews, readability and SMS length screens, the
manipulation check (does a variant differ from its control only in its
factor?), the content
folder with its cache (folder), and cleaning typed text before it is stored
(cleaning).

May import: ``sprintlab.db``, ``sprintlab.hashing``, ``sprintlab.languages``
and libraries; never fieldwork, reporting, studio, web or cli.
"""
