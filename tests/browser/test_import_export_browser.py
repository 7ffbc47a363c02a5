"""Import and export in Chromium, in the English and the Chinese admin.

An editor uploads a file with a bad row and is refused with its message; then exports the
activities as CSV, imports that very file, confirms, and nothing has changed.
"""

import datetime

import pytest
from django.conf import settings
from django.contrib.auth.models import Permission

from activities.models import Event, EventAgency
from tests.factories import EventAgencyFactory, EventFactory, PartnerAgencyFactory, PhaseFactory, StaffFactory

PASSWORD = "correct horse battery staple"
EDITOR_CODENAMES = ["view_event", "add_event", "change_event"]
TEXTS = {
    "en": {
        "refused": "Some rows failed to validate",
        "unknown": "No partner agency with “Ministry of Magic” is known",
        "column": "Partner agencies and roles",
        "skipped": "Skipped",
        "confirm": "Confirm import",
    },
    "zh-hans": {
        "refused": "部分行的数据未通过验证",
        "unknown": "找不到“Ministry of Magic”对应的合作机构",
        "column": "合作机构及其角色",
        "skipped": "忽略",
        "confirm": "确认导入",
    },
}
BAD_FILE = (
    "slug,phase,type,title_en,title_zh_hans,start_date,end_date,agencies\n"
    "one,2,seminar,One,一,2022-01-10,2022-01-11,IOM (organiser); NIA (co_organiser)\n"
    "two,2,seminar,Two,二,2022-02-10,2022-02-11,Ministry of Magic (host)\n"
).encode()


def state():
    events = list(Event.objects.order_by("pk").values("slug", "title_en", "title_zh_hans", "updated_at"))
    roles = list(EventAgency.objects.order_by("pk").values_list("event__slug", "agency__slug", "role"))
    return events, roles


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_browser_import_refuses_a_bad_row_and_round_trips_an_export(browser, live_server, language):
    phase = PhaseFactory(number=2, start_date=datetime.date(2019, 1, 1), end_date=datetime.date(2023, 6, 30))
    iom = PartnerAgencyFactory(slug="iom", acronym_en="IOM", name_zh_hans="国际移民组织")
    nia = PartnerAgencyFactory(slug="nia", acronym_en="NIA")
    event = EventFactory(
        phase=phase, slug="labour-seminar", title_zh_hans="劳务移民研讨会", participants_total=40
    )
    EventAgencyFactory(event=event, agency=iom, role="organiser", order=0)
    EventAgencyFactory(event=event, agency=nia, role="co_organiser", order=1)
    # An editor's rights on activities (a transactional test has flushed the migration's groups).
    editor = StaffFactory(username="editor")
    editor.user_permissions.set(
        Permission.objects.filter(content_type__app_label="activities", codename__in=EDITOR_CODENAMES)
    )
    texts = TEXTS[language]
    base = live_server.url
    context = browser.new_context(accept_downloads=True, viewport={"width": 1280, "height": 900})
    context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": base}])
    page = context.new_page()
    try:
        page.goto(f"{base}/{settings.ADMIN_URL}login/")
        page.fill("#id_username", "editor")
        page.fill("#id_password", PASSWORD)
        page.click("input[type=submit]")
        before = state()

        import_url = f"{base}/{settings.ADMIN_URL}activities/event/import/"
        page.goto(import_url)
        page.set_input_files(
            "#id_import_file", {"name": "bad.csv", "mimeType": "text/csv", "buffer": BAD_FILE}
        )
        page.select_option("#id_format", index=1)
        page.click("input[type=submit]")
        page.wait_for_load_state()
        body = page.inner_text("body")
        assert texts["refused"] in body
        assert texts["unknown"] in body
        assert texts["column"] in body
        assert page.locator(f"input[value='{texts['confirm']}']").count() == 0
        assert state() == before

        page.goto(f"{base}/{settings.ADMIN_URL}activities/event/export/")
        page.select_option("#id_format", index=1)
        with page.expect_download() as download_info:
            page.click("input[type=submit]")
        exported = download_info.value
        data = open(exported.path(), "rb").read()  # noqa: SIM115 -- Playwright owns the file
        assert data.startswith("\ufeff".encode())
        assert "劳务移民研讨会" in data.decode("utf-8-sig")

        page.goto(import_url)
        page.set_input_files(
            "#id_import_file", {"name": "export.csv", "mimeType": "text/csv", "buffer": data}
        )
        page.select_option("#id_format", index=1)
        page.click("input[type=submit]")
        page.wait_for_load_state()
        assert texts["skipped"] in page.inner_text("table.import-preview")
        page.click(f"input[value='{texts['confirm']}']")
        page.wait_for_load_state()
        assert "/activities/event/" in page.url and "import" not in page.url
        assert state() == before
    finally:
        context.close()
