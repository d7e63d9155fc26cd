"""The installation's editable texts: stories, cards, touch scripts, replies and the digest (core templating)."""
