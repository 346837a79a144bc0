"""The command-line shell."""

from rashomon.cli.main import cli, main

__all__ = ["cli", "main"]
