"""Course content: load, validate and render course folders. Imports nothing from Flask."""
