"""What threaded_echo.py and asyncio_echo.py share: the 64-byte messages and their expected replies.

Round trip i sends message(i) and expects reply(i), its upper-cased copy (lower-case letters and
digits, built as EchoWorkload.java builds them). A server handler reads up to READ_BYTES at once.
"""

MESSAGE_BYTES = 64
READ_BYTES = 1024
_VARIANTS = 32


def _make(k):
    chars = []
    for j in range(MESSAGE_BYTES):
        c = (k + j) % 32  # lower-case letters, then digits, which upper() keeps
        chars.append(ord("a") + c if c < 26 else ord("0") + c - 26)
    return bytes(chars)


MESSAGES = [_make(k) for k in range(_VARIANTS)]
REPLIES = [m.upper() for m in MESSAGES]


def message(i):
    return MESSAGES[i % _VARIANTS]


def reply(i):
    return REPLIES[i % _VARIANTS]


def describe(kind, p):
    """The workload text, identical to the Java side's."""
    return "%s echo server (upper-cases), %d clients x %d round trips of %d B" % (
        kind, p["clients"], p["round_trips"], MESSAGE_BYTES)
