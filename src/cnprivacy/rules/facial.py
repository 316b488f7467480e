"""Rules: facial (being written)."""
