"""Stage 5, claims: check-worthy claims with speaker, cue, nested chain, source type, quote and hedging."""
