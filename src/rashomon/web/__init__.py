"""The web app over a workspace: story list, search, evidence maps, article pages, uploads, JSON API."""

from rashomon.web.app import create_app

__all__ = ["create_app"]
