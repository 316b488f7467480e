"""Rules: apps (being written)."""
