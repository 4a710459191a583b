"""Certifications as a domain: what a rep still needs, granting, renewal, revoking, expiry."""
