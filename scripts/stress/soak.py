#!/usr/bin/env python3
"""Soak trend check: reads the CSV the soak driver wrote (`Dashboard.Benchmarks soak`, one row per sample interval and
a last row after the final answers) and the app's database, and exits 1 when a figure trends up beyond its tolerance,
comparing the median of the last third of the interval rows with the median of the first third (the first row is
warm-up and left out, the last row covers only the final answers and is used for the totals):
  RSS          last <= first * 1.20 + 16 MiB
  handles      last <= first + max(10, 10 %)
  p99          last <= first * 2 + 5 ms
  bytes/event  last <= first * 1.10
  runs pending last <= first * 2 + 1000  (runs queued or running: the workflow runtime keeps up)
It also fails when fewer events are stored than were answered 2xx, when the rate the driver sent or the rate answered
2xx (medians of the interval rows) falls below 95 % of the offered rate (the soak did not run at its rate), or when --runs-left (runs still queued or running
once the soak.sh wait ended) is not 0.
Usage: soak.py --csv CSV --db DATABASE [--runs-left N]"""
import argparse, csv, json, sqlite3, statistics, sys

p = argparse.ArgumentParser()
p.add_argument("--csv", required=True)
p.add_argument("--db", required=True)
p.add_argument("--runs-left", type=int, default=0)
args = p.parse_args()

rows = [{k: float(v) for k, v in r.items()} for r in csv.DictReader(open(args.csv))]
if len(rows) < 2:
    print("FAIL: fewer than two samples in " + args.csv)
    sys.exit(1)
final, intervals = rows[-1], rows[:-1]
body = intervals[1:] if len(intervals) > 3 else intervals
db = sqlite3.connect(f"file:{args.db}?mode=ro", uri=True, timeout=10)
stored = db.execute("SELECT COALESCE(MAX(Seq), 0) FROM events").fetchone()[0]
db.close()

failures = []
ok = int(final["ok_total"])
if stored < ok:
    failures.append(f"{ok} events answered 2xx but only {stored} stored")
if args.runs_left:
    failures.append(f"{args.runs_left} runs still queued or running after the soak")
achieved = statistics.median(r["achieved_per_s"] for r in body)
sent = statistics.median(r["sent_per_s"] for r in body)
if sent < 0.95 * final["offered_per_s"]:
    failures.append(f"the driver sent {sent:.0f}/s (median per interval), below 95 % of the rate {final['offered_per_s']:.0f}/s")
if achieved < 0.95 * final["offered_per_s"]:
    failures.append(f"achieved {achieved:.0f}/s answered 2xx (median per interval), below 95 % of the offered {final['offered_per_s']:.0f}/s")
third = max(1, len(body) // 3)
first, last = body[:third], body[-third:]
med = lambda rs, k: statistics.median(r[k] for r in rs)
checks = [("rss_mb", lambda f: f * 1.20 + 16), ("handles", lambda f: f + max(10, f * 0.10)),
          ("p99_ms", lambda f: f * 2 + 5), ("bytes_per_event", lambda f: f * 1.10), ("runs_pending", lambda f: f * 2 + 1000)]
summary = {"samples": len(intervals), "ok": ok, "refused": int(final["refused_total"]), "errors": int(final["errors_total"]),
           "stored": stored, "sentMedianPerS": sent, "achievedMedianPerS": achieved, "runsLeft": args.runs_left}
for key, limit in checks:
    a, b = med(first, key), med(last, key)
    summary[key] = {"first": a, "last": b, "limit": round(limit(a), 2)}
    if b > limit(a):
        failures.append(f"{key} trends up: median {a} in the first third, {b} in the last (limit {limit(a):.2f})")
print("summary: " + json.dumps(summary))
for failure in failures:
    print("FAIL: " + failure)
sys.exit(1 if failures else 0)
