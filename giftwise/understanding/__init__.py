"""Notes become facts: interests, dislikes, restrictions, life events, needs."""
