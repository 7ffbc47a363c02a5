import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from partners.models import PartnerAgency
from partners.services import agency_parent_error, agency_save
from tests.factories import PartnerAgencyFactory

pytestmark = pytest.mark.django_db


def test_agency_reads_its_chinese_name_in_chinese():
    agency = PartnerAgencyFactory(
        name_en="National Immigration Administration", name_zh_hans="国家移民管理局", acronym_en="NIA"
    )

    with translation.override("zh-hans"):
        assert agency.name == "国家移民管理局"
        # No Chinese acronym: the English one shows, never an empty string.
        assert str(agency) == "国家移民管理局（NIA）"
    with translation.override("en"):
        assert str(agency) == "National Immigration Administration (NIA)"


def test_agency_without_chinese_name_falls_back_to_english():
    agency = PartnerAgencyFactory(name_en="Frontex", name_zh_hans="", acronym_en="")

    with translation.override("zh-hans"):
        assert agency.name == "Frontex"
        assert str(agency) == "Frontex"


def test_agency_sorts_by_pinyin_of_its_chinese_name():
    agency = PartnerAgencyFactory(name_zh_hans="公安部")

    assert agency.pinyin_sort == "gong an bu"


def test_parent_cannot_be_the_agency_itself():
    agency = PartnerAgencyFactory()

    assert agency_parent_error(agency=agency, parent=agency) == "An agency cannot be its own parent."


def test_parent_cannot_sit_under_the_agency():
    ministry = PartnerAgencyFactory(name_en="Ministry of Public Security", acronym_en="")
    office = PartnerAgencyFactory(name_en="Office to Combat Trafficking", acronym_en="", parent=ministry)
    unit = PartnerAgencyFactory(name_en="Unit", acronym_en="", parent=office)

    assert agency_parent_error(agency=ministry, parent=unit) == (
        "Unit sits under this agency, so it cannot also be its parent."
    )
    assert agency_parent_error(agency=office, parent=ministry) is None
    assert agency_parent_error(agency=PartnerAgency(), parent=unit) is None


def test_agency_save_refuses_a_loop_and_saves_a_valid_parent():
    ministry = PartnerAgencyFactory()
    office = PartnerAgencyFactory(parent=ministry)
    ministry.parent = office

    with pytest.raises(ValidationError) as excinfo:
        agency_save(agency=ministry)

    assert list(excinfo.value.message_dict) == ["parent"]
    ministry.refresh_from_db()
    assert ministry.parent is None


def test_agency_save_validates_fields():
    agency = PartnerAgencyFactory.build(slug="not a slug!", website="not a url")

    with pytest.raises(ValidationError) as excinfo:
        agency_save(agency=agency)

    assert {"slug", "website"} <= set(excinfo.value.message_dict)
    assert PartnerAgency.objects.count() == 0
