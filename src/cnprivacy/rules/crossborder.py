"""Rules: crossborder (being written)."""
