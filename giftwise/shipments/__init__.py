"""Parcels that carry orders and promised extras, and the evidence kept for them (photos, weights, notes)."""
