"""Benchmark: what `make test` and `make test-fast` cost on this machine, and where it goes.

Runs `make test-fast` and `make test` (warm: run them once first if the PDF cache is cold) and
prints, per run:
  - wall time, and the machine's CPU seconds over that time (from /proc/stat: Chromium's
    renderers are not children that `time` would count), so that a run limited by the
    cores shows as CPU ≈ wall × cores;
  - the tests' own seconds summed per file (setup, call and teardown, from a JUnit report),
    largest first, and the slowest tests.

Usage: .venv/bin/python bench/tests.py [--runs N] [--fast-only]      (figures, not a test)
"""
from __future__ import annotations

import argparse
import collections
import os
import subprocess
import tempfile
import time
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGETS = ("test-fast", "test")   # the Makefile's targets, run as they are (lint included)


def machine_cpu_seconds() -> float:
    fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
    busy = sum(int(f) for i, f in enumerate(fields) if i not in (3, 4))   # all but idle and iowait
    return busy / os.sysconf("SC_CLK_TCK")


def run(target: str) -> None:
    name = f"make {target}"
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.xml"
        # CI=true: browser tests run, never skip. The report comes through pytest's own variable.
        env = dict(os.environ, CI="true", PYTEST_ADDOPTS=f"--junitxml={report}")
        cpu, start = machine_cpu_seconds(), time.perf_counter()
        done = subprocess.run(["make", "-s", target], cwd=ROOT, env=env, capture_output=True, text=True)
        wall, cpu = time.perf_counter() - start, machine_cpu_seconds() - cpu
        summary = done.stdout.strip().splitlines()[-1].strip("= ") if done.stdout.strip() else "(no output)"
        print(f"\n{name}: {wall:.1f} s wall, {cpu:.1f} s CPU on {os.cpu_count()} cores "
              f"({cpu / wall:.2f} cores busy); exit {done.returncode}; {summary}")
        if not report.exists():
            print(done.stderr[-2000:])
            return
        per_file: collections.Counter = collections.Counter()
        per_test = []
        for case in ET.parse(report).iter("testcase"):
            seconds = float(case.get("time") or 0)
            for problem in [*case.iter("failure"), *case.iter("error")]:
                # A figure from a failing run is no figure: say which test and why.
                print(f"  {problem.tag.upper()} {case.get('classname')}::{case.get('name')}: "
                      f"{(problem.get('message') or '')[:300]}")
            per_file[case.get("classname", "?").rsplit(".", 1)[-1]] += seconds
            per_test.append((seconds, f"{case.get('classname')}::{case.get('name')}"))
        print(f"  tests' own seconds: {sum(per_file.values()):.1f} (summed over the workers)")
        for module, seconds in per_file.most_common(8):
            print(f"  {seconds:7.1f} s  {module}")
        print("  slowest:")
        for seconds, test in sorted(per_test, reverse=True)[:8]:
            print(f"  {seconds:7.1f} s  {test}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--fast-only", action="store_true")
    args = parser.parse_args()
    for _ in range(args.runs):
        for target in TARGETS:
            if not (args.fast_only and target != "test-fast"):
                run(target)


if __name__ == "__main__":
    main()
