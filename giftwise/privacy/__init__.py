"""A person's data: export everything held about them, or erase it (and keep only that it happened)."""
