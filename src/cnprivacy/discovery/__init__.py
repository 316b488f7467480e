"""PI discovery: find, classify and count Chinese personal information in files and databases.

The detector core (:mod:`detect`, :mod:`validators`, :mod:`masking`) works on plain strings and
Arrow arrays and keeps no global mutable state beyond read-only tables, so that a distributed
engine can run it unchanged. Reading (:mod:`readers`, :mod:`databases`) and scanning
(:mod:`scanner`) sit on top of it.
"""
