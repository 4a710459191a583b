"""The search page and the content library: items, copying, sharing with buyers, usage."""
