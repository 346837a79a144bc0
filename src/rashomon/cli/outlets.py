"""``rashomon outlets``: evidence-based outlet profiles over a store, and importing the user's ratings."""

from __future__ import annotations

import json
from pathlib import Path

import click

from rashomon.errors import UsageError
from rashomon.outlets.figures import OutletProfile, Ref
from rashomon.outlets.identify import Registry
from rashomon.outlets.profile import Profiles, build_profiles
from rashomon.outlets.ratings import Ratings, import_ratings, load_ratings, read_ratings_file
from rashomon.outlets.serialise import profiles_json
from rashomon.report.view import plural

LABEL_WIDTH = 44


def store_profiles(db: Path, registry: Registry) -> Profiles:
    from rashomon.store import Store

    with Store(db, create=False) as store:
        pairs = [(summary.id, store.evidence(summary.id)) for summary in store.stories()]
    return build_profiles(pairs, registry)


def run_outlets(
    db: Path, ratings_file: Path | None, as_json: bool, outlet: str | None, registry_file: Path | None
) -> None:
    registry = Registry.load(registry_file)
    if not db.is_file():
        raise UsageError(f"no store at {db}", hint="create one with 'rashomon analyze ... --db PATH'")
    if ratings_file is not None:
        _import(db, ratings_file, registry)
    profiles = store_profiles(db, registry)
    ratings = load_ratings(db, registry)
    chosen = _chosen(profiles, outlet, registry)
    if as_json:
        click.echo(json.dumps(profiles_json(profiles, chosen, ratings), ensure_ascii=False, indent=1))
        return
    click.echo(_summary_line(profiles, db))
    for profile in chosen:
        click.echo("")
        click.echo(profile_text(profile, ratings, evidence=outlet is not None))
    if profiles.unidentified and outlet is None:
        click.echo("")
        click.echo(
            f"No outlet identified ({plural(len(profiles.unidentified), 'article')}; listed, not guessed):"
        )
        for ref in profiles.unidentified:
            click.echo(f"  {_ref_text(ref)}")


def run_import(db: Path, ratings_file: Path, registry_file: Path | None) -> None:
    if not db.is_file():
        raise UsageError(f"no store at {db}", hint="create one with 'rashomon analyze ... --db PATH'")
    _import(db, ratings_file, Registry.load(registry_file))


def _import(db: Path, ratings_file: Path, registry: Registry) -> None:
    ratings = read_ratings_file(ratings_file, registry)
    count = import_ratings(db, ratings)
    unknown = [r.outlet for r in ratings if registry.by_name(r.outlet) is None]
    note = f"; {len(unknown)} not in the outlet registry, matched by name as given" if unknown else ""
    click.echo(f"rashomon: imported {count} outlet ratings from {ratings_file} into {db}{note}", err=True)


def _chosen(profiles: Profiles, outlet: str | None, registry: Registry) -> list[OutletProfile]:
    if outlet is None:
        return list(profiles.outlets)
    known = registry.by_name(outlet)
    key = known.key if known else outlet.strip().casefold()
    found = [p for p in profiles.outlets if p.key == key or p.name.casefold() == outlet.strip().casefold()]
    if not found:
        names = ", ".join(p.name for p in profiles.outlets[:20])
        raise UsageError(f"no outlet {outlet!r} in the store", hint=f"outlets: {names or 'none'}")
    return found


def _summary_line(profiles: Profiles, db: Path) -> str:
    articles = sum(len(p.articles) for p in profiles.outlets)
    return (
        f"rashomon: {len(profiles.outlets)} outlets over {profiles.stories} stories in {db} "
        f"({articles} articles with an outlet; {len(profiles.unidentified)} with none identified)"
    )


def profile_text(profile: OutletProfile, ratings: Ratings, evidence: bool = False) -> str:
    """One outlet's block: who it is, its sample, each figure with its count and interval."""
    about = [part for part in (profile.country, f"owner {profile.owner}" if profile.owner else None) if part]
    about_text = (
        f" ({'; '.join(about)})" if about else ("" if profile.registered else " (not in the registry)")
    )
    rating = ratings.get(profile.name)
    rated = f" [rated: {rating.lean or '-'}, reliability {rating.reliability or '-'}]" if rating else ""
    lines = [
        f"{profile.name}{about_text}{rated}",
        f"  {plural(len(profile.articles), 'article')} in "
        f"{plural(len(profile.stories), 'story', 'stories')}, "
        f"{plural(profile.claims, 'claim')}, {profile.words:,} words; "
        f"{plural(len(profile.exclusive), 'claim')} only it carries, "
        f"{plural(len(profile.undetermined), 'shared claim')} of undetermined order",
    ]
    for figure in profile.figures:
        lines.append(f"  {figure.label:<{LABEL_WIDTH}} {figure.text()}")
        if evidence:
            lines.extend(f"      {_ref_text(ref)}" for ref in figure.evidence)
    lines.append(f"  {'Median delay behind the origin':<{LABEL_WIDTH}} {profile.delay.text()}")
    if evidence:
        lines.extend(f"      {_ref_text(ref)}" for ref in profile.delay.evidence)
    return "\n".join(lines)


def _ref_text(ref: Ref) -> str:
    where = f"{ref.story} {ref.article}" + (f" {ref.claim}" if ref.claim else "")
    return f"{where}{' - ' + ref.note if ref.note else ''}"
