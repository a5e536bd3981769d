"""CPython twin of the lab's shared-data experiment: the course's bank account (100 deposits of 1
yuan) and the 100-thread countdown, without and with a lock.

Prints flat JSON: the final balance and money of each variant.
"""
import argparse
import json
import threading
import time


class Account:
    def __init__(self, locked, pause):
        self._balance = 0
        self._lock = threading.Lock()
        self._locked = locked
        self._pause = pause

    def deposit(self, money):
        if self._locked:
            with self._lock:
                self._deposit(money)
        else:
            self._deposit(money)

    def _deposit(self, money):
        new_balance = self._balance + money  # 计算存款后的余额
        time.sleep(self._pause)              # 模拟受理存款业务需要0.01秒的时间
        self._balance = new_balance          # 修改账户余额

    @property
    def balance(self):
        return self._balance


def bank(locked, pause):
    account = Account(locked, pause)
    threads = [threading.Thread(target=account.deposit, args=(1,)) for _ in range(100)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return account.balance


def countdown(locked, pause):
    state = {"money": 100}
    mutex = threading.Lock()

    def task():
        if locked:
            mutex.acquire()
        try:
            tmp = state["money"]
            time.sleep(pause)  # 只要你进入IO了 GIL会自动释放
            state["money"] = tmp - 1
        finally:
            if locked:
                mutex.release()

    threads = [threading.Thread(target=task) for _ in range(100)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return state["money"]


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--bank-sleep", type=float, default=0.01)
    p.add_argument("--countdown-sleep", type=float, default=0.1)
    a = p.parse_args()
    print(json.dumps({
        "bank_nolock": bank(False, a.bank_sleep),
        "bank_lock": bank(True, a.bank_sleep),
        "countdown_nolock": countdown(False, a.countdown_sleep),
        "countdown_lock": countdown(True, a.countdown_sleep),
    }))


if __name__ == "__main__":
    main()
