"""The web edges: one blueprint per audience, and the request context."""
