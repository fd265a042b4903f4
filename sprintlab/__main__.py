"""`python -m sprintlab` runs the command line."""

from sprintlab.cli import cli

if __name__ == "__main__":
    cli()
