"""Gift policy: caps, banned kinds, approval thresholds, open tenders."""
