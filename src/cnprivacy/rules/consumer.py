"""Rules: consumer (being written)."""
