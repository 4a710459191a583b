"""Signing in and out, passwords, and role checks."""
