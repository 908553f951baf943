#!/usr/bin/env python3
"""A slow HTTP receiver for workflow http steps: every request waits --delay seconds, then answers 200. The
Idempotency-Key of every request is appended on arrival to --keys (one line each), so a key that arrives more than once shows a
step the runtime executed again. Stops on SIGTERM."""
import argparse, http.server, signal, sys, threading, time

parser = argparse.ArgumentParser()
parser.add_argument("--port", type=int, required=True)
parser.add_argument("--delay", type=float, default=1.0)
parser.add_argument("--keys", required=True)
args = parser.parse_args()
signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
lock = threading.Lock()
keys = open(args.keys, "a", buffering=1)


class Slow(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self):
        with lock:
            keys.write((self.headers.get("Idempotency-Key") or "-") + "\n")
        time.sleep(args.delay)
        try:
            self.send_response(200)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"ok")
        except (BrokenPipeError, ConnectionResetError):
            pass  # the caller died (the owner was killed mid-call); the call was still received and recorded

    def log_message(self, *_):
        pass


server = http.server.ThreadingHTTPServer(("127.0.0.1", args.port), Slow)
server.daemon_threads = True
server.serve_forever()
