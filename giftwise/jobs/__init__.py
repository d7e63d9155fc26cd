"""Jobs: edges like a CLI command that run on a schedule (the daily digest), each with its own units of work."""
