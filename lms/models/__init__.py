"""The models, one module per aggregate; importing this registers them all."""

from lms.models.content import Asset, Course, LearningPath, Module, PathCourse, Question
from lms.models.judgements import Judgement, Verdict
from lms.models.learning import Attempt, Enrollment, ModuleProgress
from lms.models.remediation import CourseRecord, Remediation, RemedyKind
from lms.models.users import Role, Team, User
from lms.models.versions import ModuleVersion

__all__ = [
    "Asset",
    "Attempt",
    "Course",
    "CourseRecord",
    "Enrollment",
    "Judgement",
    "LearningPath",
    "Module",
    "ModuleProgress",
    "ModuleVersion",
    "PathCourse",
    "Question",
    "RemedyKind",
    "Remediation",
    "Role",
    "Team",
    "User",
    "Verdict",
]

# Appended for issue 13 (admin): user history and pending HR imports.
from lms.models.users import PendingImport, UserEvent  # noqa: E402

__all__ += ["PendingImport", "UserEvent"]

# Appended for issue 14 (notifications): the outbox, account links and preferences.
from lms.models.notifications import (  # noqa: E402
    AccountToken,
    DigestSnapshot,
    Notification,
    NotificationPreference,
    QuestionFlagNotice,
    ReadinessSnapshot,
)

__all__ += [
    "AccountToken",
    "DigestSnapshot",
    "Notification",
    "NotificationPreference",
    "QuestionFlagNotice",
    "ReadinessSnapshot",
]

# Appended for issue 15 (practice): submissions, their media and rubric reviews.
from lms.models.practice import (  # noqa: E402
    CriterionScore,
    PracticeMedia,
    PracticeReview,
    PracticeSubmission,
    SubmissionStatus,
    TimedComment,
)

__all__ += [
    "CriterionScore",
    "PracticeMedia",
    "PracticeReview",
    "PracticeSubmission",
    "SubmissionStatus",
    "TimedComment",
]

# Appended for issue 16 (certifications): definitions, grants and manager sign-offs.
from lms.models.certifications import Certification, CertificationGrant, SignOff  # noqa: E402

__all__ += ["Certification", "CertificationGrant", "SignOff"]
__all__ += ["AccountToken", "DigestSnapshot", "Notification", "NotificationPreference"]

# Appended for issue 16 (spaced reinforcement): each rep's deck and its answers.
from lms.models.reinforcement import ReinforcementCard, ReinforcementReview  # noqa: E402

__all__ += ["ReinforcementCard", "ReinforcementReview"]
# Appended for issue 17 (library and search): library items, shares, usage, the search index.
from lms.models.library import (  # noqa: E402
    LibraryAsset,
    LibraryEvent,
    LibraryItem,
    LibraryShare,
    SearchDocument,
    SearchMiss,
)

__all__ += [
    "LibraryAsset",
    "LibraryEvent",
    "LibraryItem",
    "LibraryShare",
    "SearchDocument",
    "SearchMiss",
]

# Appended for issue 18 (speed): the version every cached page keys on.
from lms.models.site import SiteState  # noqa: E402

__all__ += ["SiteState"]
