"""The three staff groups: Editors, Translators and Publishers, with their permissions.

Permissions are normally created after migrations run; they are created here first so the
groups can be given them in the same migrate, on a fresh database too.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

# Models editors create and change (and delete); phases and pillars they only read.
EDITED = {
    "activities": ["event", "participant", "photo", "attachment", "eventagency"],
    "partners": ["partneragency"],
    "newsletters": ["newsletter", "newslettersection", "sectionevent"],
}
READ_ONLY = {"activities": ["phase", "pillar"]}
# Models with translated texts: translators may change those texts only.
TRANSLATED = {
    "activities": ["phase", "pillar", "event", "participant", "photo", "attachment"],
    "partners": ["partneragency"],
    "newsletters": ["newsletter", "newslettersection"],
}
PUBLISHED = {"activities": ["event"], "newsletters": ["newsletter"]}


def _codenames(mapping, actions):
    return [
        (app_label, f"{action}_{model}")
        for app_label, models in mapping.items()
        for model in models
        for action in actions
    ]


def create_groups(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")

    def permissions(pairs):
        found = []
        for app_label, codename in pairs:
            found.append(Permission.objects.get(content_type__app_label=app_label, codename=codename))
        return found

    viewing = _codenames(EDITED, ["view"]) + _codenames(READ_ONLY, ["view"])
    editing = _codenames(EDITED, ["add", "change", "delete"]) + viewing
    translating = _codenames(TRANSLATED, ["view", "translate"]) + viewing
    publishing = editing + _codenames(PUBLISHED, ["publish"])
    for name, pairs in (("Editors", editing), ("Translators", translating), ("Publishers", publishing)):
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.set(permissions(sorted(set(pairs))))


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=["Editors", "Translators", "Publishers"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("activities", "0004_workflow_history_translation_status"),
        ("partners", "0002_workflow_history_translation_status"),
        ("newsletters", "0002_workflow_history_translation_status"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
