"""The results table, with each page checked against the issue's targets."""

from __future__ import annotations

P99_TARGET_MS = 50
BARE_FLASK = "bare Flask /healthz"
SIGNED_HEALTH = "/healthz (signed in)"
# Issue 18: /healthz without a session reaches this share of a bare Flask app's.
HEALTH_TARGET = 0.8
# Throughput as a share of the ceiling: /healthz without a session, same server, same run.
RATIO_TARGETS = {
    "module page": 0.5,
    "course page": 0.5,
    "rep home": 0.4,
    "quiz submit": 0.3,
    "team dashboard": 0.25,
    "review queue": 0.25,
    "search": 0.25,
    "library": 0.25,
}


def rate(row: dict) -> float:
    return row["requests"] / (row["duration_us"] / 1e6)


def verdict(row: dict, ceiling: float, submits: dict, bare: float | None = None) -> str:
    """'ok' or what is missed."""
    missed = []
    if row["page"] == "/healthz" and bare and rate(row) / bare < HEALTH_TARGET:
        missed.append(f"< {HEALTH_TARGET} of bare Flask")
    if not row["requests"]:
        return f"MISSED: no request finished within {row['duration_us'] / 1e6:.0f} s"
    if row["p99_us"] / 1000 > P99_TARGET_MS:
        missed.append(f"p99 > {P99_TARGET_MS} ms")
    target = RATIO_TARGETS.get(row["page"])
    if target and rate(row) / ceiling < target:
        missed.append(f"ratio < {target}")
    if row["page"] == "quiz submit" and (submits["lost"] or submits["duplicates"]):
        missed.append("lost or duplicate attempts")
    # Connect errors come from connections cut when wrk stops; they are shown, not counted.
    bad = row["errors"]["read"] + row["errors"]["timeout"]
    bad += sum(n for code, n in row["statuses"].items() if not code.startswith(("2", "3")))
    if bad:
        missed.append(f"{bad} failed requests")
    return "ok" if not missed else "MISSED: " + ", ".join(missed)


def render(results: list[dict], facts: dict) -> str:
    rates = {r["page"]: rate(r) for r in results if r["requests"]}
    # The ceiling: /healthz without a session; the old one (signed in) shown beside it.
    ceiling = max(v for k, v in rates.items() if k in ("/healthz", "/healthz (again)"))
    old = rates.get(SIGNED_HEALTH) or ceiling
    bare = rates.get(BARE_FLASK)
    submits = facts.get("submits", {"lost": 0, "duplicates": 0})
    lines = [
        f"# RepReady bench: {facts['reps']} reps on {facts['database']}",
        "",
        f"Load average before the run: {' '.join(f'{x:.2f}' for x in facts['load'])}. "
        f"{facts['progress_rows']:,} progress rows, {facts['attempts_before']:,} attempts "
        f"seeded in {facts['seed_s']:.1f} s.",
        f"Import of the generated courses: {facts['import_s']:.2f} s "
        f"(target <= 5 s); unchanged re-import {facts['reimport_s']:.2f} s in process, "
        f"{facts['reimport_cli_s']:.2f} s as `flask courses import` (target <= 1 s).",
        "",
        f"Ceiling: /healthz without a session, {ceiling:,.0f} req/s"
        + (f", {ceiling / bare:.2f} of a bare Flask app ({bare:,.0f})" if bare else "")
        + f"; signed in (the old ceiling) {old:,.0f}.",
        "",
        "| page | req/s | p50 ms | p95 ms | p99 ms | / ceiling | / old ceiling "
        "| SQL per request | peak RSS per worker MiB | wrk errors | target |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for row in results:
        sql = (
            "-"
            if row["sql_min"] < 0
            else (
                str(row["sql_min"])
                if row["sql_min"] == row["sql_max"]
                else f"{row['sql_min']}-{row['sql_max']} (mean {row['sql_mean']:.1f})"
            )
        )
        lines.append(
            f"| {row['page']} | {rate(row):,.0f} | {row['p50_us'] / 1000:.1f} "
            f"| {row['p95_us'] / 1000:.1f} | {row['p99_us'] / 1000:.1f} "
            f"| {rate(row) / ceiling:.2f} | {rate(row) / old:.2f} | {sql} "
            f"| {row['peak_rss_mib']:.0f} "
            f"| {sum(row['errors'].values())} | {verdict(row, ceiling, submits, bare)} |"
        )
    if "submits" in facts:
        s = facts["submits"]
        lines += [
            "",
            f"Quiz submits: {s['sent']} sent, {s['submits_ok']} answered with a redirect to "
            f"their attempt, {s['submits_failed']} otherwise; {s['lost']} lost, "
            f"{s['duplicates']} duplicate, {s['unanswered']} stored while in flight at the end.",
        ]
    return "\n".join(lines) + "\n"
