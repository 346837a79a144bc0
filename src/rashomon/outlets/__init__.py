"""Outlets: who published each article, evidence-based profiles per outlet, user ratings and coverage."""

from rashomon.outlets.identify import Identity, Outlet, Registry, identify, identify_record, outlet_key

__all__ = ["Identity", "Outlet", "Registry", "identify", "identify_record", "outlet_key"]
