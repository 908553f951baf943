#!/usr/bin/env python3
"""Posts CloudEvents to one route from several threads until killed or --seconds pass; appends the id of every event
answered 2xx to --acks (one line each, flushed), so a checker can prove each acknowledged event was stored.
Connection errors and non-2xx answers are counted, never recorded as acknowledged."""
import argparse, signal, http.client, json, threading, time, urllib.parse, sys

parser = argparse.ArgumentParser()
parser.add_argument("--url", required=True)
parser.add_argument("--route", default="stress")
parser.add_argument("--prefix", required=True)
parser.add_argument("--acks", required=True)
parser.add_argument("--threads", type=int, default=4)
parser.add_argument("--seconds", type=float, default=3600)
parser.add_argument("--rate", type=float, default=0, help="events per second over all threads; 0 = as fast as answered")
args = parser.parse_args()
# SIGTERM ends the run like --seconds does, so the figures below are still printed.
signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))

url = urllib.parse.urlparse(args.url)
lock = threading.Lock()
acks = open(args.acks, "a", buffering=1)
stats = {"ok": 0, "refused": 0, "errors": 0, "refusedByStatus": {}}
deadline = time.time() + args.seconds


def worker(index):
    n = 0
    connection = None
    pause = args.threads / args.rate if args.rate > 0 else 0
    while time.time() < deadline:
        event_id = f"{args.prefix}-t{index}-{n}"
        n += 1
        body = json.dumps({"specversion": "1.0", "id": event_id, "source": "/stress", "type": "com.example.stress",
                           "data": {"n": n, "thread": index}})
        try:
            if connection is None:
                connection = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
            connection.request("POST", f"/hooks/{args.route}", body, {"Content-Type": "application/cloudevents+json"})
            response = connection.getresponse()
            response.read()
            with lock:
                if 200 <= response.status < 300:
                    acks.write(event_id + "\n")
                    stats["ok"] += 1
                else:
                    stats["refused"] += 1
                    by_status = stats["refusedByStatus"]
                    by_status[str(response.status)] = by_status.get(str(response.status), 0) + 1
        except Exception:
            with lock:
                stats["errors"] += 1
            connection = None
            time.sleep(0.05)
        if pause:
            time.sleep(pause)


threads = [threading.Thread(target=worker, args=(i,), daemon=True) for i in range(args.threads)]
for t in threads:
    t.start()
try:
    for t in threads:
        t.join()
finally:
    print(json.dumps(stats), file=sys.stderr)
