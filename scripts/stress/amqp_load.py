#!/usr/bin/python3
"""Publishes CloudEvents (structured JSON, persistent) to a RabbitMQ queue with publisher confirms until killed or
--seconds pass; appends the id of every message the broker confirmed to --acks (one line each, flushed), so a checker
can prove each confirmed message was stored. A lost connection is retried every 0.5 s; unconfirmed messages are never
recorded. Needs Debian's python3-pika (apt-get install -y python3-pika), hence /usr/bin/python3."""
import argparse, signal, json, sys, time
import pika

parser = argparse.ArgumentParser()
parser.add_argument("--uri", required=True)
parser.add_argument("--queue", required=True)
parser.add_argument("--prefix", required=True)
parser.add_argument("--acks", required=True)
parser.add_argument("--seconds", type=float, default=3600)
parser.add_argument("--rate", type=float, default=100, help="messages per second; 0 = as fast as confirmed")
args = parser.parse_args()
# SIGTERM ends the run like --seconds does, so the figures below are still printed.
signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))

acks = open(args.acks, "a", buffering=1)
stats = {"confirmed": 0, "errors": 0}
deadline = time.time() + args.seconds
pause = 1 / args.rate if args.rate > 0 else 0
n = 0
channel = None
try:
    while time.time() < deadline:
        try:
            if channel is None:
                connection = pika.BlockingConnection(pika.URLParameters(args.uri))
                channel = connection.channel()
                channel.confirm_delivery()
                channel.queue_declare(args.queue, durable=True)
            event_id = f"{args.prefix}-{n}"
            body = json.dumps({"specversion": "1.0", "id": event_id, "source": "/stress", "type": "com.example.stress",
                               "data": {"n": n, "via": "amqp"}})
            channel.basic_publish("", args.queue, body, pika.BasicProperties(content_type="application/cloudevents+json",
                                                                              delivery_mode=2), mandatory=True)
            acks.write(event_id + "\n")
            stats["confirmed"] += 1
            n += 1
        except Exception:
            stats["errors"] += 1
            n += 1  # the unconfirmed id is never reused: it may or may not have reached the queue
            channel = None
            time.sleep(0.5)
        if pause:
            time.sleep(pause)
finally:
    print(json.dumps(stats), file=sys.stderr)
