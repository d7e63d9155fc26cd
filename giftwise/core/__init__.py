"""Cross-cutting plumbing: settings, database, errors, clock, i18n, the acting user."""
