import os
import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Create the superuser for `make run` if it does not exist: username from "
        "DJANGO_SUPERUSER_USERNAME (default admin), password from DJANGO_SUPERUSER_PASSWORD "
        "or generated and printed once."
    )

    def handle(self, *args, **options):
        User = get_user_model()
        username = os.environ.get("DJANGO_SUPERUSER_USERNAME", "admin")
        if User.objects.filter(username=username).exists():
            self.stdout.write(f"Superuser {username!r} already exists; its password is unchanged.")
            return
        password = os.environ.get("DJANGO_SUPERUSER_PASSWORD")
        generated = not password
        if generated:
            password = secrets.token_urlsafe(12)
        User.objects.create_superuser(username=username, email="", password=password)
        if generated:
            self.stdout.write(
                self.style.SUCCESS(f"Created superuser {username!r} with password: {password}")
            )
            self.stdout.write("Keep it: it is shown only this once.")
        else:
            self.stdout.write(self.style.SUCCESS(f"Created superuser {username!r}."))
