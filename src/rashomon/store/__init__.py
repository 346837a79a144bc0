"""The persistent workspace: SQLite store of articles, per-article results and story evidence maps."""
