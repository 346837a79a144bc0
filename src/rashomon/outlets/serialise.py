"""Profiles as JSON (for `--json` and the web API): each figure with its value, interval and evidence."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict
from typing import Any

from rashomon.outlets.figures import Figure, OutletProfile
from rashomon.outlets.profile import Profiles
from rashomon.outlets.ratings import Ratings


def profiles_json(profiles: Profiles, chosen: Sequence[OutletProfile], ratings: Ratings) -> dict[str, Any]:
    return {
        "stories": profiles.stories,
        "outlets": [profile_json(profile, ratings) for profile in chosen],
        "unidentified": [asdict(ref) for ref in profiles.unidentified],
    }


def profile_json(profile: OutletProfile, ratings: Ratings) -> dict[str, Any]:
    data = asdict(profile)
    data["figures"] = [_figure_json(figure) for figure in profile.figures]
    data["delay"] = {"median_days": profile.delay.median, **asdict(profile.delay)}
    rating = ratings.get(profile.name)
    data["rating"] = asdict(rating) if rating else None
    return data


def _figure_json(figure: Figure) -> dict[str, Any]:
    return {
        **asdict(figure),
        "value": figure.value,
        "interval": figure.interval,
        "small_sample": figure.small,
    }
