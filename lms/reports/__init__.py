"""Manager pages: team readiness dashboard, rep detail, question insights, ramp chart, CSV."""
