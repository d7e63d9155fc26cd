"""Disputes: a client's claim on a parcel, weighed by value and settled calmly."""
