"""Boilerplate detection: what is marked, and (as important) what is not."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest

from kg.readers.boilerplate import find_boilerplate, load_rules


def marked(text: str) -> list[str]:
    return [text[start:end] for start, end in find_boilerplate(text)]


def is_clean(text: str) -> bool:
    return find_boilerplate(text) == ()


# --- ordinary reporting is never boilerplate ----------------------------------------------------------------

REPORTING = [
    "Reuters reported that 12 people were killed.",
    "Share prices fell.",
    "Share prices fell sharply in Damascus on Monday after the announcement.",
    "More than 40 people were killed in the strike, the Observatory said.",
    "The head of the monitor, Rami Abdel Rahman, told AFP that rebels had withdrawn.",
    "A Reuters photographer saw bodies in the street.",
    "Photos and video emerging from the town show limp bodies of children.",
    "Photographs circulated by activists showed rescue workers at the site.",
    "The ministry said in an email that it would not comment.",
    "He wrote on Twitter that the attack was a massacre.",
    "Print and broadcast media were banned from the area.",
    "Related talks in Geneva ended without agreement.",
    "Click-bait sites spread the false claim, officials said.",
    "A Reuters/Ipsos poll showed most Americans opposed a strike.",
    "Advertisements for the rally appeared across the capital.",
    "Getty and other agencies distributed the images, the ministry said.",
    "The copyright dispute was not discussed, the spokesman said.",
    "Email and phone lines were cut in the besieged district.",
    "Follow-up talks are planned in Astana, the Kremlin said.",
]


@pytest.mark.parametrize("sentence", REPORTING)
def test_reporting_sentences_are_not_boilerplate(sentence: str) -> None:
    assert is_clean(sentence)


@pytest.mark.parametrize("sentence", REPORTING)
def test_reporting_sentences_are_not_boilerplate_inside_an_article(sentence: str) -> None:
    text = f"Rebels seize town\n\n{sentence}\n\nThe army said it would retake it."
    assert is_clean(text)


def test_reporting_paragraph_ending_with_wire_name_is_kept_but_sign_off_is_marked() -> None:
    text = "Officials said 12 people were killed, the ministry said in a statement. - REUTERS"
    assert marked(text) == ["- REUTERS"]
    text = "Some 230000 people have been killed in Syria since the conflict began.--AFP"
    assert marked(text) == ["--AFP"]


# --- share buttons --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    ["Share", "  • Share", "  • Read Later", "Tweet", "Email", "Print", "Share Tweet Email", "Facebook | Twitter"],
)
def test_share_buttons(line: str) -> None:
    text = f"Headline\n{line}\nThe army shelled the town on Monday."
    assert marked(text) == [line.strip()]


def test_share_button_ranges_index_the_text() -> None:
    text = "Headline\n\n  • Share\n  • Read Later\nBody text here."
    ranges = find_boilerplate(text)
    assert [text[s:e] for s, e in ranges] == ["• Share", "• Read Later"]
    assert ranges == tuple(sorted(ranges))


# --- photo credits and captions -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "credit",
    [
        "Tatyana Makeyeva / Reuters",
        "Louai Beshara / AFP / Getty Images",
        "Photo: AP",
        "Israel news photo: Flash 90",
        "(Photo by John Smith / AFP)",
        "Getty Images",
        "Photo credit: Anadolu Agency",
        "(File photo)",
    ],
)
def test_credit_lines(credit: str) -> None:
    text = f"Headline\n\n{credit}\n\nThe army shelled the town on Monday, residents said."
    assert marked(text) == [credit]


def test_caption_paragraph_with_agency_credit() -> None:
    caption = (
        "Protesters hold placards near the U.S. embassy in Moscow September 12, 2013. The placards read "
        '"Hands off" (L). REUTERS/Jane Roe (RUSSIA - Tags: POLITICS CIVIL UNREST) - RTX13ABC'
    )
    text = f"Headline\n\nJane Roe / Reuters\n\n{caption}\n\nThe president praised the decision on Friday."
    assert marked(text) == ["Jane Roe / Reuters", caption]


def test_caption_glued_to_a_credit_at_the_end_of_a_line() -> None:
    text = "President visits front\nThe president in DamascusSyria news photo: SANA\n\nThe president visited troops."
    assert marked(text) == ["The president in DamascusSyria news photo: SANA"]


def test_short_caption_line_directly_above_a_credit_line() -> None:
    text = "Headline\n\nA boy walks past a destroyed building in Aleppo.\nPhoto: AP\n\nThe army retook the area."
    assert marked(text) == ["A boy walks past a destroyed building in Aleppo.", "Photo: AP"]


def test_credit_line_does_not_swallow_the_title_or_a_separate_paragraph() -> None:
    text = "Rebels retake town\nPhoto: AP\n\nRebels retook the town on Monday, the Observatory said."
    assert marked(text) == ["Photo: AP"]


def test_bare_agency_line_takes_no_caption() -> None:
    text = "Headline\nReuters\nRebels retook the town on Monday, the Observatory said."
    assert marked(text) == ["Reuters"]


def test_caption_glued_into_running_text_marks_only_its_sentence() -> None:
    text = (
        "Headline. Rebels shelled the town, residents said. Fighters walk in a village north of Raqqa "
        "November 19, 2016. REUTERS/Rodi Said The advance is part of a campaign, the U.S. military said."
    )
    assert marked(text) == ["Fighters walk in a village north of Raqqa November 19, 2016. REUTERS/Rodi Said"]


def test_photographer_name_stops_before_the_next_sentence() -> None:
    text = "Rebels attacked the base. Smoke rises over the base August 24 2014. REUTERS/Stringer The army sent troops."
    assert marked(text) == ["Smoke rises over the base August 24 2014. REUTERS/Stringer"]


def test_parenthesised_agency_photo_credit_in_running_text() -> None:
    text = (
        "Rebels attacked the market, activists said. People inspect the damage in Ariha on August 3 2015. "
        "(AFP Photo) Thirty-five people were killed on Monday."
    )
    assert marked(text) == ["People inspect the damage in Ariha on August 3 2015. (AFP Photo)"]


def test_caption_sentence_boundary_skips_abbreviations() -> None:
    text = (
        "Talks went on. U.S. President Barack Obama speaks in Washington. REUTERS/Jason Reed Kerry said talks went on."
    )
    assert marked(text) == ["U.S. President Barack Obama speaks in Washington. REUTERS/Jason Reed"]


# --- links, adverts, copyright ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "(More: Taking Lead in Syria Talks, Russia Works to Preserve Assad Regime)",
        "More: Russia\u2019s Syria Calculus: Behind Moscow\u2019s Plan to Avert U.S. Missile Strikes",
        "More:\xa0Another story",
        "Read more: Syria's war in numbers",
        "Related: Rebels pull out of Aleppo",
        "READ MORE",
        "Advertisement",
        "ADVERTISEMENT",
        "Click here to read the full report",
        "© 2017 Example News. All rights reserved.",
        "Copyright 2013 Reuters",
    ],
)
def test_link_advert_and_copyright_lines(line: str) -> None:
    text = f"Headline\n\nRebels retook the town on Monday.\n\n{line}\n\nThe army denied it."
    assert marked(text) == [line]


def test_inline_more_link_inside_a_paragraph() -> None:
    text = "Rebels retook the town. (More: Assad's forces regroup) The army denied it."
    assert marked(text) == ["(More: Assad's forces regroup)"]


def test_copyright_footer_runs_to_the_end_of_the_line() -> None:
    text = "The army denied it. Subscribe Follow Copyright 2018 Example World. Watch Live Terms of Use"
    assert marked(text) == ["Copyright 2018 Example World. Watch Live Terms of Use"]


def test_ranges_are_sorted_and_disjoint() -> None:
    text = "Title\n  • Share\n  • Tweet\nPhoto: AP\n\nBody. (More: x)\nMore: y\n"
    ranges = find_boilerplate(text)
    assert list(ranges) == sorted(ranges)
    assert all(a_end < b_start for (_a, a_end), (b_start, _b) in pairwise(ranges))
    assert all(0 <= s < e <= len(text) for s, e in ranges)


def test_crlf_lines() -> None:
    text = "Headline\r\n  • Share\r\nBody text.\r\n"
    assert marked(text) == ["• Share"]


def test_empty_text() -> None:
    assert find_boilerplate("") == ()
    assert find_boilerplate("\n\n  \n") == ()


# --- the rules file ---------------------------------------------------------------------------------------------


def test_rules_file_with_macros(tmp_path: Path) -> None:
    rules_file = tmp_path / "rules.txt"
    rules_file.write_text(
        "# a comment\ndefine WORD = Sponsored|Promoted\n\nline: (?i)(?:{WORD}) content\ninline: #hashtag\n",
        encoding="utf-8",
    )
    rules = load_rules(rules_file)
    text = "Headline\nSponsored content\nRebels said #hashtag was trending."
    assert [text[s:e] for s, e in find_boilerplate(text, rules)] == ["Sponsored content", "#hashtag"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("lines: x\n", "expected 'KIND: REGEX'"),
        ("line: (unclosed\n", "bad regular expression"),
        ("line: {NOPE}\n", "{NOPE} is used before"),
    ],
)
def test_bad_rules_are_reported_with_their_line(tmp_path: Path, content: str, message: str) -> None:
    rules_file = tmp_path / "rules.txt"
    rules_file.write_text("# header\n" + content, encoding="utf-8")
    with pytest.raises(ValueError, match=r"rules\.txt:2") as error:
        load_rules(rules_file)
    assert message in str(error.value)


def test_default_rules_load() -> None:
    rules = load_rules()
    for kind in (rules.line, rules.credit_line, rules.credit, rules.inline, rules.tail):
        assert kind


def test_a_wire_and_photographer_glued_to_the_text_is_a_credit_not_a_speaker() -> None:
    text = "Headline\n\nREUTERS Jane Roe Rebels Take the Town The coalition has been carrying out airstrikes."
    assert marked(text) == ["REUTERS Jane Roe"]
    assert marked("Headline\n\nREUTERS The coalition struck the town, the monitor said.") == []
    assert marked("Headline\n\nThe coalition struck the town, REUTERS reported.") == []


def test_an_outlet_and_its_wires_in_brackets_is_a_credit() -> None:
    text = "Headline\n\n(TRT World and Agencies) The monitor said 17 people were killed."
    assert marked(text) == ["(TRT World and Agencies)"]


def test_a_wires_dateline_glued_into_the_text_is_a_credit() -> None:
    text = "Headline\n\nCar bombs AFP Wednesday 9 Apr 2014 Two car bombs killed 25 people, the monitor said."
    assert "AFP Wednesday 9 Apr 2014" in marked(text)[0]
    assert marked("Headline\n\nAFP reported on Wednesday that two car bombs killed 25 people.") == []


@pytest.mark.parametrize(("text", "furniture"), [
    ("Dont miss out on the Latest News We wont spam you and we respect your privacy. SUBSCRIBE",
     "Dont miss out on the Latest News We wont spam you and we respect your privacy."),
    ("Rebels shelled the town on Monday. Print Tweet Views 729 Related IS group claims", "Print Tweet Views 729"),
])
def test_a_subscription_box_and_a_share_bar_glued_into_the_text(text: str, furniture: str) -> None:
    assert any(furniture in part for part in marked(text))


@pytest.mark.parametrize("sentence", [
    "The ministry said it would print the names of the dead and tweet updates.",
    "Print media reported 12 dead; views differ on who fired.",
])
def test_the_words_of_a_share_bar_in_a_sentence_are_kept(sentence: str) -> None:
    assert is_clean(sentence)


@pytest.mark.parametrize("furniture", [
    "SUBSCRIBE TRT World on Youtube",
    "Subscribe to our Youtube channel for all latest in-depth on the ground reporting from around the world.",
])
def test_a_subscription_line_glued_into_the_text(furniture: str) -> None:
    text = f"Rebels shelled the town on Monday. {furniture} Residents fled."
    assert any(furniture in part for part in marked(text))


@pytest.mark.parametrize("text", [
    "Rebels shelled the town. Additional reporting by Erika Solomon in Beirut; Editing by Peter Graff Our Standards",
    "Rebels shelled the town.\n(Reporting by Tom Perry; Writing by Peter Graff Dominic Evans and Alastair Macdonald)",
])
def test_a_wire_storys_credits_at_its_end_are_furniture(text: str) -> None:
    assert any("Peter Graff" in part and "Rebels" not in part for part in marked(text))


@pytest.mark.parametrize("sentence", [
    "Reporting by local journalists showed that 12 people were killed in the raid on Monday.",
    "Reporting by Reuters journalists showed that 12 people were killed.",
    "The monitor said reporting by state media was false.",
])
def test_reporting_by_in_a_sentence_is_kept(sentence: str) -> None:
    assert is_clean(f"Rebels shelled the town. {sentence}")


def test_a_tag_list_before_a_comment_box_is_furniture() -> None:
    text = ("Title\nThe UN said so. ... 11 Tags Bashar al-Assad chemical weapons Damascus Community "
            "standardsDiscussion Comment via Facebook")
    assert any(part.startswith("Tags Bashar") and part.endswith("Facebook") for part in marked(text))
    assert is_clean("The community standards of the village were high.")
