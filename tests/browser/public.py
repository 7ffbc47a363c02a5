"""Reading a public page as an anonymous reader after staff changed it.

An edit that withdraws nothing lets the page cache serve the previous page while one request
rebuilds it after its response (core.page_cache: stale-while-revalidate). A reader therefore
meets the old text for a moment, then the new one; these helpers read until the new text shows,
within a bound, and return every heading read so a test can assert that nothing else was shown.
"""

import time

REBUILD_BOUND = 10  # seconds: far above a rebuild of one page on the live server


def public_headings(browser, url, expected, *, selector="h1", bound=REBUILD_BOUND):
    """The texts of ``selector`` read on ``url`` by a fresh anonymous reader, one per visit,
    until one contains ``expected`` or ``bound`` seconds have passed."""
    context = browser.new_context()
    page = context.new_page()
    seen = []
    deadline = time.monotonic() + bound
    try:
        while True:
            page.goto(url)
            seen.append(page.inner_text(selector))
            if expected in seen[-1] or time.monotonic() > deadline:
                return seen
            time.sleep(0.2)
    finally:
        context.close()


def assert_public_heading_becomes(browser, url, old, new, **kwargs):
    """The public sees ``new``, after at most the previous page (``old``) while it was rebuilt."""
    seen = public_headings(browser, url, new, **kwargs)
    assert new in seen[-1], seen
    assert all(old in text for text in seen[:-1]), seen
