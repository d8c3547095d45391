#!/usr/bin/env python3
"""Fidelity check: the real Canvas client `canvasapi` (pinned 3.6.0) against `conformance mock-canvas`.

Usage: canvasapi_interop.py PATH/TO/conformance

Starts the mock with Tests/Interop/interop-world.yaml, drives it with canvasapi and plain HTTP, stops it
with SIGTERM and checks it exits 0. Exits non-zero with a readable message on the first mismatch.
"""
import os
import signal
import subprocess
import sys

import canvasapi
import requests
from canvasapi import Canvas
from canvasapi.exceptions import Forbidden, InvalidAccessToken, RateLimitExceeded, ResourceDoesNotExist

HERE = os.path.dirname(os.path.abspath(__file__))
WORLD = os.path.join(HERE, "interop-world.yaml")


def check(condition, message):
    if not condition:
        raise AssertionError(message)
    print("ok -", message)


def throttled(base, status, exception, call):
    """Sets a bucket of 3 that never leaks, answering `status` when full; calls `call` until it
    raises `exception` (at most 10 times) and returns that exception."""
    admin(base, "set_rate_limit", {"high_water": 3, "leak_per_second": 0, "status": status})
    for _ in range(10):
        try:
            call()
        except exception as e:
            return e
    raise AssertionError(f"the bucket must fill and answer {status}")


def main(binary):
    assert canvasapi.__version__ == "3.6.0", f"canvasapi 3.6.0 is pinned, found {canvasapi.__version__}"
    proc = subprocess.Popen([binary, "mock-canvas", "--world", WORLD, "--seed", "11"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        base = proc.stdout.readline().strip()
        check(base.startswith("http://127.0.0.1:"), f"first stdout line is the base URL ({base})")
        run_checks(base)
    finally:
        proc.send_signal(signal.SIGTERM)
        code = proc.wait(timeout=20)
    check(code == 0, f"mock-canvas exits 0 on SIGTERM (got {code})")


def admin(base, command, body):
    r = requests.post(f"{base}/__mock/{command}", json=body, timeout=10)
    r.raise_for_status()


def run_checks(base):
    canvas = Canvas(base, "tok-interop")
    user = canvas.get_current_user()
    check(user.id == 1 and user.name == "Interop Student", "get_current_user returns the token's user")

    courses = list(canvas.get_courses(per_page=5))
    check(len(courses) == 23, f"get_courses follows Link rel=next across 5 pages (got {len(courses)})")
    check([c.id for c in courses] == list(range(3001, 3024)), "courses arrive once each, in order")

    course = canvas.get_course(3001)
    check(course.course_code == "C01", "get_course returns the course")
    assignments = list(course.get_assignments(per_page=50))
    check(len(assignments) == 128, f"students see 128 published assignments over 3 pages (got {len(assignments)})")
    check(len({a.id for a in assignments}) == 128, "each assignment once")
    undated = [a for a in assignments if a.due_at is None]
    check(len(undated) == 13, "null due dates arrive as None")
    check(all(not hasattr(a, "due_at_date") for a in undated), "no due_at_date for a null due date")
    dated = next(a for a in assignments if a.due_at is not None)
    check(dated.due_at_date.tzinfo is not None, "canvasapi parses due_at into an aware datetime")
    check(all(hasattr(a, "updated_at_date") for a in assignments), "updated_at parses")

    teacher = Canvas(base, "tok-teacher")
    check(len(list(teacher.get_course(3001).get_assignments())) == 129, "teachers also see the unpublished one")

    try:
        course.get_assignment(700129)
        raise AssertionError("a deleted assignment must be 404")
    except ResourceDoesNotExist:
        check(True, "a deleted assignment raises ResourceDoesNotExist")

    try:
        Canvas(base, "not-a-token").get_current_user()
        raise AssertionError("a bad token must fail")
    except InvalidAccessToken as e:
        check("Invalid access token." in str(e), "a bad token raises InvalidAccessToken")

    # Throttling, Canvas before 2025-10: 403 text/plain "403 Forbidden (Rate Limit Exceeded)".
    e = throttled(base, 403, Forbidden, lambda: canvas.get_current_user())
    check("Rate Limit Exceeded" in str(e), "403 throttling reaches canvasapi as Forbidden with the Canvas text")

    # Throttling since 2025-10: 429, which canvasapi 3.6.0 maps to RateLimitExceeded.
    e = throttled(base, 429, RateLimitExceeded, lambda: Canvas(base, "tok-teacher").get_current_user())
    check("X-Rate-Limit-Remaining: 0.0" in str(e), "429 throttling raises RateLimitExceeded")

    journal = requests.get(f"{base}/__mock/journal", timeout=10).json()
    check(all("tok-" not in str(entry) for entry in journal["entries"]), "the journal never holds a token")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    try:
        main(sys.argv[1])
    except AssertionError as failure:
        print("FAIL -", failure, file=sys.stderr)
        sys.exit(1)
    print("canvasapi interop: all checks passed")
