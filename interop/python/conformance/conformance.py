"""Conformance plugin built on the official eKuiper Python SDK.

eKuiper starts it as ``<python> -u conformance.py '{"sendTimeout":1000}'``
with the plugin folder as working directory; the SDK ignores the argument.
Plugin name ``conformance``: source ``counter``, sink ``collect``,
function ``revert``.

eKuiper installs a plugin in ``plugins/portable/<name>/``, so the folder names
the plugin. The SDK fixes its socket paths under ``/tmp``
(``plugin_<name>.ipc``, ``func_<symbol>.ipc``); tests copy this folder to
``conformance<suffix>/`` and the plugin then serves ``conformance<suffix>``
with function ``revert<suffix>``, so that its sockets are the run's own.
"""

import os

from ekuiper import plugin, PluginConfig

from collect import CollectSink
from counter import CounterSource
from revert import RevertFunction

BASE_NAME = "conformance"
FOLDER = os.path.basename(os.path.dirname(os.path.abspath(__file__)))
SUFFIX = FOLDER[len(BASE_NAME):] if FOLDER.startswith(BASE_NAME) else ""
PLUGIN_NAME = BASE_NAME + SUFFIX


def main():
    config = PluginConfig(
        PLUGIN_NAME,
        {"counter": lambda: CounterSource()},
        {"collect": lambda: CollectSink()},
        {"revert" + SUFFIX: lambda: RevertFunction()},
    )
    # Dials ipc:///tmp/plugin_<PLUGIN_NAME>.ipc, sends "handshake" and serves
    # control commands on this thread until the process is killed.
    plugin.start(config)


if __name__ == "__main__":
    main()
