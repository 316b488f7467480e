"""Rules: penalties (being written)."""
