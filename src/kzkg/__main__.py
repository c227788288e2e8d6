"""``python -m kzkg`` runs the command line."""

from kzkg.cli import main

main()
