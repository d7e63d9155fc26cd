"""The reproducible bilingual demo book."""
