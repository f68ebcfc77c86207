"""Screenshots of the Workbench's main pages for docs/web.md and the README.

    .venv/bin/python -m cradlewatch.demo --dir /tmp/shots-demo      # the synthetic demo
    .venv/bin/python scripts/screenshots.py /tmp/shots-demo/workspace

Serves a copy of the demo workspace (so the views these screenshots make are not added to the
demo's audit log) with the Workbench in a thread, drives Debian's Chromium through Playwright
with the same settings as the browser tests, and writes 1280x800 PNGs to docs/screenshots/:
login, queue, post, ring, case, matches, alerts and a clinician's charts. Each page is shown as the role that works it:
the analyst for the queue, posts, rings and cases; the reunification role for the matches; the
supervisor for the alerts. Everything shown is synthetic.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

from playwright.sync_api import Browser, Page, sync_playwright

from cradlewatch.web import create_app
from cradlewatch.web.live import CHROMIUM, CHROMIUM_ARGS, VIEWPORT, serve_in_thread
from cradlewatch.workspace.demo import demo_password

OUT = Path(__file__).resolve().parents[1] / "docs" / "screenshots"
MAX_BYTES = 300_000
GRAPH_MEMBERS = (5, 15)  # a ring small enough that its graph reads at this size


# Cytoscape's "cose" layout starts from random positions: a seeded Math.random gives the same
# drawing on every run, so regenerated screenshots differ only where the pages did.
SEEDED_RANDOM = """(() => {
  let state = 20140228;
  Math.random = () => { state = (state * 1103515245 + 12345) % 2147483648; return state / 2147483648; };
})();"""

# A force-directed layout has no up or down: a drawing taller than wide is turned a quarter so
# that it fills the wide graph box (the same graph, only rotated).
LANDSCAPE = """() => {
  const box = ringGraph.elements().boundingBox();
  if (box.h > box.w) {
    ringGraph.nodes().positions(node => ({ x: node.position("y"), y: node.position("x") }));
  }
  ringGraph.fit(undefined, 30);
}"""


def sign_in(browser: Browser, base_url: str, user: str) -> Page:
    context = browser.new_context(base_url=base_url, viewport=VIEWPORT)
    context.add_init_script(SEEDED_RANDOM)
    context.set_default_timeout(20_000)
    page = context.new_page()
    page.goto("/login")
    page.get_by_label("User name").fill(user)
    page.get_by_label("Password").fill(demo_password(user))
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/queue")
    return page


def shot(page: Page, out: Path, name: str) -> Path:
    """Save the viewport; refuse an error page, which would document a bug as a feature."""
    heading = page.locator("h1").first.inner_text()
    if heading.startswith("Error"):
        raise SystemExit(f"{page.url}: the page is an error ({heading}), no screenshot taken")
    path = out / f"{name}.png"
    page.screenshot(path=str(path))
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise SystemExit(f"{path}: {size} bytes, more than {MAX_BYTES}")
    print(f"{path} ({size // 1000} kB): {heading}", file=sys.stderr)
    return path


def ring_to_show(page: Page) -> str:
    """The largest ring whose graph still reads at screen size."""
    rings = page.request.get(f"/rings.json?min_size={GRAPH_MEMBERS[0]}&limit=200").json()["items"]
    fitting = [r for r in rings if r["size"] <= GRAPH_MEMBERS[1]] or rings
    if not fitting:
        raise SystemExit(f"no ring of {GRAPH_MEMBERS[0]} posts or more in the workspace")
    return str(fitting[0]["id"])


def analyst_pages(page: Page, out: Path) -> None:
    page.keyboard.press("j")
    page.keyboard.press("j")  # the keyboard selection, as an analyst works the queue
    shot(page, out, "queue")
    page.keyboard.press("o")
    page.wait_for_url("**/posts/**")
    page.locator("blockquote.text mark").first.wait_for()
    shot(page, out, "post")
    page.goto(f"/rings/{ring_to_show(page)}")
    page.wait_for_function("() => window.ringGraph && window.ringGraph.nodes().length > 0")
    page.evaluate(LANDSCAPE)
    page.locator("#graph").scroll_into_view_if_needed()
    page.wait_for_timeout(300)  # the layout's last frame
    shot(page, out, "ring")
    cases = page.request.get("/cases.json").json()["items"]
    if not cases:
        raise SystemExit("the demo workspace has no case (cradlewatch.demo opens one)")
    page.goto(f"/cases/{cases[-1]['id']}")
    shot(page, out, "case")


def goto_and_shoot(page: Page, path: str, out: Path) -> None:
    page.goto(path)
    shot(page, out, path.strip("/"))


def supervisor_pages(page: Page, out: Path) -> None:
    """The alerts, then the clinician with the most alerts: the charts behind them."""
    goto_and_shoot(page, "/alerts", out)
    alerts = page.request.get("/alerts.json").json()["items"]
    if alerts:
        counts: dict[str, int] = {}
        for alert in alerts:
            counts[alert["clinician"]] = counts.get(alert["clinician"], 0) + 1
        clinician = max(counts, key=lambda name: counts[name])
        page.goto(f"/alerts/{quote(clinician)}")
        page.locator("figure, svg").first.wait_for()
        shot(page, out, "clinician")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("workspace", type=Path, help="the demo workspace (DIR/workspace)")
    parser.add_argument("--out", type=Path, default=OUT, help="where the PNGs go")
    args = parser.parse_args(argv)
    if not (args.workspace / "cradlewatch.db").exists():
        raise SystemExit(
            f"{args.workspace}: no workspace; build the demo first "
            "(.venv/bin/python -m cradlewatch.demo --dir /tmp/shots-demo)"
        )
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="cradlewatch-shots-") as tmp:
        workspace = Path(tmp) / "workspace"
        shutil.copytree(args.workspace, workspace)
        app = create_app(workspace)
        with serve_in_thread(app) as base_url, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=list(CHROMIUM_ARGS))
            login = browser.new_context(base_url=base_url, viewport=VIEWPORT).new_page()
            login.goto("/login")
            login.get_by_label("User name").fill("analyst")
            shot(login, args.out, "login")
            pages: list[tuple[str, Callable[[Page], None]]] = [
                ("analyst", lambda page: analyst_pages(page, args.out)),
                ("reunification", lambda page: goto_and_shoot(page, "/matches", args.out)),
                ("supervisor", lambda page: supervisor_pages(page, args.out)),
            ]
            for user, take in pages:
                take(sign_in(browser, base_url, user))
            browser.close()
        app.state.store.close()


if __name__ == "__main__":
    main()
