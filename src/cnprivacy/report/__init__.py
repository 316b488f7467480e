"""Renderers: an assessment as a table, JSON, Markdown or HTML, in English or Chinese
(:mod:`assessment`, with the words of both languages in :mod:`labels`)."""

__all__: list[str] = []  # the API is in the modules named above
