"""``socketscope-cli``: the command line on the same engine as the window (no widgets).

One module per command (``serve``, ``connect``, ``run``, ``pcapng``, ``udp``, ``relay``), the
parser and start-up in :mod:`app.cli.main`, the shared pieces (event loop with signal handling,
traffic printer, exit codes) in :mod:`app.cli.console`.
"""
