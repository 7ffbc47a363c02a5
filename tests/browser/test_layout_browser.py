"""Layout checks a reader would make with their eyes: no text drawn over other text, at a desktop and a
phone width, in both languages, on every kind of public page."""

import pytest

from newsletters.models import Newsletter

WIDTHS = {"desktop": (1280, 900), "phone": (390, 844)}

# The visible text of the page as boxes: one per line of each text node. Two boxes of different text
# nodes that share most of a line's height and more than a few pixels of width are drawn over each other.
# Elements that are hidden, or clipped to a pixel (screen-reader text), are left out.
FIND_OVERLAPS = """
() => {
  const boxes = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  let index = 0;
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const text = node.textContent.trim();
    const el = node.parentElement;
    if (!text || !el || !el.checkVisibility({checkOpacity: true, checkVisibilityCSS: true})) continue;
    const host = el.getBoundingClientRect();
    if (host.width <= 2 || host.height <= 2) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    for (const r of range.getClientRects()) {
      if (r.width > 2 && r.height > 2) {
        boxes.push({node: index, text: text.slice(0, 40), x: r.left + scrollX, y: r.top + scrollY,
                    w: r.width, h: r.height});
      }
    }
    index += 1;
  }
  const overlaps = [];
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i], b = boxes[j];
      if (a.node === b.node) continue;
      const dx = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
      const dy = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
      if (dx > 4 && dy > 0.5 * Math.min(a.h, b.h)) overlaps.push(`${a.text} / ${b.text}`);
    }
  }
  return overlaps;
}
"""


def public_paths(lang):
    from activities.models import Event, Phase, Pillar
    from partners.models import PartnerAgency

    event = Event.objects.published().order_by("pk").first()
    newsletter = Newsletter.objects.published().order_by("-number").first()
    pillar = Pillar.objects.order_by("pk").first()
    agency = PartnerAgency.objects.order_by("pk").first()
    return [
        f"/{lang}/",
        f"/{lang}/activities/",
        event.get_absolute_url(),
        Phase.objects.order_by("number").last().get_absolute_url(),
        pillar.get_absolute_url(),
        f"/{lang}/partners/",
        agency.get_absolute_url(),
        f"/{lang}/newsletters/",
        newsletter.get_absolute_url(),
        f"/{lang}/dashboard/",
    ]


@pytest.mark.parametrize("width", WIDTHS)
def test_browser_no_text_is_drawn_over_other_text(browser, demo_server, width):
    from django.utils import translation

    w, h = WIDTHS[width]
    context = browser.new_context(viewport={"width": w, "height": h})
    page = context.new_page()
    found = {}
    for lang in ("en", "zh-hans"):
        with translation.override(lang):
            paths = public_paths(lang)
        for path in paths:
            response = page.goto(f"{demo_server.url}{path}")
            assert response.status == 200, path
            overlaps = page.evaluate(FIND_OVERLAPS)
            if overlaps:
                found[f"{path} at {w}px"] = overlaps[:5]
    context.close()
    assert found == {}
