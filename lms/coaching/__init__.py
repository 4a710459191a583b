"""Practice pages: the rep hands in and reads reviews; reviewers work through the queue."""
