"""Rules: incidents (being written)."""
