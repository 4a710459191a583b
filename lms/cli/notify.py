"""`flask notify`: send the outbox once (cron) or in a loop (a worker)."""

from __future__ import annotations

import time
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from lms.db import db
from lms.messaging.sender import BATCH, send_due


@click.group("notify")
def notify():
    """Send notifications."""


@notify.command("send")
@click.option("--limit", default=BATCH, show_default=True, help="Most emails this batch sends.")
@with_appcontext
def send(limit: int):
    """Send one batch of due emails and one of webhook posts, then stop (for cron)."""
    if not current_app.config.get("SMTP_HOST"):
        folder = Path(current_app.instance_path) / "mail"
        click.echo(f"no LMS_SMTP_HOST: writing emails as .eml files to {folder}")
    result = send_due(limit)
    click.echo(
        f"sent {len(result.sent)}, to retry {len(result.retrying)}, failed {len(result.failed)}"
    )


@notify.command("run")
@click.option("--interval", default=10.0, show_default=True, help="Seconds between batches.")
@click.option("--batches", default=0, help="Stop after this many batches (0: never).")
@with_appcontext
def run(interval: float, batches: int):
    """Send due emails and webhook posts in a loop until stopped (a long-running worker)."""
    done = 0
    while True:
        result = send_due()
        db.session.remove()
        if result.sent or result.retrying or result.failed:
            click.echo(
                f"sent {len(result.sent)}, to retry {len(result.retrying)}, "
                f"failed {len(result.failed)}"
            )
        done += 1
        if batches and done >= batches:
            return
        # A full batch means more are waiting: go on at once.
        if len(result.sent) + len(result.retrying) + len(result.failed) < BATCH:
            time.sleep(interval)


@notify.command("schedule")
@with_appcontext
def schedule_command():
    """Queue today's reminders, trainers' news, readiness posts and, weekly, the digests.

    Safe to run every hour: a second run stores nothing twice. Emails leave at SEND_HOUR in
    each person's time zone.
    """
    from lms import clock
    from lms.messaging import digest, readiness_posts, trainers
    from lms.messaging.reminders import schedule

    config = current_app.config
    try:
        weekday = digest.parse_weekday(config["DIGEST_WEEKDAY"])
    except ValueError as error:
        raise click.ClickException(str(error)) from None
    hour = int(config["SEND_HOUR"])
    if not 0 <= hour <= 23:
        raise click.ClickException(f"SEND_HOUR must be an hour from 0 to 23, not {hour}")
    today = clock.today()
    with db.writing() as session:
        stored = schedule(session, today, hour)
    click.echo(f"queued {stored} reminder(s)")
    if today.weekday() == weekday:
        with db.writing() as session:
            digests = digest.schedule(session, today, weekday, hour)
        click.echo(f"queued {digests} digest message(s)")
    with db.writing() as session:
        send_at = clock.at_hour(today, hour, clock.zone_name_of())
        flags = trainers.schedule_flags(session, today, send_at, config["QUALITY_MIN_ANSWERS"])
    click.echo(f"queued {flags} message(s) about newly flagged questions")
    with db.writing() as session:
        posts = readiness_posts.post_changes(session, today)
    click.echo(f"queued {posts} readiness post(s)")
