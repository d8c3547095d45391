#!/usr/bin/env python3
"""Reads JUnit reports with two independent consumers (pinned: junitparser 5.0.3, xunitparser 1.3.4)
and checks the counts they see.

Usage: junit_consumers.py REPORT TESTS FAILURES ERRORS SKIPPED [REPORT TESTS FAILURES ERRORS SKIPPED ...]
Exits non-zero with a readable message on the first mismatch.
"""
import sys

import junitparser
import xunitparser


def check(path, tests, failures, errors, skipped):
    assert junitparser.version == "5.0.3", f"junitparser 5.0.3 is pinned, found {junitparser.version}"
    xml = junitparser.JUnitXml.fromfile(path)
    if isinstance(xml, junitparser.TestSuite):
        suites = [xml]
    else:
        suites = list(xml)
    seen = (sum(s.tests for s in suites), sum(s.failures for s in suites), sum(s.errors for s in suites), sum(s.skipped for s in suites))
    counted = [0, 0, 0, 0]
    for suite in suites:
        for case in suite:
            counted[0] += 1
            for result in case.result:
                if isinstance(result, junitparser.Failure):
                    counted[1] += 1
                elif isinstance(result, junitparser.Error):
                    counted[2] += 1
                elif isinstance(result, junitparser.Skipped):
                    counted[3] += 1
    want = (tests, failures, errors, skipped)
    if seen != want or tuple(counted) != want:
        raise AssertionError(f"junitparser on {path}: attributes {seen}, cases {tuple(counted)}, expected {want}")
    with open(path) as handle:
        _, result = xunitparser.parse(handle)
    xseen = (result.testsRun, len(result.failures), len(result.errors), len(result.skipped))
    if xseen != want:
        raise AssertionError(f"xunitparser on {path}: {xseen}, expected {want}")
    print(f"ok - {path}: tests={tests} failures={failures} errors={errors} skipped={skipped} (junitparser and xunitparser agree)")


if __name__ == "__main__":
    args = sys.argv[1:]
    if not args or len(args) % 5:
        sys.exit(__doc__)
    try:
        for i in range(0, len(args), 5):
            check(args[i], *map(int, args[i + 1:i + 5]))
    except AssertionError as failure:
        print("FAIL -", failure, file=sys.stderr)
        sys.exit(1)
    print("junit consumers: all checks passed")
