"""Rules: platform (being written)."""
