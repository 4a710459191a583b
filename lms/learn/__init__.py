"""The rep's side: onboarding paths, courses, modules and progress."""
