"""condition_pingpong: two threads take turns through one Condition (over a Lock); round trips checked."""

import threading

from _common import check, main, run_threads


def describe(p):
    return "2 threads take turns through one condition, %d round trips" % p["round_trips"]


def one_run(p):
    cond = threading.Condition(threading.Lock())
    handoffs = 0  # even: the ping side's turn, odd: the pong side's; guarded by cond
    n = p["round_trips"]

    def player(parity):
        def body():
            nonlocal handoffs
            for _ in range(n):
                with cond:
                    while handoffs % 2 != parity:
                        cond.wait()
                    handoffs += 1
                    cond.notify()
        return body

    run_threads([player(0), player(1)])
    check(handoffs == 2 * n, "handoffs %d (expected: %d)" % (handoffs, 2 * n))


if __name__ == "__main__":
    main("condition_pingpong", "round trips/s", describe, one_run, amount=lambda p: p["round_trips"],
         full={"round_trips": 50_000}, quick={"round_trips": 5_000})
