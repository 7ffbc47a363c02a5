"""The 500 and 503 pages: bilingual, static, and leaking nothing."""

from unittest import mock

import pytest
from django.db.utils import InterfaceError, OperationalError
from django.template.loader import get_template

SECRET = "SELECT password FROM auth_user -- /work/main/secret.py"


@pytest.mark.django_db
@pytest.mark.parametrize("error", [OperationalError, InterfaceError])
def test_database_down_answers_503_bilingual(client, error):
    with mock.patch("activities.views.HomeView.get", side_effect=error(SECRET)):
        response = client.get("/en/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response["Cache-Control"] == "no-store"
    html = response.content.decode()
    assert "Service temporarily unavailable" in html
    assert "服务暂时不可用" in html
    assert "password" not in html and "secret.py" not in html
    assert "Content-Security-Policy" in response.headers


@pytest.mark.django_db
def test_other_errors_give_the_static_500_page(client):
    client.raise_request_exception = False
    with mock.patch("activities.views.HomeView.get", side_effect=ValueError(SECRET)):
        response = client.get("/zh-hans/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "Something went wrong" in html and "出错了" in html
    assert "password" not in html and "secret.py" not in html and "Traceback" not in html


def test_500_and_503_templates_need_no_database_or_tags():
    for name in ("500.html", "503.html"):
        template = get_template(name)
        source = template.template.source
        assert "{%" not in source and "{{" not in source
        assert "<script" not in source and "style=" not in source
        template.render({})  # renders without a request, a language or a database
