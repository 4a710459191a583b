"""The models, one module per aggregate; importing this registers them all."""

from lms.models.content import Asset, Course, LearningPath, Module, PathCourse, Question
from lms.models.learning import Attempt, Enrollment, ModuleProgress
from lms.models.users import Role, Team, User

__all__ = [
    "Asset",
    "Attempt",
    "Course",
    "Enrollment",
    "LearningPath",
    "Module",
    "ModuleProgress",
    "PathCourse",
    "Question",
    "Role",
    "Team",
    "User",
]
