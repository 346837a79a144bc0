"""The persistent workspace: SQLite store of articles, per-article results and story evidence maps."""

from rashomon.store.protocol import AddResult, SearchHit, StorySummary, Workspace
from rashomon.store.schema import StoreError
from rashomon.store.store import Store

__all__ = ["AddResult", "SearchHit", "Store", "StoreError", "StorySummary", "Workspace"]
