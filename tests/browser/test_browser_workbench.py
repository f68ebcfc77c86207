"""An analyst's day in the Workbench, in Chromium: the queue by keyboard, a post's evidence
and verdict, a ring's graph and a join judgement, a case built, exported and downloaded;
signing out; and what a viewer and the reunification role may and may not do.

Every step asserts what the user sees on the page, not what the server stored: the in-process
tests (``tests/web/``) check the data, these check that the pages, forms, scripts and
downloads work in a real browser under the Workbench's Content-Security-Policy.
"""

from __future__ import annotations

import re

import orjson
import pytest
from browser_helpers import click_and_wait, sign_in
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser


def test_queue_by_keyboard_then_a_verdict_on_the_post(page: Page) -> None:
    sign_in(page, "analyst")
    expect(page.get_by_role("heading", level=1)).to_have_text("Review queue")
    rows = page.locator("table.posts tbody tr[data-href]")
    first, second = rows.nth(0).get_attribute("data-href"), rows.nth(1).get_attribute("data-href")
    assert first and second and first != second
    current = page.locator("tr.current")
    page.keyboard.press("j")
    expect(current).to_have_attribute("data-href", first)
    page.keyboard.press("j")
    expect(current).to_have_attribute("data-href", second)
    page.keyboard.press("k")
    expect(current).to_have_attribute("data-href", first)
    expect(current).to_have_count(1)
    page.keyboard.press("j")
    page.keyboard.press("o")
    expect(page).to_have_url(re.compile(re.escape(second) + "$"))
    post_id = second.rsplit("/", 1)[1]
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Post {post_id}")

    # the evidence is highlighted in the text as captured, each mark naming its reason
    marks = page.locator("blockquote.text mark")
    expect(marks.first).to_be_visible()
    assert all(marks.nth(i).get_attribute("title") for i in range(marks.count()))

    page.get_by_role("radio", name="confirmed").check()
    page.get_by_label("Note").first.fill("price and birth certificate offered")
    click_and_wait(page, page.get_by_role("button", name="Record decision"))
    expect(page.get_by_text("decision in force: confirmed")).to_be_visible()
    expect(page.locator("ol li").filter(has_text="analyst: confirmed")).to_contain_text(
        "price and birth certificate offered"
    )

    # reversible: a second verdict replaces the first, and the history keeps both
    page.get_by_role("radio", name="false_positive").check()
    click_and_wait(page, page.get_by_role("button", name="Record decision"))
    expect(page.get_by_text("decision in force: false_positive")).to_be_visible()
    expect(page.locator("ol li").filter(has_text="analyst: ")).to_have_count(2)


def test_ring_graph_is_drawn_and_a_join_is_judged(page: Page) -> None:
    sign_in(page, "analyst")
    page.goto("/posts/web-xss")
    click_and_wait(page, page.locator("p a[href^='/rings/']").first)
    expect(page).to_have_url(re.compile(r"/rings/[^/]+$"))
    ring_url = page.url.removeprefix(page.url.split("/rings/")[0])

    # Cytoscape drew the graph (on canvas) with every node and edge of the JSON twin
    page.wait_for_function("() => window.ringGraph && window.ringGraph.nodes().length > 0")
    assert page.locator("#graph canvas").count() >= 1
    twin = page.request.get(f"{ring_url}.json").json()
    drawn = page.evaluate(
        "({nodes: ringGraph.nodes().map(n => n.id()).sort(),"
        " edges: ringGraph.edges().length,"
        " posts: ringGraph.nodes('[kind = \"post\"]').map(n => n.data('label')).sort()})"
    )
    assert drawn["nodes"] == sorted(n["data"]["id"] for n in twin["elements"]["nodes"])
    assert drawn["edges"] == len(twin["elements"]["edges"])
    members = page.locator("table.posts tbody tr[data-href] td:first-child a").all_inner_texts()
    assert drawn["posts"] == sorted(members) and "web-xss" in members

    # judge the join through the shared WeChat account
    join = page.locator("form.join").filter(
        has=page.locator("input[name='node'][value$=':babyhome_web88']")
    )
    join.get_by_label("Post").select_option("web-share")
    click_and_wait(page, join.get_by_role("button", name="confirm"))
    expect(page).to_have_url(re.compile(re.escape(ring_url) + "$"))
    decisions = page.locator("h2:text('Decisions') + ol")
    expect(decisions).to_contain_text("analyst: confirm")
    expect(decisions).to_contain_text("post:web-share")

    # and a split, applied by the next analyze
    page.locator("input[name='posts'][value='web-share']").check()
    page.get_by_role("radio", name="split").check()
    split = page.locator("form:has(input[value='split'])")
    split.get_by_label("Note").fill("other family")
    click_and_wait(page, split.get_by_role("button", name="Record decision"))
    expect(decisions).to_contain_text("analyst: split")
    expect(decisions).to_contain_text("other family")


