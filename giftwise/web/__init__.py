"""Server-rendered pages over the domain services (Jinja2), for people who would rather look."""
