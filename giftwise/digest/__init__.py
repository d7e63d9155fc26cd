"""The daily digest: its words from the agenda, and its log, one row per user and day (sent once)."""
