"""Benchmark plugin built on the official eKuiper Python SDK.

The Python side of the end-to-end benchmark in ekuiper-plugin-benchmarks
(package dev.ekuiper.plugin.benchmarks.sdk); its symbols match the Java
plugin's and are made for speed. eKuiper starts it as
``<python> -u bench.py '{"sendTimeout":1000}'`` with this folder as working
directory. Plugin name ``bench``:

- source ``bench_source``: emits ``{"n": i}`` for i = 0..count-1 in a tight
  loop, then idles until stopped;
- sink ``bench_sink``: only counts; acks every message when ``requireAck``
  is true; creates ``doneFile`` once it has counted ``expect`` messages;
- function ``bench_echo``: returns its first argument.
"""

import threading
from typing import Any, List

from ekuiper import plugin, PluginConfig, Source, Sink, Function, Context

PLUGIN_NAME = "bench"


def _number(conf: dict, key: str) -> int:
    value = conf.get(key)
    return 0 if value is None else int(float(value))


class EmitSource(Source):

    def __init__(self):
        self.count = 0
        self.closed = threading.Event()

    def configure(self, datasource: str, conf: dict):
        self.count = _number(conf or {}, "count")

    def open(self, ctx: Context):
        for i in range(self.count):
            if self.closed.is_set():
                return
            ctx.emit({"n": i}, None)
        self.closed.wait()

    def close(self, ctx: Context):
        self.closed.set()


class CountSink(Sink):

    def __init__(self):
        self.received = 0
        self.expect = 0
        self.done_file = None
        self.require_ack = False

    def configure(self, conf: dict):
        conf = conf or {}
        ack = conf.get("requireAck", False)
        self.require_ack = ack.strip().lower() == "true" if isinstance(ack, str) else bool(ack)
        self.expect = _number(conf, "expect")
        self.done_file = conf.get("doneFile") or None

    def open(self, ctx: Context):
        pass

    def collect(self, ctx: Context, data: Any):
        self.received += 1
        if self.received == self.expect and self.done_file:
            with open(self.done_file, "w") as f:
                f.write(str(self.expect))
        if self.require_ack:
            ctx.ack_ok()

    def close(self, ctx: Context):
        pass


class EchoFunction(Function):

    def validate(self, args: List[Any]):
        return ""

    def exec(self, args: List[Any], ctx: Context) -> Any:
        return args[0] if args else None

    def is_aggregate(self):
        return False


def main():
    plugin.start(PluginConfig(
        PLUGIN_NAME,
        {"bench_source": lambda: EmitSource()},
        {"bench_sink": lambda: CountSink()},
        {"bench_echo": lambda: EchoFunction()},
    ))


if __name__ == "__main__":
    main()
