"""``python -m kzkg`` runs the command line."""

from kzkg.cli.main import main

main()
