"""Detection: which films an article is about, and what happened to them.

- ``taxonomy``: the event kinds, film statuses and the words that show them.
- ``matcher``: finds films (titles, aliases, people) in text with one Aho-Corasick pass.
- ``extract``: reads events (deals, dates, premieres...) out of an article's sentences.
- ``store``: one event per piece of news, and each film's status derived from its events.
- ``recorder``: runs all of it over newly polled articles.
"""

from watchlist.core.detect.timeline import events_for_film

__all__ = ["events_for_film"]
