"""Uploaded photos reach the public: uploaded in the admin, published, seen loaded on the public
pages, under the live server (as `make run`) and under gunicorn with production settings (as
`make serve`); and every address the public pages name answers (core.media, tests/browser/crawl.py)."""

from tests.browser.crawl import crawl
from tests.browser.seed import jpeg

EVENT = "seminar-border-management-systems-2023"  # the latest demo activity: on the home page
EVENT_PATH = f"/en/activities/{EVENT}/"
NEWSLETTER_PATH = "/en/newsletters/11/"  # the demo issue, whose events section holds EVENT
UPLOAD_SIZE = (1200, 800)  # within the large copy's box, wider than the small one's (480)

# Waits until the image has either loaded or failed, then says how wide it decoded.
LOADED_WIDTH = "img => img.complete ? img.naturalWidth : null"


def sign_in(page, site):
    page.goto(f"{site.base}/admin/login/?next=/admin/")
    page.fill("#id_username", site.username)
    page.fill("#id_password", site.password)
    page.click("#login-form [type=submit]")
    page.wait_for_url(f"{site.base}/admin/")


def save_and_continue(page):
    page.click("input[name=_continue]")
    page.wait_for_load_state()
    errors = page.locator(".errornote, .errorlist").all_inner_texts()
    assert not errors, errors
    assert page.locator(".messagelist .success").count() == 1


def loaded_width(page, selector):
    image = page.locator(selector).first
    image.scroll_into_view_if_needed()  # the cards' and newsletter's images load lazily
    handle = image.element_handle()
    return page.wait_for_function(LOADED_WIDTH, arg=handle).json_value()


def test_uploaded_photo_loads_on_the_public_pages(browser, site, tmp_path):
    upload = tmp_path / "seminar.jpg"
    upload.write_bytes(jpeg(*UPLOAD_SIZE, colour="navy"))
    staff = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 900})
    page = staff.new_page()
    sign_in(page, site)
    page.goto(f"{site.base}/admin/activities/event/?q=border+management")
    page.locator("#result_list tbody tr").first.locator("a").first.click()

    # Withdrawn while the photo is added: the public reaches neither the page nor the photo.
    page.select_option("#id_status", "draft")
    page.click("#photos-group .add-row a")
    page.set_input_files("input[name='photos-0-image']", str(upload))
    page.fill("input[name='photos-0-caption_en']", "Delegates at the border post")
    save_and_continue(page)
    original = page.locator("#photos-group a[href^='/media/photos/']").first.get_attribute("href")

    public = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 900})
    assert public.request.get(site.base + EVENT_PATH).status == 404
    assert page.request.get(site.base + original).status == 200  # staff see the original

    page.select_option("#id_status", "published")
    save_and_continue(page)
    staff.close()

    reader = public.new_page()
    reader.goto(site.base + EVENT_PATH)
    large = reader.locator(".activity__photo img").get_attribute("src")
    assert large.startswith("/media/photos/")
    assert loaded_width(reader, ".activity__photo img") == UPLOAD_SIZE[0]

    reader.goto(f"{site.base}/en/")
    card = f"article.activity-card:has(a[href='{EVENT_PATH}']) img.card__image"
    assert loaded_width(reader, card) == 480

    reader.goto(site.base + NEWSLETTER_PATH)
    in_newsletter = f".nl-photo img[src='{large}']"
    assert loaded_width(reader, in_newsletter) == UPLOAD_SIZE[0]

    # Never the original, whatever the public knows of its address; not named by any page.
    assert public.request.get(site.base + original).status == 404
    public.close()


def test_every_address_the_public_pages_name_answers(site):
    statuses, failures, pages = crawl(site.base)
    print(f"{site.mode}: {len(statuses)} addresses, {pages} pages read")  # shown with -s
    assert not failures, failures
    assert pages >= 20
    media = [url for url in statuses if "/media/" in url]
    assert any("/media/photos/" in url for url in media), media  # the seeded photo's copies
    assert any("/media/attachments/" in url for url in media), media
    assert any("/static/" in url for url in statuses)
