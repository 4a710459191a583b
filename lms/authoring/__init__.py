"""Trainer authoring: the courses page, import and upload, the editor, versions, export."""
