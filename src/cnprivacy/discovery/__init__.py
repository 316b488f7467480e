"""PI discovery: find, classify and count Chinese personal information in files and databases.

The detector core (:mod:`detect`, one module per PI type in :mod:`pitypes`, :mod:`columnar`)
works on plain strings and Arrow arrays and keeps no global mutable state beyond read-only
tables, so that a distributed engine can run it unchanged. Reading (:mod:`readers`,
:mod:`databases`) and scanning (:mod:`scanner`) sit on top of it.
"""

__all__: list[str] = []  # the API is in the modules named above
