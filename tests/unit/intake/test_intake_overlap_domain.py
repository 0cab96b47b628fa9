"""Who gets a possible-shared-client notice, and how a notice may be resolved."""
from __future__ import annotations

import pytest

from services.intake.domain.overlap import (
    AlreadyResolved,
    KeyHolder,
    Notice,
    check_open,
    notices_for,
    resolution_problems,
)


def test_a_local_registration_matching_another_instances_key_gives_one_local_notice():
    published = KeyHolder("samk", "c-samk", local=True)
    notices = list(notices_for(published, [KeyHolder("sataedu", "c-sataedu", local=False)]))
    assert notices == [Notice("c-samk", "sataedu", "c-sataedu")]


def test_a_remote_key_matching_a_local_client_gives_the_local_side_its_notice():
    published = KeyHolder("samk", "c-samk", local=False)
    notices = list(notices_for(published, [KeyHolder("sataedu", "c-sataedu", local=True)]))
    assert notices == [Notice("c-sataedu", "samk", "c-samk")]


def test_two_organisations_served_by_one_instance_both_get_a_notice():
    published = KeyHolder("samk", "c-samk", local=True)
    notices = set(notices_for(published, [KeyHolder("sataedu", "c-sataedu", local=True)]))
    assert notices == {Notice("c-samk", "sataedu", "c-sataedu"), Notice("c-sataedu", "samk", "c-samk")}


def test_the_same_organisation_and_the_client_itself_are_no_overlap():
    published = KeyHolder("samk", "c1", local=True)
    holders = [KeyHolder("samk", "c1", True), KeyHolder("samk", "c2", True), KeyHolder("samk", "c3", False)]
    assert list(notices_for(published, holders)) == []


def test_agreeing_on_a_lead_names_one_of_the_two_organisations():
    assert resolution_problems("lead_agreed", "samk", "samk", "sataedu") == {}
    assert resolution_problems("lead_agreed", "sataedu", "samk", "sataedu") == {}
    assert list(resolution_problems("lead_agreed", "winnova", "samk", "sataedu")) == ["lead_organisation"]
    assert list(resolution_problems("lead_agreed", None, "samk", "sataedu")) == ["lead_organisation"]


def test_dismissing_names_no_lead_and_unknown_resolutions_are_refused():
    assert resolution_problems("dismissed", None, "samk", "sataedu") == {}
    assert list(resolution_problems("dismissed", "samk", "samk", "sataedu")) == ["lead_organisation"]
    assert list(resolution_problems("merged", None, "samk", "sataedu")) == ["resolution"]


def test_only_an_open_notice_can_be_resolved():
    check_open("open")
    for status in ("lead_agreed", "dismissed"):
        with pytest.raises(AlreadyResolved):
            check_open(status)
