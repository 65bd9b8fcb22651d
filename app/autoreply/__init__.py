"""Automatic replies: echo and ordered rules, applied in the worker that received a message.

``rules`` is the rule model and matcher, ``rules_file`` reads, checks and writes rules files,
``responder`` is the tap a session adds to answer, ``delays`` sends replies that wait.
Plain Python (QtCore only for translations), shared by the window and the command line.
"""
