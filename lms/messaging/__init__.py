"""Notifications as a domain: events, the outbox, mail, reminders, tokens."""
