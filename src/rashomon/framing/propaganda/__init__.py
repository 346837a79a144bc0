"""Propaganda techniques (SemEval-2020 Task 11): a span tagger trained on the PTC corpus.

``PropagandaDetector`` finds spans of the 14 techniques in an article body or a headline;
``python -m rashomon.framing.propaganda.train`` rebuilds its packaged artifact (``model/``).
"""

from rashomon.framing.propaganda.detector import PropagandaDetector, TechniqueSpan

__all__ = ["PropagandaDetector", "TechniqueSpan"]