def test_a_case_is_built_and_exported(page: Page) -> None:
    sign_in(page, "analyst")
    click_and_wait(page, page.get_by_role("link", name="Cases"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Cases")
    page.get_by_label("Title").fill("babyhome_web88 network")
    page.get_by_label("Notes").fill("two posts, one WeChat account")
    click_and_wait(page, page.get_by_role("button", name="Create case"))
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_have_text(re.compile(r"^Case \d+: babyhome_web88 network$"))
    case_id = re.findall(r"\d+", heading.inner_text())[0]

    # a ring from its own page, then a post from the case page
    page.goto("/posts/web-xss")
    ring_id = page.locator("p a[href^='/rings/']").first.inner_text()
    page.goto(f"/rings/{ring_id}")
    add = page.locator("form.add-to-case").last
    add.get_by_label("Add this ring to case number").fill(case_id)
    add.get_by_label("Note").fill("the seller's ring")
    click_and_wait(page, add.get_by_role("button", name="Add to case"))
    expect(page).to_have_url(re.compile(rf"/cases/{case_id}$"))
    add = page.locator("form[action='/cases/items']")
    add.get_by_label("Kind").select_option("post")
    add.get_by_label("Id").fill("web-share")
    add.get_by_label("Note").fill("same WeChat")
    click_and_wait(page, add.get_by_role("button", name="Add"))
    items = page.locator("h2:text('Rings and posts') + table tbody tr")
    expect(items).to_have_count(2)
    expect(items.nth(0)).to_contain_text(ring_id)
    expect(items.nth(0)).to_contain_text("the seller's ring")
    expect(items.nth(1)).to_contain_text("web-share")

    change = page.locator(f"form[action='/cases/{case_id}/update']")
    change.get_by_label("Status").select_option("in_progress")
    change.get_by_label("Assignee").select_option("supervisor")
    change.get_by_label("Notes").fill("referred to the provincial bureau next")
    click_and_wait(page, change.get_by_role("button", name="Save"))
    expect(page.locator("main > p").first).to_contain_text("Status in_progress")
    expect(page.locator("main > p").first).to_contain_text("assigned to supervisor")
    expect(page.locator("main blockquote")).to_have_text("referred to the provincial bureau next")

    # export: the downloads carry every post of the case with its SHA-256
    share = page.request.get("/posts/web-share.json").json()["post"]
    with page.expect_download() as html_download:
        page.get_by_role("link", name="case report (HTML)").click()
    assert html_download.value.suggested_filename == f"case-{case_id}.html"
    report = html_download.value.path().read_text(encoding="utf-8")
    assert "babyhome_web88 network" in report
    assert "web-share" in report and "web-xss" in report
    assert share["captures"][0]["sha256"] in report
    with page.expect_download() as ftm_download:
        page.get_by_role("link", name="FollowTheMoney entities (JSON Lines)").click()
    entities = [orjson.loads(line) for line in ftm_download.value.path().read_bytes().splitlines()]
    messages = [e for e in entities if e["schema"] == "Message"]
    assert any("babyhome_web88" in " ".join(m["properties"].get("bodyText", [])) for m in messages)
    with page.expect_download() as pdf_download:
        page.get_by_role("link", name="case report (PDF)").click()
    assert pdf_download.value.path().read_bytes().startswith(b"%PDF")


def test_sign_out_ends_the_session(page: Page) -> None:
    sign_in(page, "analyst")
    click_and_wait(page, page.get_by_role("button", name="Sign out"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
    page.goto("/posts/web-xss")
    expect(page).to_have_url(re.compile(r"/login\?next="))
    expect(page.locator("header .who")).to_have_count(0)


def test_a_viewer_reads_but_cannot_decide(page: Page) -> None:
    sign_in(page, "viewer")
    page.goto("/posts/web-xss")
    expect(page.get_by_role("heading", level=1)).to_have_text("Post web-xss")
    expect(page.locator("form.decide")).to_have_count(0)
    expect(page.get_by_role("button", name="Record decision")).to_have_count(0)
    expect(page.locator("form.add-to-case")).to_have_count(0)
    click_and_wait(page, page.locator("p a[href^='/rings/']").first)
    page.wait_for_function("() => window.ringGraph && window.ringGraph.nodes().length > 0")
    expect(page.locator("form.join")).to_have_count(0)
    expect(page.get_by_role("heading", name="Split or merge")).to_have_count(0)
    expect(page.get_by_role("link", name="Cases")).to_have_count(0)
    # and the server refuses a hand-made decision too
    token = page.request.get("/session.json").json()["csrf_token"]
    refused = page.request.post(
        "/posts/web-xss/decision",
        form={"action": "confirmed"},
        headers={"x-csrf-token": token, "accept": "application/json"},
    )
    assert refused.status == 403
    page.goto("/cases")
    expect(page.get_by_role("alert")).to_have_text("your role may not manage cases")


def test_dna_detail_for_the_reunification_role_only(page: Page) -> None:
    sign_in(page, "reunification")
    click_and_wait(page, page.get_by_role("link", name="Matches"))
    row = page.locator("tbody tr").filter(has_text="KW07")
    expect(row).to_contain_text("CW01")
    click_and_wait(page, row.get_by_role("link", name="detail"))
    expect(page.get_by_role("heading", level=1)).to_have_text("DNA detail for child CW01")
    expect(page.locator("main pre").first).to_contain_text("D3S1358")

    click_and_wait(page, page.get_by_role("button", name="Sign out"))
    sign_in(page, "analyst")
    expect(page.get_by_role("link", name="Matches")).to_have_count(0)
    response = page.goto("/matches/CW01/dna")
    assert response is not None and response.status == 403
    expect(page.get_by_role("alert")).to_have_text("your role may not view dna")
    expect(page.get_by_text("D3S1358")).to_have_count(0)
