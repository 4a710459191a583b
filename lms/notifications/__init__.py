"""Notifications: a transactional outbox, email over SMTP, in-app entries and account links."""
