"""The timeline stage: temporal expressions found in article text and normalised to real dates.

``find_timexes`` tags TimeML TIMEX3 expressions (DATE, TIME, DURATION, SET) in a text and resolves relative
ones ("last month", "on Sunday", "the day before") against the article's publication date.
"""

from rashomon.timeline.timex import Timex, find_timexes

__all__ = ["Timex", "find_timexes"]
