"""Claim groups from clusters: ids, member articles and a one-line summary drawn from the members."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from rashomon.model import Claim, ClaimGroup, content_id

SUMMARY_CHARS = 240
# Members this close to the best closeness count as tied, and the first in reading order wins: MiniLM's
# last bits differ between thread counts (a Ray worker runs one thread), which must not change the summary.
TIE = 1e-4


def make_group(members: Sequence[Claim], vectors: npt.NDArray[np.float32]) -> ClaimGroup:
    """The summary is the member nearest the group's centroid, preferring body text over headlines."""
    order = sorted(range(len(members)), key=lambda i: (members[i].article, members[i].start))
    members = [members[i] for i in order]
    vectors = vectors[order]
    centroid = vectors.mean(axis=0)
    closeness = vectors @ centroid - np.array([0.05 if m.field == "title" else 0.0 for m in members])
    summary = members[int(np.argmax(closeness >= closeness.max() - TIE))].text
    return ClaimGroup(
        id=content_id("grp", *sorted(m.id for m in members)),
        claims=tuple(m.id for m in members),
        articles=tuple(dict.fromkeys(m.article for m in members)),
        summary=_one_line(summary),
    )


def _one_line(text: str) -> str:
    line = " ".join(text.split()).strip("“”\"' ")
    return line if len(line) <= SUMMARY_CHARS else line[: SUMMARY_CHARS - 1].rsplit(" ", 1)[0] + "…"
