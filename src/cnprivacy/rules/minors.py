"""Rules: minors (being written)."""
