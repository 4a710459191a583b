"""A bare Flask app with one /healthz: the bench's measure of what Flask itself costs here."""

from flask import Flask

app = Flask(__name__)


@app.get("/healthz")
def healthz():
    """What RepReady's /healthz answers, with nothing else around it."""
    return {"status": "ok"}
