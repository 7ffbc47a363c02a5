"""robots.txt is public: it must not tell anyone where the admin lives."""

import pytest


@pytest.mark.django_db
def test_robots_txt_does_not_name_the_admin_address(client, settings):
    settings.ADMIN_URL = "back-office-7f3a/"
    response = client.get("/robots.txt")

    text = response.content.decode()
    assert response.status_code == 200
    assert settings.ADMIN_URL.strip("/") not in text
    assert "Sitemap: " in text
