"""Small helpers for the Makefile and CI; not used by the app."""
