#!/usr/bin/env python3
"""Asks an HTTP URL every INTERVAL seconds, each request on its own connection and thread,
until one answers 200; prints the wall-clock time (seconds since the epoch) of that answer.

A request OpenCode took before it serves is never answered: it is given up after TIMEOUT
seconds, and meanwhile the next ones go out (the app's start does the same:
SandboxController::waitHealthy). One process for all requests, so that the probing costs
the machine next to nothing while the start it times runs.

Usage: [UNTIL_200_USER=USER:PASSWORD] until-200.py URL [--interval 0.02] [--timeout 0.5] [--limit 120]
(the credentials, for basic authentication, from the environment: not on a command line)
Exit status 1 (and the last status on stderr) when nothing answered 200 within LIMIT seconds.
"""
import argparse
import base64
import http.client
import os
import sys
import threading
import time
import urllib.parse


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("url")
    ap.add_argument("--interval", type=float, default=0.02)
    ap.add_argument("--timeout", type=float, default=0.5)
    ap.add_argument("--limit", type=float, default=120)
    a = ap.parse_args()
    u = urllib.parse.urlsplit(a.url)
    headers = {}
    user = os.environ.get("UNTIL_200_USER")
    if user:
        headers["Authorization"] = "Basic " + base64.b64encode(user.encode()).decode()
    done = threading.Event()
    answered = []
    last = ["nothing"]

    def ask():
        try:
            c = http.client.HTTPConnection(u.hostname, u.port, timeout=a.timeout)
            c.request("GET", u.path or "/", headers=headers)
            r = c.getresponse()
            r.read()
            c.close()
            last[0] = str(r.status)
            if r.status == 200 and not done.is_set():
                answered.append(time.time())
                done.set()
        except Exception as e:  # refused, reset, timed out: ask again
            last[0] = type(e).__name__

    end = time.monotonic() + a.limit
    while not done.is_set():
        if time.monotonic() > end:
            print(f"no 200 within {a.limit} s (last: {last[0]})", file=sys.stderr)
            return 1
        threading.Thread(target=ask, daemon=True).start()
        done.wait(a.interval)
    print(f"{answered[0]:.6f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
