"""A working week in the admin, end to end in Chromium, in the English and the Chinese admin.

An editor enters a seminar (rich text in both tabs, two agencies with their roles, a participant
and a photo) and sends it for review; a publisher publishes it; the public then sees it, with its
photo loaded, on both language editions. A publisher's change is then undone from the history,
and the public sees the restored text.
"""

import importlib

import pytest
from playwright.sync_api import expect

from tests.browser.public import assert_public_heading_becomes
from tests.browser.seed import jpeg

pytestmark = pytest.mark.browser

PASSWORD = "correct horse battery staple"
PHOTO_SIZE = (1000, 700)  # within the large copy's box: the public copy keeps this width
LOADED_WIDTH = "img => img.complete ? img.naturalWidth : null"
LOCALES = {"en-GB": "en", "zh-CN": "zh-hans"}


def staff_groups():
    """The Editors, Translators and Publishers groups as the data migration makes them (a
    transactional test's database is flushed, and loses what migrations wrote)."""
    from django.contrib.auth.models import Group, Permission

    groups = importlib.import_module("activities.migrations.0005_staff_groups")
    viewing = groups._codenames(groups.EDITED, ["view"]) + groups._codenames(groups.READ_ONLY, ["view"])
    editing = groups._codenames(groups.EDITED, ["add", "change", "delete"]) + viewing
    publishing = editing + groups._codenames(groups.PUBLISHED, ["publish"])
    for name, pairs in (("Editors", editing), ("Publishers", publishing)):
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.set(
            [Permission.objects.get(content_type__app_label=app, codename=code) for app, code in set(pairs)]
        )


