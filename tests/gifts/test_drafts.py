"""Stories and cards come from editable templates, in the contact's language."""

from __future__ import annotations

from pathlib import Path

import pytest

from giftwise.core import client_text
from giftwise.core.errors import ConfigurationError, Invalid
from giftwise.core.settings import reset_settings
from giftwise.gifts import drafts

# These sentences are worded outside a request, in the installation's language: English here.
pytestmark = pytest.mark.usefixtures("english")


@pytest.fixture
def own_templates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A user's template folder, set through GIFTWISE_TEMPLATES_DIR."""
    folder = tmp_path / "templates"
    (folder / "gifts" / "zh").mkdir(parents=True)
    monkeypatch.setenv("GIFTWISE_TEMPLATES_DIR", str(folder))
    reset_settings()
    yield folder
    reset_settings()


class TestDraftStory:
    def test_story_tells_origin_reason_and_tip(self) -> None:
        story = drafts.draft_story(
            "zh",
            contact_name="王总",
            item_name="秋月梨",
            story_prompt="这梨是我姥爷种的",
            reason="您说最近嗓子不舒服。",
            usage_tip="放两三天再吃更甜",
        )
        assert story.splitlines()[0] == "王总您好！"
        assert "这梨是我姥爷种的" in story and "挑它是因为您说最近嗓子不舒服。" in story
        assert "放两三天再吃更甜" in story

    @pytest.mark.parametrize(
        ("language", "reason", "expected", "leak"),
        [
            ("zh", "因为您说周末都去钓鱼（2026-11-01 的笔记）", "挑它是因为您说周末都去钓鱼。", "笔记"),
            ("en", "because you mentioned fishing every weekend (note of 2026-11-01)",
             "I picked it because you mentioned fishing every weekend.", "note of"),
        ],
    )
    def test_a_reason_never_tells_the_client_about_our_notes(
        self, language: str, reason: str, expected: str, leak: str
    ) -> None:
        story = drafts.draft_story(
            language, contact_name="Anna", item_name="a chair", story_prompt=None, reason=reason, usage_tip=None
        )
        assert expected in story
        assert leak not in story and "因为因为" not in story and "because because" not in story

    @pytest.mark.parametrize(
        ("language", "reason"),
        [
            ("zh", "遇热变色茶宠：匹配度0.77，潜力1.00，成本168.00CNY（需经理审批：超过国企员工的审批门槛 100 CNY）"),
            ("zh", "与他的爱好（美食）相关：“小吴 是 foodie”（2026-05-15 的笔记）"),
            ("zh", "因为他爱喝茶"),
            ("en", "the price is well above what suits a prospect"),
            ("en", "because he mentioned “fishing every weekend” (note of 2026-11-01)"),
            ("zh", "because she likes tea"),
        ],
    )
    def test_an_internal_or_third_person_reason_stays_out_of_the_story(self, language: str, reason: str) -> None:
        story = drafts.draft_story(
            language, contact_name="Anna", item_name="a chair", story_prompt=None, reason=reason, usage_tip=None
        )
        assert "因为" not in story and "because" not in story
        assert client_text.problems(story, language, quoted=["Anna", "a chair"]) == []

    @pytest.mark.parametrize(
        ("language", "reason"),
        [
            ("zh", "送之前请核对配料：可能含有酒精（不喝酒）"),
            ("zh", "2026-09-13 已经送过类似的东西；人人都送的常规礼品，缺少新意"),
            ("zh", "不太适合关怀"),
            ("en", "suits care; it may feel like pressure"),
            ("en", "check the ingredients before giving it: it may contain alcohol (does not drink)"),
        ],
    )
    def test_a_caution_penalty_or_fit_label_is_never_the_clients_because(self, language: str, reason: str) -> None:
        story = drafts.draft_story(
            language, contact_name="Anna", item_name="a chair", story_prompt=None, reason=reason, usage_tip=None
        )
        card = drafts.draft_card(language, situation="congratulations", contact_name="Anna", sender_name="Wang Lei",
                                 reason=reason)
        assert "因为" not in story and "because" not in story
        assert reason.split("；")[0].split(";")[0] not in story + card

    @pytest.mark.parametrize(
        ("language", "name", "said"),
        [("en", "Donation to a charity in the client's name", "Donation to a charity in your name"),
         ("zh", "送礼人家乡特产", "我家乡特产")],
    )
    def test_catalog_words_about_the_client_are_said_to_the_client(self, language: str, name: str, said: str) -> None:
        story = drafts.draft_story(
            language, contact_name="Anna", item_name=name, story_prompt=None, reason="", usage_tip=None
        )
        assert said in story and name not in story

    def test_story_without_origin_or_reason_stays_simple(self) -> None:
        story = drafts.draft_story(
            "en", contact_name="Anna", item_name="a notebook", story_prompt=None, reason="", usage_tip=None
        )
        assert "just a small thought" in story and "because" not in story and "tip" not in story.lower()

    def test_an_instruction_becomes_a_hint_not_part_of_the_message(self) -> None:
        story = drafts.draft_story(
            "en",
            contact_name="Anna",
            item_name="Anji white tea",
            reason="",
            story_prompt="Tell how the tea garden is picked by hand in April.",
            usage_tip=None,
        )
        assert "story behind it" not in story and "Tell how" not in story
        assert drafts.story_hint("Tell how the tea garden is picked by hand in April.", "en") == (
            "Tell how the tea garden is picked by hand in April."
        )

    def test_a_story_in_the_other_language_becomes_a_hint(self) -> None:
        story = drafts.draft_story(
            "en", contact_name="Anna", item_name="pears", story_prompt="这梨是我姥爷种的", reason="", usage_tip=None
        )
        assert "story behind it" not in story and "这梨是我姥爷种的" not in story
        assert drafts.story_hint("这梨是我姥爷种的", "en") == "这梨是我姥爷种的"


