"""Received and sent bytes on their way to the user: the chunk record, the taps (observers in
the workers), the worker-to-GUI sink, framing (also live, in the receive worker), the log store,
the stream decoder, the renderer, hex formatting, the recorder.
"""
