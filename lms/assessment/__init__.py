"""Quizzes as a domain: showing without answers, grading, the attempt record."""
