"""Rules: pipl (being written)."""
