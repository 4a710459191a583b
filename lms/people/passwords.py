"""Password hashing with argon2id."""

from argon2 import Parameters, PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_hasher = PasswordHasher()

# Verified against when the email is unknown, so both paths cost the same time. A fixed
# hash with the default parameters: hashing it at import cost every process 130 ms.
_DUMMY_HASH = (
    "$argon2id$v=19$m=65536,t=3,p=4$UrUbiWg14zu3lV549oznUw"
    "$9g1a8j5o/YGoqPaUBgHXX3SkjXIXFxVJMpydNfLKvH8"
)


def use_parameters(parameters: Parameters) -> None:
    """Hash new passwords with other argon2 parameters; only the test suite calls it.

    Stored hashes carry their own parameters, so verifying either kind keeps working.
    """
    global _hasher
    _hasher = PasswordHasher.from_parameters(parameters)


def hash_password(password: str) -> str:
    """Hash a password for storage."""
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    """True when the password matches; spends the same time for unknown users."""
    try:
        return _hasher.verify(password_hash or _DUMMY_HASH, password) and bool(password_hash)
    except (VerificationError, InvalidHashError):
        return False
