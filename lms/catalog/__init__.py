"""The course catalog: import, upload, publish, drafts, versions, export, impact."""
