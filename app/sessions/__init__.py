"""Sessions: one endpoint the user opened (TCP server, TCP client, …), its configuration and
the kind registry that ties a kind's name to its config and session class.
"""
