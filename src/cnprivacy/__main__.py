"""`python -m cnprivacy`."""

from cnprivacy.cli import main

main()
