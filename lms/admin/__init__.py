"""Admins manage users and teams."""
