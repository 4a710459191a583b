"""Progress and readiness: course states, records, assignments, remedies, judgements."""
