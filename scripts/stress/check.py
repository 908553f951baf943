#!/usr/bin/env python3
"""Checks a data folder after a stress run: every acknowledged id stored exactly once, every stored event of the
stress definition has exactly one run per workflow, every run finished and succeeded, and each step succeeded at most
once per run (an http step's idempotency key is used by one successful call). Prints figures as JSON; exit 1 on loss.
Usage: check.py DATABASE ACKS [REPEATS_ALLOWED]: REPEATS_ALLOWED (default 0) is how many steps may have succeeded twice
(and idempotency keys been used twice), for a fault whose stated bound allows some re-execution."""
import json, sqlite3, sys

database, acks_path = sys.argv[1], sys.argv[2]
repeats_allowed = int(sys.argv[3]) if len(sys.argv) > 3 else 0
acked = [line.strip() for line in open(acks_path) if line.strip()]
db = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
stored = {}
for event_id, count in db.execute("SELECT Id, COUNT(*) FROM events WHERE Source = '/stress' GROUP BY Id"):
    stored[event_id] = count
lost = [i for i in acked if i not in stored]
duplicated = [i for i, c in stored.items() if c != 1]
events = db.execute("SELECT COUNT(*) FROM events WHERE Source = '/stress'").fetchone()[0]
runs = db.execute("SELECT COUNT(*) FROM runs r JOIN events e ON e.Seq = r.EventSeq WHERE e.Source = '/stress'").fetchone()[0]
without_run = db.execute("""SELECT COUNT(*) FROM events e WHERE e.Source = '/stress'
    AND NOT EXISTS (SELECT 1 FROM runs r WHERE r.EventSeq = e.Seq)""").fetchone()[0]
unfinished = db.execute("""SELECT COUNT(*) FROM runs r JOIN events e ON e.Seq = r.EventSeq
    WHERE e.Source = '/stress' AND r.State IN ('Queued', 'Running')""").fetchone()[0]
not_succeeded = db.execute("""SELECT COUNT(*) FROM runs r JOIN events e ON e.Seq = r.EventSeq
    WHERE e.Source = '/stress' AND r.State <> 'Succeeded'""").fetchone()[0]
steps_twice = db.execute("""SELECT COUNT(*) FROM (SELECT RunId, StepIndex FROM step_results WHERE State = 'Succeeded'
    GROUP BY RunId, StepIndex HAVING COUNT(*) > 1)""").fetchone()[0]
keys_twice = db.execute("""SELECT COUNT(*) FROM (SELECT IdempotencyKey FROM step_results
    WHERE State = 'Succeeded' AND IdempotencyKey IS NOT NULL GROUP BY IdempotencyKey HAVING COUNT(*) > 1)""").fetchone()[0]
integrity = db.execute("PRAGMA integrity_check").fetchone()[0]
figures = {"acknowledged": len(acked), "stored": events, "lost": len(lost), "storedTwice": len(duplicated), "runs": runs,
           "eventsWithoutRun": without_run, "runsUnfinished": unfinished, "runsNotSucceeded": not_succeeded,
           "stepsSucceededTwice": steps_twice, "idempotencyKeysUsedTwice": keys_twice, "repeatsAllowed": repeats_allowed, "integrity": integrity}
print(json.dumps(figures))
bad = (lost or duplicated or without_run or unfinished or not_succeeded or steps_twice > repeats_allowed
       or keys_twice > repeats_allowed or integrity != "ok")
if lost:
    print("lost (first 10):", lost[:10], file=sys.stderr)
sys.exit(1 if bad else 0)
