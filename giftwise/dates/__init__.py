"""Dates that matter: birthdays (solar or lunar), relationship anniversaries, festivals and custom dates."""
