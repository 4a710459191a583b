"""Web glue shared by every blueprint: errors, headers, sessions, access, filters."""
