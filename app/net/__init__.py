"""The operating system's network, and the only package that imports ``socket``.

Endpoints in the form users type, OS errors in words, the machine's interfaces, the TCP
listener and connector, and the TCP connection with its receive and send workers.
"""
