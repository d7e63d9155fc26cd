"""Touches, important dates, the agenda, the calendar feed and the digest mail."""
