"""The web edges: one blueprint per audience, and the request context.

May import the domain sub-packages (content, fieldwork, reporting, studio),
db, stats and the neutral top-level modules; never cli. Blueprints never
import each other.
"""
