"""python manage.py export_newsletter: the same exports from the command line."""

import pytest
from django.core.management import CommandError, call_command

from core.enums import Status
from tests.factories import NewsletterFactory
from tests.newsletters.helpers import pdf_text

pytestmark = pytest.mark.django_db


def test_command_writes_the_chinese_pdf(issue, tmp_path):
    output = tmp_path / "issue.pdf"

    call_command("export_newsletter", "11", "--lang", "zh-hans", "--format", "pdf", "--output", str(output))

    assert output.read_bytes().startswith(b"%PDF-")
    assert "第二期项目圆满结束" in pdf_text(output.read_bytes())


def test_command_writes_the_email_html_of_a_draft(tmp_path):
    NewsletterFactory(number=30, title_en="Draft for the mailing list", status=Status.DRAFT)
    output = tmp_path / "issue.html"

    call_command("export_newsletter", "30", "--format", "email", "--output", str(output))

    html = output.read_text()
    assert "Draft for the mailing list" in html
    assert "<script" not in html


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["99"], "No newsletter number 99"),
        (["11", "--format", "docx"], "Unknown format 'docx'"),
        (["11", "--lang", "fr"], "Unknown language 'fr'"),
    ],
)
def test_command_errors_clearly(issue, tmp_path, arguments, message):
    with pytest.raises(CommandError, match=message):
        call_command("export_newsletter", *arguments, "--output", str(tmp_path / "out"))
    assert not (tmp_path / "out").exists()


def test_command_reports_an_unwritable_output(issue, tmp_path):
    missing_folder = tmp_path / "no" / "x.html"
    with pytest.raises(CommandError, match="Cannot write"):
        call_command("export_newsletter", "11", "--format", "email", "--output", str(missing_folder))
