"""The bench signs users in as a browser would: the session holds all a page adds to it."""

from bench.client import sign_in


def test_a_bench_users_session_is_complete_before_wrk_takes_it(live):
    # wrk never stores a cookie. Signing in starts a new session; the first page then adds
    # the session's CSRF secret (and shows any flash). Left to wrk, that would happen again
    # on every request it sends: the cookie signed anew each time, and no page served from
    # what is kept, since a kept page is keyed on that secret.
    for email in ("manager@example.com", "trainer@example.com", "rep@example.com"):
        browser = sign_in(live.port, email, "repready-demo")
        serializer = live.app.session_interface.get_signing_serializer(live.app)
        session = serializer.loads(browser.cookies["session"])
        assert "_user_id" in session and "csrf_token" in session, email
        assert "_flashes" not in session, email
