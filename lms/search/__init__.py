"""Search over courses, quiz prompts and the library, with the database's own engine."""
