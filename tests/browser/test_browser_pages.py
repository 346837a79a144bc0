"""The web app in headless Chromium: a journalist's path through it; a hostile story that runs nothing."""

from __future__ import annotations

import re

from browser_support import HOSTILE_TITLE, Stories, Watched
from playwright.sync_api import expect

FOLLOW_UP = (
    "Iraq's parliament voted on Sunday to expel US troops, two days after the drone strike that killed "
    "Qassem Soleimani, lawmakers said. The caretaker prime minister said the government would act on it."
)


def test_story_list_then_the_example_story(watched: Watched, stories: Stories) -> None:
    page = watched.page
    page.goto(stories.url + "/")
    expect(page.locator("h1")).to_have_text("Stories")
    row = page.locator(f'table.stories a[href="/stories/{stories.example}"]')
    expect(row).to_be_visible()
    watched.shoot("story-list", full_page=True)
    row.click()
    page.wait_for_url(f"**/stories/{stories.example}")
    for heading in ("Articles", "Contested claims", "Claim groups and origins", "Timeline", "Framing"):
        expect(page.locator("h2", has_text=heading).first).to_be_visible()
    expect(page.locator("#articles tbody tr")).to_have_count(5)
    watched.shoot("story-page")
    watched.assert_clean()


def test_filter_claims_by_article(watched: Watched, stories: Stories) -> None:
    page = watched.page
    page.goto(f"{stories.url}/stories/{stories.example}")
    controls = page.locator(".controls")
    expect(controls).to_be_visible()  # the script ran and revealed the filter
    first = controls.locator(".boxes input").first
    article_id = first.get_attribute("value")
    own_claims = page.locator(f'#claims .per-article[data-articles="{article_id}"]')
    others = page.locator("#claims .per-article").nth(1)
    expect(own_claims).to_be_visible()
    first.uncheck()
    expect(own_claims).to_be_hidden()
    expect(others).to_be_visible()
    first.check()
    expect(own_claims).to_be_visible()
    page.locator('[data-toggle="no-claims"]').uncheck()
    expect(page.locator("body")).to_have_class(re.compile(r"\bno-claims\b"))
    watched.assert_clean()


def test_follow_a_claim_to_its_words_in_the_article(watched: Watched, stories: Stories) -> None:
    page = watched.page
    page.goto(f"{stories.url}/stories/{stories.example}")
    link = page.locator("#claims .per-article").nth(1).locator("td.num a").first
    label = link.inner_text()  # "2.1"
    link.click()
    anchor = "span-" + label.replace(".", "-")
    page.wait_for_url(re.compile(rf"/stories/{stories.example}/articles/[\w-]+#{anchor}$"))
    target = page.locator(f"#{anchor}")
    expect(target).to_be_in_viewport()
    expect(target).to_have_text(label)
    expect(page.locator(".claim.targeted").first).to_be_visible()  # the claim's words are highlighted
    expect(page.locator(".card mark.ent").first).to_be_visible()
    page.evaluate("window.scrollTo(0, 0)")
    watched.shoot("article-page")
    watched.assert_clean()


def test_upload_an_article_and_see_it_appear(watched: Watched, stories: Stories) -> None:
    page = watched.page
    page.goto(f"{stories.url}/stories/{stories.example}")
    before = page.locator("#articles tbody tr").count()
    form = page.locator("section#add form")
    html = f"<html><head><title>Iraq votes to expel US troops</title></head><body><article><p>{FOLLOW_UP}</p>"
    html += "<p>The vote is not binding, officials said.</p></article></body></html>"
    form.locator('input[type="file"]').set_input_files(
        files=[{"name": "iraq-vote.html", "mimeType": "text/html", "buffer": html.encode()}]
    )
    form.locator("button[type=submit]").click()
    expect(form.locator(".job-status")).not_to_be_empty()
    expect(page.locator("#articles")).to_contain_text("Iraq votes to expel US troops", timeout=60_000)
    expect(page.locator("#articles tbody tr")).to_have_count(before + 1)
    watched.assert_clean()


def test_adding_works_without_javascript(watched_without_script: Watched, stories: Stories) -> None:
    page = watched_without_script.page
    page.goto(f"{stories.url}/stories/{stories.example}")
    expect(page.locator(".controls")).to_be_hidden()  # the filter needs script; the page does not
    form = page.locator("section#add form")
    form.locator('input[name="title"]').fill("Warehouse 10 to reopen in May")
    form.locator('input[name="outlet"]').fill("Quay Post")
    form.locator("textarea").fill(
        "The harbour authority said Warehouse 10 will reopen in May, engineers said."
    )
    form.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(r"/jobs/[0-9a-f]+$"))
    open_story = page.get_by_role("link", name="Open the story")
    expect(open_story).to_be_visible(timeout=60_000)  # the job page refreshed itself until done
    open_story.click()
    expect(page.locator("#articles")).to_contain_text("Warehouse 10 to reopen in May")
    watched_without_script.assert_clean()


def test_hostile_story_renders_as_text_and_runs_nothing(watched: Watched, stories: Stories) -> None:
    page = watched.page
    base = f"{stories.url}/stories/{stories.hostile}"
    page.goto(base)
    article_links = page.locator("#articles tbody a")
    hrefs = [article_links.nth(i).get_attribute("href") for i in range(article_links.count())]
    assert len(hrefs) == 2
    for url in (
        stories.url + "/",
        base,
        *(stories.url + href for href in hrefs if href),
        stories.url + "/search?q=alert",
    ):
        page.goto(url)
        page.wait_for_load_state("load")
        assert page.evaluate("window.__pwned") is None, url
        assert page.evaluate("document.scripts.length") == 2, url  # report.js and web.js, nothing else
        assert page.locator("img, iframe, svg[onload], [onerror], [onclick]").count() == 0, url
        assert page.locator('a[href^="javascript:" i]').count() == 0, url
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), (
            url
        )  # long line wraps
    page.goto(stories.url + hrefs[0] if hrefs[0] else base)
    title = page.locator(".card h3.title").inner_text()
    assert '<script>alert("title")</script>' in title and "⟨U+202E⟩" in title
    assert HOSTILE_TITLE.split("<img")[0] in title
    body = page.locator(".card .body").inner_text()
    assert "<script>window." in body and "alert('body')</script>" in body  # claim numbers sit between
    assert "⟨U+200B⟩" in body and "w" * 1_000 in body
    watched.shoot("hostile-article")
    watched.assert_clean()
