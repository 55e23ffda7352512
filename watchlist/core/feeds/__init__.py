"""The feed engine: subscriptions, polite conditional fetching, hardened parsing, storage.

Modules: ``registry`` (the feed list), ``client`` (HTTP and file fetching), ``parse`` (bytes to
plain-text entries), ``schedule`` (when each feed is polled next), ``poller`` (the concurrent
poll), ``discovery``, ``opml`` and ``retention``.
"""
