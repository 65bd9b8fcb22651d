"""``socketscope-cli``: the command line on the same engine as the window (no widgets).

One module per command (``serve``, ``connect``, ``run``, ``pcapng``, ``udp``, ``relay``; only
the one being run is imported), the parser and start-up in :mod:`app.cli.main`, exit codes,
messages and the event loop with signal handling in :mod:`app.cli.console`, what the commands
that run a session share (output and send options, printers, running until a signal) in
:mod:`app.cli.common`.
"""
