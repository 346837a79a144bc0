"""Read access to the workspace for pages and the API, with rendered pages cached per story version.

A story page renders in tens of milliseconds; under load the same few pages are asked for over and over, so
each rendering is kept until the story's ``updated`` stamp changes (a new run) or the app's own add job
finishes. The stamp is read from ``Workspace.stories()`` on every request, so a change made by another
process (``rashomon analyze --db``) shows at once.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable

from rashomon.errors import NotFound
from rashomon.report.evidence import Evidence
from rashomon.report.view import Links, Record, Story, read_story, records, string
from rashomon.store.protocol import StorySummary, Workspace
from rashomon.web.layout import article_url, story_url
from rashomon.web.security import checked_id

PAGE_CACHE = 64  # rendered pages kept; a page of a 5-article story is ~0.3 MB


class Reader:
    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace
        self._lock = threading.Lock()
        self._stories: OrderedDict[str, tuple[str, Story]] = OrderedDict()
        self._pages: OrderedDict[tuple[str, ...], tuple[str, str]] = OrderedDict()

    def stories(self) -> list[StorySummary]:
        return self.workspace.stories()

    def summary(self, story_id: str) -> StorySummary:
        checked_id(story_id, "story")
        for summary in self.workspace.stories():
            if summary.id == story_id:
                return summary
        raise NotFound(f"no story with id {story_id!r}", hint="the story list at / shows every story")

    def evidence(self, story_id: str) -> tuple[StorySummary, Evidence]:
        summary = self.summary(story_id)
        return summary, self.workspace.evidence(story_id)

    def story(self, story_id: str) -> tuple[StorySummary, Story]:
        """The story's evidence map read for rendering, with its links pointing at the web pages."""
        summary = self.summary(story_id)
        with self._lock:
            cached = self._stories.get(story_id)
        if cached and cached[0] == summary.updated:
            return summary, cached[1]
        evidence = self.workspace.evidence(story_id)
        story = read_story(evidence, _links(story_id, evidence))
        with self._lock:
            self._stories[story_id] = (summary.updated, story)
            self._stories.move_to_end(story_id)
            while len(self._stories) > PAGE_CACHE // 4:
                self._stories.popitem(last=False)
        return summary, story

    def page(self, key: tuple[str, ...], version: str, render: Callable[[], str]) -> str:
        """A rendered page from the cache when its story has not changed since, else rendered now."""
        with self._lock:
            cached = self._pages.get(key)
        if cached and cached[0] == version:
            return cached[1]
        html = render()
        with self._lock:
            self._pages[key] = (version, html)
            self._pages.move_to_end(key)
            while len(self._pages) > PAGE_CACHE:
                self._pages.popitem(last=False)
        return html

    def forget(self, story_id: str) -> None:
        """Drop everything cached about a story (its own add job just changed it)."""
        with self._lock:
            self._stories.pop(story_id, None)
            for key in [key for key in self._pages if story_id in key]:
                del self._pages[key]


def find_article(story: Story, article_id: str) -> tuple[int, Record]:
    checked_id(article_id, "article")
    number = story.article_number.get(article_id)
    if number is None:
        raise NotFound(f"no article {article_id!r} in this story", hint="the story page lists its articles")
    return number, story.articles[number - 1]


def _links(story_id: str, evidence: Evidence) -> Links:
    pages = {article_id: article_url(story_id, article_id) for article_id in article_ids(evidence)}
    return Links(story_page=story_url(story_id), article_pages=pages)


def article_ids(evidence: Evidence) -> list[str]:
    return [string(article, "id") or "" for article in records(evidence, "articles")]
