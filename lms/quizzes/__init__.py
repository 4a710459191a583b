"""Quizzes: showing them without their answers, grading on the server, keeping attempts."""
