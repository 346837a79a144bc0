"""rashomon's own stance classifier: a small head over frozen MiniLM vectors and hand-crafted features.

Trained by ``python -m rashomon.relate.stance.train`` on FNC-1 (headline ↔ body) and Emergent (claim ↔
headline); see docs/stance.md.
"""

from rashomon.relate.stance.embedding import split_sentences
from rashomon.relate.stance.model import StanceModel

__all__ = ["StanceModel", "split_sentences"]
