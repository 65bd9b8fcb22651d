"""Received and sent bytes on their way to the user: the chunk record, the worker-to-GUI
sink, framing, the log store, the stream decoder, the renderer, hex formatting, the recorder.
"""
