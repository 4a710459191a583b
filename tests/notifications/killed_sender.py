"""A sender that SIGKILLs itself right after the SMTP server accepted its first message.

Run by test_outbox.py in a child process: python killed_sender.py DATABASE_URL SMTP_PORT
"""

import os
import signal
import sys

from lms import create_app
from lms.messaging import sender


def main(database_url: str, port: int) -> None:
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test-secret",
            "DATABASE_URL": database_url,
            "SMTP_HOST": "127.0.0.1",
            "SMTP_PORT": port,
            "SMTP_STARTTLS": False,
            "BASE_URL": "https://lms.example.test",
            "MAIL_FROM": "RepReady <lms@example.test>",
        }
    )

    def die(*_args, **_kwargs):
        os.kill(os.getpid(), signal.SIGKILL)  # before "sent" is recorded

    sender.outbox.mark_sent = die
    with app.app_context():
        sender.send_batch()


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
