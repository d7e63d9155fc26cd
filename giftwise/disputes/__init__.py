"""Promises, orders, shipments with evidence, and disputes settled by value."""
