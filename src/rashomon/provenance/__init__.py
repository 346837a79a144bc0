"""Stage 7, provenance: on whose word each claim rests, and how many independent origins a group has."""

from rashomon.provenance.origins import Trace, group_origins, trace_claims
from rashomon.provenance.stage import ProvenanceStage

__all__ = ["ProvenanceStage", "Trace", "group_origins", "trace_claims"]
