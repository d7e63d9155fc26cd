"""What each relationship costs and returns; draining-relationship flags."""
