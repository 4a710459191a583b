"""Spaced reinforcement: the deck, the FSRS schedule, the daily boost and retention."""
