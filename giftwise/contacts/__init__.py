"""Organizations, contacts and notes, with import and export."""
