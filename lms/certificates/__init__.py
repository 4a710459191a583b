"""Certification pages: a rep's progress, sign-offs, certificates, verification, the report."""
