"""Rules: ai (being written)."""
