"""Rules: health (being written)."""
