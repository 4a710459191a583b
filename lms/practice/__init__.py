"""Practice as a domain: media storage and types, submissions, reviews and who may see them."""
