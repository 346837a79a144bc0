"""Relate stage: how claim groups bear on each other (agree, contradict, dispute).

``rashomon.relate.stance`` holds rashomon's own stance classifier, trained on FNC-1 and Emergent.
"""
