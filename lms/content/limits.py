"""Every bound the course format puts on a course folder (COURSE_FORMAT.md, "Limits and safety").

The model columns are sized from these numbers (a test checks they agree), so whatever
validation accepts, the database stores, on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

MAX_TEXT_FILE_BYTES = 1024 * 1024
"""A Markdown, YAML or GIFT file: 1 MB."""
MAX_ASSET_BYTES = 20 * 1024 * 1024
"""A file under assets/: 20 MB."""
MAX_LINE_CHARS = 10_000
MAX_NESTING = 16
"""Lists and block quotes inside each other (and YAML collections inside each other)."""

MAX_TITLE_CHARS = 200
MAX_SUMMARY_CHARS = 1_000
"""Course summaries and path descriptions."""
MAX_SLUG_CHARS = 80
"""Course, module and path slugs, and question ids."""
MAX_FILE_NAME_CHARS = 200
"""A module or GIFT file name (NN-slug.md, checks.gift)."""
MAX_ASSET_PATH_CHARS = 300
"""assets/... as stored: the path inside the course folder."""

PASS_SCORE = (0, 100)
MAX_ATTEMPTS = (0, 1_000)
ESTIMATED_MINUTES = (0, 10_000)
DUE_DAY = (0, 3_650)
VALID_MONTHS = (1, 120)

RENDER_BUDGET_SECONDS = 6.0
"""Markdown rendering CPU time allowed for one whole validation (one folder, one upload, one
edit). Python-Markdown is quadratic on some inputs (thousands of "[" in a paragraph); this
cap keeps any input of up to 5 MB within the 10 s the format promises. Ordinary Markdown
renders at about 1.5 s per MB here, so only hostile text or a repository of about 4 MB of
Markdown comes near it."""
FILE_RENDER_SECONDS = 1.0
FILE_RENDER_SECONDS_PER_MB = 4.0
"""Each file (module, course.md, GIFT file) also has its own allowance: 1 s plus 4 s per MB
of its text, two to three times what ordinary Markdown of that size needs here. One slow
file is then reported alone; the files after it keep the verdicts they would have had."""

PRACTICE_MINUTES = (1, 120)
"""max_minutes of a practice module's recordings."""
RUBRIC_SCALE = (0, 100)
"""The ends of a rubric's scale."""
MAX_RUBRIC_CRITERIA = 50
RUBRIC_WEIGHT = (0, 100)
"""A criterion's weight: above the first number, at most the second."""
