"""People: users, teams, the HR import, the password policy, each user's history."""