class TestDraftCard:
    @pytest.mark.parametrize("situation", drafts.CARD_SITUATIONS)
    @pytest.mark.parametrize("language", ["zh", "en"])
    def test_every_situation_has_a_signed_card_in_both_languages(self, situation: str, language: str) -> None:
        card = drafts.draft_card(language, situation=situation, contact_name="Li Wei", sender_name="Mei")
        assert card.startswith(("Li Wei", "Dear Li Wei")) and card.rstrip().endswith("Mei")

    def test_festival_card_names_the_festival(self) -> None:
        card = drafts.draft_card("zh", situation="festival", contact_name="王总", sender_name="小李", festival="中秋节")
        assert "中秋节将至" in card

    def test_unknown_situation_is_refused(self) -> None:
        with pytest.raises(Invalid, match="not a card situation"):
            drafts.draft_card("en", situation="party", contact_name="A", sender_name="B")


class TestUserTemplates:
    def test_a_users_template_wins_over_the_shipped_one(self, own_templates: Path) -> None:
        (own_templates / "gifts" / "zh" / "card-get-well.txt").write_text(
            "{{ contact_name }}，多喝热水，早日康复！—— {{ sender_name }}", encoding="utf-8"
        )
        card = drafts.draft_card("zh", situation="get-well", contact_name="王总", sender_name="小李")
        assert card == "王总，多喝热水，早日康复！—— 小李"
        english = drafts.draft_card("en", situation="get-well", contact_name="Anna", sender_name="Mei")
        assert "get better soon" in english  # not overridden: shipped template

    def test_a_broken_template_is_one_clear_error(self, own_templates: Path) -> None:
        (own_templates / "gifts" / "zh" / "story.txt").write_text("{% if %}", encoding="utf-8")
        with pytest.raises(ConfigurationError, match=r"story.txt has an error on line 1"):
            drafts.draft_story("zh", contact_name="王总", item_name="茶", story_prompt=None, reason="", usage_tip=None)

    def test_templates_cannot_reach_python_internals(self, own_templates: Path) -> None:
        (own_templates / "gifts" / "zh" / "story.txt").write_text(
            "{{ contact_name.__class__.__mro__[1].__subclasses__() }}", encoding="utf-8"
        )
        with pytest.raises(ConfigurationError, match=r"story.txt cannot be used: .*unsafe"):
            drafts.draft_story("zh", contact_name="王总", item_name="茶", story_prompt=None, reason="", usage_tip=None)
