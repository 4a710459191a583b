"""The daily boost's pages: answering, the feedback, retention for managers and trainers."""
