"""Managers put their reps on onboarding paths."""
