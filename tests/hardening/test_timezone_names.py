"""``event.timezone``: only IANA names, not other files of the timezone database (#18)."""

from __future__ import annotations

import copy

import pytest

from eventplan.errors import InputError
from eventplan.scenario import from_document
from tests.checker.conftest import DOCUMENT


def _with_timezone(name: str) -> dict:
    document = copy.deepcopy(DOCUMENT)
    document["event"]["timezone"] = name
    return document


@pytest.mark.parametrize("name", ["localtime", "posixrules", "posix/Asia/Shanghai", "right/UTC"])
def test_localtime_is_accepted_as_a_timezone(name):
    refused = r"event\.timezone: .*(use an IANA name|the timezone of the machine)"
    with pytest.raises(InputError, match=refused):
        from_document(_with_timezone(name))


@pytest.mark.parametrize("name", ["Asia/Shanghai", "Europe/Berlin", "UTC"])
def test_iana_names_are_accepted(name):
    assert from_document(_with_timezone(name)).event.timezone == name
