"""Sink ``collect``: appends every received row as one JSON line to a file."""

import json
import logging
import threading
from typing import Any

from ekuiper import Sink, Context


def _bool_option(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip().lower() == "true"
    return bool(value)


class CollectSink(Sink):
    """Config: ``path`` (required), ``requireAck`` (bool, default false).

    A JSON array payload appends each element as one line; a JSON object
    appends one line. When ``requireAck`` is true, every payload is answered
    on the ack channel with ``{}`` or ``{"error": "..."}``.
    """

    def __init__(self):
        self.path = None
        self.require_ack = False
        self.lock = threading.Lock()

    def configure(self, conf: dict):
        conf = conf or {}
        path = conf.get("path")
        if not isinstance(path, str) or path == "":
            raise ValueError("collect: property 'path' is required")
        self.path = path
        self.require_ack = _bool_option(conf.get("requireAck", False))
        logging.info("collect configured: path=%s requireAck=%s", self.path, self.require_ack)

    def open(self, ctx: Context):
        pass

    def collect(self, ctx: Context, data: Any):
        try:
            self._append(data)
        except Exception as e:
            message = str(e) or e.__class__.__name__
            logging.error("%s", message)
            self._ack(ctx, message)
            return
        self._ack(ctx, None)

    def close(self, ctx: Context):
        pass

    def _append(self, data: Any):
        try:
            if isinstance(data, (bytes, bytearray)):
                data = bytes(data).decode("utf-8")
            payload = json.loads(data)
        except ValueError as e:
            raise ValueError("collect: payload is not JSON: {}".format(e))
        if isinstance(payload, list):
            rows = payload
        elif isinstance(payload, dict):
            rows = [payload]
        else:
            raise ValueError("collect: payload must be a JSON object or array")
        text = "".join(json.dumps(row, separators=(",", ":"), ensure_ascii=False) + "\n"
                       for row in rows)
        with self.lock:
            with open(self.path, "a", encoding="utf-8") as f:
                f.write(text)
                f.flush()

    def _ack(self, ctx: Context, error):
        if not self.require_ack:
            return
        try:
            if error is None:
                ctx.ack_ok()
            else:
                ctx.ack_error(error)
        except Exception as e:
            # The host closes its ack socket before it sends stop; keep going.
            logging.warning("collect: cannot send ack: %s", e)
