"""The catalogs as data: same keys and fields in every language, Chinese that is Chinese,
patterns that compile and pick the most specific match, and the role vocabulary."""

from __future__ import annotations

import re

import pytest

from eventplan.i18n import LANGUAGES, Texts, language, role_label, vocabulary
from eventplan.i18n.catalog import catalog_data
from eventplan.i18n.patterns import MessageCatalog, compile_pattern, fields
from tests.i18n.leftovers import english_left

ZH = catalog_data("zh")
EN = catalog_data("en")
PATTERNS = {s: t for group in ZH["messages"].values() for s, t in group.items()}


def test_every_language_has_the_same_texts_with_the_same_fields() -> None:
    for lang in LANGUAGES:
        data = catalog_data(lang)
        assert set(data["texts"]) >= set(EN["texts"]), lang
        assert set(data["lists"]) == set(EN["lists"]), lang
        for key, english in EN["texts"].items():
            assert fields(data["texts"][key]) == fields(english), (lang, key)


def test_no_pattern_is_given_twice_and_each_keeps_its_fields() -> None:
    sources = [s for group in ZH["messages"].values() for s in group]
    assert len(sources) == len(set(sources))
    for source, target in PATTERNS.items():
        compile_pattern(source, target, ZH["terms"])  # raises on a bad field
        assert set(fields(target)) == set(fields(source)), source
        assert all(kind == "" for kind in fields(target).values()), target


def _without_fields(template: str) -> str:
    return re.sub(r"\{\w+(:\w+)?\}", " ", template)


@pytest.mark.parametrize(
    "section", ["texts", "terms", "messages"], ids=["texts", "terms", "message patterns"]
)
def test_the_chinese_catalog_holds_no_english_words(section: str) -> None:
    templates = list((PATTERNS if section == "messages" else ZH[section]).values())
    left = {t: english_left(_without_fields(t)) for t in templates}
    # Allowed in a Chinese text: the format's own keys, file names, options, format names.
    assert {t: words for t, words in left.items() if words} == {}


def test_the_most_specific_pattern_wins() -> None:
    catalog = MessageCatalog(
        {
            "unknown {what:term} '{value}'": "未知的{what} '{value}'",
            "unknown {what:term} '{value}' (known: {known})": "未知{what} '{value}'（{known}）",
            "{anything:msg}: {rest:msg}": "【{anything}】{rest}",
        },
        {"role": "角色"},
        EN["lists"],
    )
    same = lambda name: name  # noqa: E731
    assert catalog.translate("unknown role 'x' (known: a, b)", same) == "未知角色 'x'（a, b）"
    assert catalog.translate("unknown role 'x'", same) == "未知的角色 'x'"
    assert catalog.translate("no pattern at all", same) == "no pattern at all"
    assert catalog.translate("a: unknown role 'y'", same) == "【a】未知的角色 'y'"


def test_values_ids_and_numbers_pass_through_untouched() -> None:
    t = Texts("zh")
    message = "the people file lists 12 people of pool '=evil{n}', more than its count 10"
    assert t.message(message) == "人员名单列出人员库 '=evil{n}' 的 12 人，多于其人数 10"


def test_roles_are_named_by_label_in_the_language_else_by_the_vocabulary() -> None:
    assert vocabulary("zh")["police"] == "民警"
    common = {"police": "民警", "auxiliary": "辅警", "traffic": "交警", "guard": "保安员"}
    common |= {"volunteer": "志愿者", "volunteer-police": "义警"}
    assert {rid: role_label(rid, None, "zh") for rid in common} == common
    assert role_label("police", "Police officer", "zh") == "民警"  # an English label
    assert role_label("police", "特警支队", "zh") == "特警支队"  # a Chinese label wins
    assert role_label("dog-handler", "Dog handler", "zh") == "Dog handler"  # nothing better
    assert role_label("police", "Police officer", "en") == "Police officer"
    assert role_label("police", None, "en") == "police"


def test_texts_name_roles_in_messages_and_groups() -> None:
    t = Texts("zh", {"police": "Police officer", "guard": "Security guard", "medic": None})
    assert t.role("police") == "民警" and t.role("Security guard") == "保安员"
    assert t.role("medic") == "医护人员"
    assert t.group("police+guard[first-aid]") == "民警或保安员（须具备 first-aid）"
    english = Texts("en", {"police": "Police officer"})
    assert english.role("police") == "police" and english.group("police+guard") == "police+guard"
    message = "no Police officer free to supervise the Security guard here"
    assert t.message(message) == "没有空闲的民警在此带管保安员"


@pytest.mark.parametrize(
    ("given", "wanted"), [("zh", "zh"), ("zh-CN", "zh"), ("zh_CN.UTF-8", "zh"), ("EN", "en")]
)
def test_language_names_as_people_write_them(given: str, wanted: str) -> None:
    assert language(given) == wanted


def test_an_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown language 'fr'"):
        language("fr")
