"""The results table, with each page checked against the issue's targets."""

from __future__ import annotations

P99_TARGET_MS = 50
# Throughput as a share of /healthz on the same server in the same run.
RATIO_TARGETS = {
    "module page": 0.5,
    "rep home": 0.3,
    "course page": 0.3,
    "quiz submit": 0.2,
    "team dashboard": 0.1,
}


def rate(row: dict) -> float:
    return row["requests"] / (row["duration_us"] / 1e6)


def verdict(row: dict, ceiling: float, submits: dict) -> str:
    """'ok' or what is missed."""
    missed = []
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
    ceiling = max(rate(r) for r in results if r["page"].startswith("/healthz"))
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
        "| page | req/s | p50 ms | p95 ms | p99 ms | / healthz | SQL per request "
        "| peak RSS per worker MiB | wrk errors | target |",
        "|---|---|---|---|---|---|---|---|---|---|",
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
            f"| {rate(row) / ceiling:.2f} | {sql} | {row['peak_rss_mib']:.0f} "
            f"| {sum(row['errors'].values())} | {verdict(row, ceiling, submits)} |"
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
