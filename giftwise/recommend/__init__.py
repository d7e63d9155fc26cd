"""Ranks a catalog for a profile: hard constraints first, explained soft scores."""