def staff_page(browser, base, locale, username):
    context = browser.new_context(locale=locale, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{base}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(f"{base}/admin/")
    expect(page.locator("html")).to_have_attribute("lang", LOCALES[locale])
    return page


def save_and_continue(page):
    page.locator("input[name=_continue]").first.click()
    page.wait_for_load_state()
    errors = page.locator(".errornote, .errorlist").all_inner_texts()
    assert not errors, errors
    expect(page.locator(".messagelist .success")).to_have_count(1)


def fill_text(page, field_id, value):
    """Fill a field, first opening its language tab (the admin opens the interface language's)."""
    tab = page.locator(f'a.ui-tabs-anchor[href="#tab_{field_id}"]')
    if tab.count():
        tab.click()
    page.fill(f"#{field_id}", value)


def choose_in_autocomplete(page, row, field, text):
    """Pick ``text`` in an autocomplete (select2) field of an inline row, by typing as staff do."""
    row.locator(f"select[name$='-{field}'] + .select2 .select2-selection").click()
    page.locator(".select2-container--open .select2-search__field").fill(text)
    option = page.locator(".select2-results__option", has_text=text).first
    expect(option).to_be_visible()
    option.click()


def type_rich_text(page, lang, heading, sentence):
    page.locator(f'a.ui-tabs-anchor[href="#tab_id_body_{lang}"]').click()
    editor = page.locator(f".prose-editor:has(#id_body_{lang}) .tiptap.ProseMirror")
    expect(editor).to_be_visible()
    editor.click()
    page.keyboard.type(f"## {heading}")  # the Markdown shortcut for a level-2 heading
    page.keyboard.press("Enter")
    page.keyboard.type(sentence)


def loaded_width(page, selector):
    image = page.locator(selector).first
    image.scroll_into_view_if_needed()
    return page.wait_for_function(LOADED_WIDTH, arg=image.element_handle()).json_value()


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("locale", LOCALES)
def test_seminar_entered_reviewed_published_and_seen_with_its_photo(browser, demo_server, locale, tmp_path):
    from activities.models import Event, Phase
    from core.enums import Status
    from partners.models import PartnerAgency
    from tests.factories import StaffFactory

    staff_groups()
    StaffFactory(username="officer", group="Editors")
    StaffFactory(username="publisher", group="Publishers")
    base = demo_server.url
    phase = Phase.objects.get(number=3)
    pillar = phase.pillars.order_by("order").first()
    iom = PartnerAgency.objects.get(acronym_en="IOM")
    nia = PartnerAgency.objects.get(acronym_en="NIA")
    slug = "seminar-on-migration-data-in-beijing"  # made from the English title as staff type it
    photo = tmp_path / "seminar.jpg"
    photo.write_bytes(jpeg(*PHOTO_SIZE, colour="teal"))

    # The officer enters the seminar as a draft.
    officer = staff_page(browser, base, locale, "officer")
    officer.goto(f"{base}/admin/activities/event/add/")
    officer.select_option("#id_phase", str(phase.pk))
    officer.check(f"input[name=pillars][value='{pillar.pk}']")
    officer.select_option("#id_type", "seminar")
    fill_text(officer, "id_title_en", "Seminar on migration data in Beijing")
    fill_text(officer, "id_title_zh_hans", "北京移民数据研讨会")
    fill_text(officer, "id_summary_en", "Officials compared how they count arrivals.\n\nA second paragraph.")
    fill_text(officer, "id_summary_zh_hans", "双方官员比较了入境统计方法。\n\n第二段。")
    type_rich_text(officer, "en", "Outcomes", "Both sides agreed to share definitions.")
    type_rich_text(officer, "zh_hans", "成果", "双方同意共享统计定义。")
    officer.fill("#id_start_date", "2024-05-14")
    officer.fill("#id_end_date", "2024-05-15")
    officer.select_option("#id_date_precision", "day")
    fill_text(officer, "id_city_en", "Beijing")

    officer.click("#agency_roles-group .add-row a")
    officer.click("#agency_roles-group .add-row a")
    rows = officer.locator("#agency_roles-group tr.dynamic-agency_roles")
    choose_in_autocomplete(officer, rows.nth(0), "agency", "IOM")
    rows.nth(0).locator("select[name$='-role']").select_option("organiser")
    choose_in_autocomplete(officer, rows.nth(1), "agency", "NIA")
    rows.nth(1).locator("select[name$='-role']").select_option("co_organiser")

    officer.click("#participants-group .add-row a")
    fill_text(officer, "id_participants-0-name_en", "Li Wei")
    officer.select_option("select[name='participants-0-role']", "speaker")
    choose_in_autocomplete(officer, officer.locator("#participants-0"), "agency", "NIA")
    officer.check("input[name='participants-0-consent_to_publish']")

    officer.click("#photos-group .add-row a")
    officer.set_input_files("input[name='photos-0-image']", str(photo))
    fill_text(officer, "id_photos-0-caption_en", "Delegates in the seminar room")
    save_and_continue(officer)

    event = Event.objects.get(slug=slug)
    assert event.status == Status.DRAFT
    assert sorted(event.agency_roles.values_list("agency", "role")) == sorted(
        [(iom.pk, "organiser"), (nia.pk, "co_organiser")]
    )
    assert event.participants.get().name_en == "Li Wei"
    assert event.photos.count() == 1
    assert "<h2>Outcomes</h2>" in event.body_en and "<h2>成果</h2>" in event.body_zh_hans

    # An editor may send it for review, not publish it.
    status_choices = officer.locator("#id_status option").evaluate_all("options => options.map(o => o.value)")
    assert "published" not in status_choices
    officer.select_option("#id_status", "in_review")
    save_and_continue(officer)
    officer.context.close()
    assert Event.objects.get(slug=slug).status == Status.IN_REVIEW

    public = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 900})
    assert public.request.get(f"{base}/en/activities/{slug}/").status == 404

    # The publisher publishes it.
    publisher = staff_page(browser, base, locale, "publisher")
    publisher.goto(f"{base}/admin/activities/event/{event.pk}/change/")
    publisher.select_option("#id_status", "published")
    save_and_continue(publisher)
    publisher.context.close()

    # The public sees it, with its photo, in both languages.
    reader = public.new_page()
    for lang, title, heading, role_label in (
        ("en", "Seminar on migration data in Beijing", "Outcomes", "Organiser"),
        ("zh-hans", "北京移民数据研讨会", "成果", "主办方"),
    ):
        reader.goto(f"{base}/{lang}/activities/{slug}/")
        expect(reader.locator("h1")).to_have_text(title)
        expect(reader.locator("section.prose h2")).to_have_text(heading)
        roles = reader.locator(".roles").inner_text()
        assert "IOM" in roles or "国际移民组织" in roles, roles
        assert role_label in roles, roles
        expect(reader.locator(".person__name")).to_contain_text("Li Wei")  # no Chinese name: shown in English
        assert loaded_width(reader, ".activity__photo img") == PHOTO_SIZE[0]
    public.close()


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("locale", LOCALES)
def test_publisher_restores_a_version_from_the_history(browser, demo_server, locale):
    from activities.models import Event
    from tests.factories import StaffFactory

    staff_groups()
    StaffFactory(username="publisher", group="Publishers")
    base = demo_server.url
    event = Event.objects.published().order_by("pk").first()
    original = event.title_en

    page = staff_page(browser, base, locale, "publisher")
    page.goto(f"{base}/admin/activities/event/{event.pk}/change/")
    fill_text(page, "id_title_en", "A title typed by mistake")
    save_and_continue(page)
    assert page.request.get(f"{base}/en/activities/{event.slug}/").status == 200
    reader = browser.new_context(locale="en-GB").new_page()
    reader.goto(f"{base}/en/activities/{event.slug}/")
    expect(reader.locator("h1")).to_have_text("A title typed by mistake")

    # The history lists the versions; the one before the mistake is restored, with a reason.
    page.goto(f"{base}/admin/activities/event/{event.pk}/history/")
    versions = page.locator("#change-history tbody tr")
    assert versions.count() >= 2
    versions.nth(1).locator("a").first.click()
    expect(page.locator("#id_title_en")).to_have_value(original)
    page.fill("#id__restore-reason", "Typing mistake")
    page.locator("input[type=submit][name=_save], input[type=submit]").first.click()
    page.wait_for_load_state()
    assert not page.locator(".errornote, .errorlist").all_inner_texts()

    event.refresh_from_db()
    assert event.title_en == original
    page.goto(f"{base}/admin/activities/event/{event.pk}/history/")
    assert "Typing mistake" in page.locator("#change-history").inner_text()
    page.context.close()

    reader.context.close()
    assert_public_heading_becomes(
        browser, f"{base}/en/activities/{event.slug}/", "A title typed by mistake", original
    )
