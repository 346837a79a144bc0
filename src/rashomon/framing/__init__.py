"""Framing: how each outlet tells the story (labels, words for the central acts, techniques, omissions)."""
