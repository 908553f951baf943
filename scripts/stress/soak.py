#!/usr/bin/env python3
"""Soak driver: posts structured CloudEvents to one route at --rate from --threads threads for --seconds, and every
--sample-seconds appends a CSV row: the achieved rate, the app's RSS (/proc/PID/status VmRSS) and open handles
(/proc/PID/fd), p50/p99 latency of that interval, and database bytes (file + WAL) per stored event. At the end it
compares the median of the last third of the samples with the median of the first third (the first sample is
warm-up and left out) and exits 1 when a figure trends up beyond its tolerance:
  RSS      last <= first * 1.20 + 16 MiB
  handles  last <= first + max(10, 10 %)
  p99      last <= first * 2 + 5 ms
  bytes/event  last <= first * 1.10
and when fewer events are stored than were answered 2xx."""
import argparse, csv, http.client, json, os, sqlite3, statistics, sys, threading, time, urllib.parse

p = argparse.ArgumentParser()
p.add_argument("--url", required=True)
p.add_argument("--route", default="soak")
p.add_argument("--pid", type=int, required=True)
p.add_argument("--db", required=True)
p.add_argument("--csv", required=True)
p.add_argument("--rate", type=float, required=True)
p.add_argument("--threads", type=int, default=8)
p.add_argument("--seconds", type=float, default=3600)
p.add_argument("--sample-seconds", type=float, default=60)
args = p.parse_args()

url = urllib.parse.urlparse(args.url)
lock = threading.Lock()
latencies, totals = [], {"ok": 0, "refused": 0, "errors": 0}
stop = time.time() + args.seconds


def worker(index):
    interval = args.threads / args.rate
    next_at, n, connection = time.time(), 0, None
    while time.time() < stop:
        body = json.dumps({"specversion": "1.0", "id": f"soak-{index}-{n}", "source": "/soak", "type": "com.example.soak",
                           "data": {"n": n, "thread": index, "note": "soak payload of a typical size " * 2}})
        n += 1
        started = time.perf_counter()
        try:
            if connection is None:
                connection = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
            connection.request("POST", f"/hooks/{args.route}", body, {"Content-Type": "application/cloudevents+json"})
            response = connection.getresponse()
            response.read()
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                latencies.append(elapsed)
                totals["ok" if 200 <= response.status < 300 else "refused"] += 1
        except Exception:
            with lock:
                totals["errors"] += 1
            connection = None
        next_at += interval
        pause = next_at - time.time()
        if pause > 0:
            time.sleep(pause)
        elif pause < -1:
            next_at = time.time()  # behind by over a second: do not burst to catch up


def rss_mb():
    for line in open(f"/proc/{args.pid}/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def stored():
    db = sqlite3.connect(f"file:{args.db}?mode=ro", uri=True, timeout=10)
    try:
        return db.execute("SELECT COALESCE(MAX(Seq), 0) FROM events").fetchone()[0]
    finally:
        db.close()


def size(path):
    return os.path.getsize(path) if os.path.exists(path) else 0


threads = [threading.Thread(target=worker, args=(i,), daemon=True) for i in range(args.threads)]
for t in threads:
    t.start()
rows, begun, last_ok = [], time.time(), 0
fields = ["minute", "elapsed_s", "offered_per_s", "achieved_per_s", "ok_total", "refused_total", "errors_total", "rss_mb",
          "handles", "p50_ms", "p99_ms", "db_bytes", "events_stored", "bytes_per_event"]
with open(args.csv, "w", newline="") as out:
    writer = csv.DictWriter(out, fieldnames=fields)
    writer.writeheader()
    while time.time() < stop:
        time.sleep(min(args.sample_seconds, max(0.1, stop - time.time())))
        with lock:
            sample, latencies[:] = sorted(latencies), []
            ok, refused, errors = totals["ok"], totals["refused"], totals["errors"]
        events = stored()
        db_bytes = size(args.db) + size(args.db + "-wal")
        row = {"minute": len(rows) + 1, "elapsed_s": round(time.time() - begun), "offered_per_s": args.rate,
               "achieved_per_s": round((ok - last_ok) / args.sample_seconds, 1), "ok_total": ok, "refused_total": refused,
               "errors_total": errors, "rss_mb": round(rss_mb(), 1), "handles": len(os.listdir(f"/proc/{args.pid}/fd")),
               "p50_ms": round(sample[len(sample) // 2], 2) if sample else 0,
               "p99_ms": round(sample[min(len(sample) - 1, int(len(sample) * 0.99))], 2) if sample else 0,
               "db_bytes": db_bytes, "events_stored": events, "bytes_per_event": round(db_bytes / events, 1) if events else 0}
        last_ok = ok
        rows.append(row)
        writer.writerow(row)
        out.flush()
        print(json.dumps(row), flush=True)

for t in threads:
    t.join(timeout=35)
time.sleep(1)
final_stored, failures = stored(), []
if final_stored < totals["ok"]:
    failures.append(f"{totals['ok']} events answered 2xx but only {final_stored} stored")
body = rows[1:] if len(rows) > 3 else rows
third = max(1, len(body) // 3)
first, last = body[:third], body[-third:]
med = lambda rs, k: statistics.median(r[k] for r in rs)
checks = [("rss_mb", lambda f: f * 1.20 + 16), ("handles", lambda f: f + max(10, f * 0.10)),
          ("p99_ms", lambda f: f * 2 + 5), ("bytes_per_event", lambda f: f * 1.10)]
summary = {"samples": len(rows), "ok": totals["ok"], "refused": totals["refused"], "errors": totals["errors"], "stored": final_stored}
for key, limit in checks:
    a, b = med(first, key), med(last, key)
    summary[key] = {"first": a, "last": b, "limit": round(limit(a), 2)}
    if b > limit(a):
        failures.append(f"{key} trends up: median {a} in the first third, {b} in the last (limit {limit(a):.2f})")
print("summary: " + json.dumps(summary))
for failure in failures:
    print("FAIL: " + failure)
sys.exit(1 if failures else 0)
