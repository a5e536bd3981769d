"""Shared harness for the CPython side of the side-by-side benchmarks (standard library only).

Each bench/python/NAME.py runs one workload: a warm-up run, then the best of N timed runs
(3 unless --runs says otherwise), and prints one line ``NAME cpython VALUE UNIT``.
Other lines are comments starting with '#'; the first is ``# workload: ...``, which the Java
runner compares with its own description so that all three sides do the same work.
A wrong result (count, order, balance) prints a '#' line and exits with status 1.
"""

import argparse
import sys
import threading
import time


class CheckFailed(Exception):
    """The workload produced a wrong result."""


def check(condition, message):
    if not condition:
        raise CheckFailed(message)


def run_threads(targets):
    """Start one thread per target, join them all, re-raise the first failure of any of them."""
    errors = []

    def guarded(target):
        def body():
            try:
                target()
            except BaseException as e:  # noqa: B902 - reported to the caller below
                errors.append(e)
        return body

    threads = [threading.Thread(target=guarded(t)) for t in targets]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        raise errors[0]


# Units printed with three decimals; every other unit is a throughput printed as a whole number.
DECIMAL_UNITS = ("seconds", "ms", "ratio", "speedup")


def format_value(value, unit):
    return "%.3f" % value if unit in DECIMAL_UNITS else "%d" % round(value)


def parse_args(name):
    """The command line (--runs N, --quick) of bench/python/NAME.py."""
    parser = argparse.ArgumentParser(prog=name + ".py")
    parser.add_argument("--runs", type=int, default=3, help="timed runs after the warm-up (default 3)")
    parser.add_argument("--quick", action="store_true", help="about 10x smaller workload")
    args = parser.parse_args()
    if args.runs < 1:
        parser.error("--runs: %d (expected: >= 1)" % args.runs)
    return args


def timed(work):
    """Seconds taken by work()."""
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def main_session(name, unit, describe, session, full, quick):
    """Run the benchmark NAME whose figure is not simply amount / time of one run.

    session(params, runs) does the warm-up and the timed runs itself (it may keep child processes
    or a pool alive across them, untimed) and returns the figure; it may print '#' lines and
    raise CheckFailed. Output and exit status are as for main().
    """
    args = parse_args(name)
    params = quick if args.quick else full
    print("# workload: " + describe(params), flush=True)
    try:
        value = session(params, args.runs)
    except CheckFailed as e:
        print("# %s cpython check failed: %s" % (name, e), flush=True)
        sys.exit(1)
    print("%s cpython %s %s" % (name, format_value(value, unit), unit), flush=True)


def main(name, unit, describe, one_run, amount=None, full=None, quick=None, before=None):
    """Run the benchmark NAME from the command line.

    full, quick: the workload parameters (a dict) for a normal and a --quick run.
    describe(params): the workload text, identical to the Java side's.
    one_run(params): does the work once and checks the result (raising CheckFailed).
    amount(params): operations per run for throughput units; None means the unit is seconds
    and the best (lowest) run time is reported.
    before(params): optional, run once before the warm-up (untimed); may print '#' lines and check.
    """
    args = parse_args(name)
    params = quick if args.quick else full
    print("# workload: " + describe(params), flush=True)
    try:
        if before is not None:
            before(params)
        one_run(params)  # warm-up
        best = None
        for _ in range(args.runs):
            start = time.perf_counter()
            one_run(params)
            elapsed = time.perf_counter() - start
            best = elapsed if best is None else min(best, elapsed)
    except CheckFailed as e:
        print("# %s cpython check failed: %s" % (name, e), flush=True)
        sys.exit(1)
    value = best if amount is None else amount(params) / best
    print("%s cpython %s %s" % (name, format_value(value, unit), unit), flush=True)
