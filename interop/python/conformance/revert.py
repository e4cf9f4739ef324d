"""Function ``revert``: reverses its single argument as a string."""

import json
from typing import Any, List

from ekuiper import Function, Context


def _as_text(value: Any) -> str:
    if isinstance(value, str):
        return value
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


class RevertFunction(Function):

    def validate(self, args: List[Any]):
        # The host sends AST nodes here; only the count is meaningful.
        if args is None or len(args) != 1:
            count = 0 if args is None else len(args)
            return "revert expects exactly 1 argument, got {}".format(count)
        return ""

    def exec(self, args: List[Any], ctx: Context) -> Any:
        if len(args) != 1:
            raise ValueError("revert expects exactly 1 argument, got {}".format(len(args)))
        value = args[0]
        if value is None:
            return None
        return _as_text(value)[::-1]

    def is_aggregate(self):
        return False
