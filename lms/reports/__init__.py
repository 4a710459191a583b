"""Manager pages: team readiness dashboard, rep detail, question insights, ramp chart, CSV."""

from lms.progress import freshness

# Every Session, app or CLI: writes that change a dashboard bump the team's data_version.
freshness.register()
