"""Helpers shared by tests in more than one folder; a folder's own helpers stay beside it."""
