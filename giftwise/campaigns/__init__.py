"""Campaigns with goals, budgets, checkpoints, control groups and allocation."""
