"""Participants' personal data reaches no public output; consenting speakers may be named."""

import pytest

from activities.enums import Gender, ParticipantRole
from tests.factories import ParticipantFactory

from .conftest import build_world


def _plain(label):
    return f"Public {label}"


@pytest.mark.django_db
def test_no_personal_data_in_any_public_output(public_outputs):
    world = build_world(_plain)
    event = world["event"]
    secrets = []
    people = [
        # (role, consent): only a consenting speaker, moderator or keynote may be named.
        (ParticipantRole.SPEAKER, False),
        (ParticipantRole.KEYNOTE, False),
        (ParticipantRole.PARTICIPANT, True),
        (ParticipantRole.PARTICIPANT, False),
        (ParticipantRole.ORGANISER, True),
    ]
    for index, (role, consent) in enumerate(people):
        person = ParticipantFactory(
            event=event,
            role=role,
            consent_to_publish=consent,
            name_en=f"Hiddenname Zqx{index}",
            name_zh_hans=f"隐名者{index}号",
            email=f"private.person{index}@mail.example",
            phone=f"+86 10 5555 01{index:02d}",
            gender=Gender.WOMAN,
            position=f"Secretposition Pqw{index}",
        )
        secrets += [person.name_en, person.name_zh_hans, person.email, person.phone, person.position]
    speaker = ParticipantFactory(
        event=event,
        role=ParticipantRole.SPEAKER,
        consent_to_publish=True,
        name_en="Openspeaker Named",
        email="speaker.private@mail.example",
        phone="+32 2 555 0199",
        gender=Gender.MAN,
    )
    secrets += [speaker.email, speaker.phone]

    outputs = public_outputs(world)
    leaks = [(url, secret) for url, _kind, text in outputs for secret in secrets if secret in text]
    assert leaks == []
    # The check can find a name: the consenting speaker is on the activity's page.
    assert any(
        "Openspeaker Named" in text for url, _kind, text in outputs if url.endswith("/activities/event-x/")
    )
    # Gender appears only as counts, never next to a hidden person: no output mentions a hidden name at all.
    assert len(outputs) > 50
