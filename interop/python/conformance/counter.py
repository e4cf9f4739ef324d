"""Source ``counter``: emits ``count`` numbered records, then idles."""

import logging
import threading

from ekuiper import Source, Context


def _int_option(conf: dict, key: str, default: int) -> int:
    value = conf.get(key, default)
    if value is None:
        return default
    # Hosts written in Go encode numbers as floats; accept 3, 3.0 and "3".
    if isinstance(value, bool):
        raise ValueError("counter: {} must be a number, got {!r}".format(key, value)) from None
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ValueError("counter: {} must be a number, got {!r}".format(key, value)) from None
    if number != int(number) or number < 0:
        raise ValueError("counter: {} must be a non-negative integer, got {!r}".format(key, value))
    return int(number)


class CounterSource(Source):
    """Config: ``count`` (int, default 10), ``interval`` (ms, default 10).

    Record i (i = 0..count-1) is ``{"n": i, "text": "rec-i"}`` with meta
    ``{"seq": i}``. After the last record the source stays open, without
    emitting, until the host stops it.
    """

    def __init__(self):
        self.count = 10
        self.interval_ms = 10
        self.closed = threading.Event()

    def configure(self, datasource: str, conf: dict):
        conf = conf or {}
        self.count = _int_option(conf, "count", 10)
        self.interval_ms = _int_option(conf, "interval", 10)
        logging.info("counter configured: count=%d interval=%dms datasource=%r",
                     self.count, self.interval_ms, datasource)

    def open(self, ctx: Context):
        for i in range(self.count):
            if self.closed.is_set():
                return
            ctx.emit({"n": i, "text": "rec-{}".format(i)}, {"seq": i})
            if i < self.count - 1 and self.interval_ms > 0:
                if self.closed.wait(self.interval_ms / 1000.0):
                    return
        logging.info("counter emitted %d records, idling", self.count)
        self.closed.wait()

    def close(self, ctx: Context):
        self.closed.set()
