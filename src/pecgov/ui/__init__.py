"""The user interface: Jinja2 environment, base layout, shared macros, NHS.UK static files."""
