"""The web edges: one blueprint per audience, the request context, and the guards.

The guards: security headers, where the app is reached (deployment: proxies,
public URL, hosts) and limits on guessing and automation (throttling).

May import the domain sub-packages (content, fieldwork, reporting, studio),
db, stats and the neutral top-level modules; never cli. Blueprints never
import each other.
"""
