"""Conformance plugin built on the official eKuiper Python SDK.

eKuiper starts it as ``<python> -u conformance.py '{"sendTimeout":1000}'``
with the plugin folder as working directory; the SDK ignores the argument.
Plugin name ``conformance``: source ``counter``, sink ``collect``,
function ``revert``.
"""

from ekuiper import plugin, PluginConfig

from collect import CollectSink
from counter import CounterSource
from revert import RevertFunction

PLUGIN_NAME = "conformance"


def main():
    config = PluginConfig(
        PLUGIN_NAME,
        {"counter": lambda: CounterSource()},
        {"collect": lambda: CollectSink()},
        {"revert": lambda: RevertFunction()},
    )
    # Dials ipc:///tmp/plugin_conformance.ipc, sends "handshake" and serves
    # control commands on this thread until the process is killed.
    plugin.start(config)


if __name__ == "__main__":
    main()
