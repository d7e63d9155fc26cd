"""Database mode: a stored contact's notes, facts, gift history and organization drive the ranking."""

from __future__ import annotations

import json
from datetime import date

from fastapi.testclient import TestClient
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from giftwise.cli import app
from giftwise.core.actor import Actor
from giftwise.models.understanding import Fact
from giftwise.recommend.service import recommend_for_contact
from giftwise.understanding import service as facts
from tests.factories import make_contact
from tests.snapshots import database_rows
from tests.understanding.factories import load_own_catalog, make_gift, make_org

AS_OF = date(2026, 11, 20)


def ranked(session: Session, actor: Actor, contact_id: int, **options: object) -> list[str]:
    result = recommend_for_contact(session, actor, contact_id=contact_id, as_of=AS_OF, top=100, **options)
    return [r.item_id for r in result.recommendations]


class TestRecommendForContact:
    def test_notes_drive_the_ranking_and_restrictions_exclude(self, session: Session, actor: Actor) -> None:
        load_own_catalog(session)
        contact = make_contact(session, actor, notes=[("2026-10-02", "他不喝酒，周末都去钓鱼。")])
        result = recommend_for_contact(session, actor, contact_id=contact.id, occasion="festival", budget_max=800,
                                       as_of=AS_OF, top=100)
        assert result.recommendations[0].item_id in {"jr-fly-rod", "jr-tackle-box"}
        assert "（2026-10-02 的笔记）" in result.recommendations[0].reasons[0]
        excluded = {e.item_id: e for e in result.excluded}
        assert "restriction" in excluded["jr-napa-cab"].codes and "不喝酒" in excluded["jr-napa-cab"].reason

    def test_a_users_correction_changes_the_recommendation(self, session: Session, actor: Actor) -> None:
        load_own_catalog(session)
        contact = make_contact(session, actor, language="en", notes=[("2026-10-02", "Loves fishing.")])
        assert ranked(session, actor, contact.id, budget_max=800)[0] in {"jr-fly-rod", "jr-tackle-box"}
        facts.read_notes(session, actor, contact_ids=[contact.id])  # as the profile the user corrects shows them
        fishing = session.scalars(select(Fact).where(Fact.concept == "fishing")).one()
        facts.correct_fact(session, actor, contact_id=contact.id, fact_id=fishing.id, concept="calligraphy")
        assert ranked(session, actor, contact.id, budget_max=800)[0] == "jr-ink-set"

    def test_an_open_tender_at_the_organization_stops_every_gift(self, session: Session, actor: Actor) -> None:
        load_own_catalog(session)
        org = make_org(session, name="Port Authority", tender_open=True)
        contact = make_contact(session, actor, organization_id=org.id, notes=[("2026-10-02", "Loves tea.")])
        result = recommend_for_contact(session, actor, contact_id=contact.id, as_of=AS_OF)
        assert result.recommendations == []
        assert "Port Authority" in result.excluded[0].reason

    def test_state_owned_staff_get_the_lower_cap(self, session: Session, actor: Actor) -> None:
        load_own_catalog(session)
        org = make_org(session, name="Sinochem", state_owned=True)
        contact = make_contact(session, actor, organization_id=org.id, notes=[("2026-10-02", "很喜欢钓鱼。")])
        result = recommend_for_contact(session, actor, contact_id=contact.id, budget_max=1000, as_of=AS_OF, top=100)
        assert "jr-fly-rod" in {e.item_id for e in result.excluded}
        assert all(r.price is not None and r.price <= 200 for r in result.recommendations)

    def test_our_recent_gift_is_not_repeated(self, session: Session, actor: Actor) -> None:
        items = load_own_catalog(session)
        contact = make_contact(session, actor, notes=[("2026-04-01", "钓鱼发烧友。")])
        make_gift(session, contact, items["jr-tackle-box"], on="2026-06-01", cost="230")
        assert "jr-tackle-box" not in ranked(session, actor, contact.id, budget_max=800)

    def test_a_role_naming_a_bureau_makes_a_public_official(self, session: Session, actor: Actor) -> None:
        load_own_catalog(session)
        contact = make_contact(session, actor, role="市税务局副局长", notes=[("2026-10-02", "喜欢下象棋。")])
        assert "jr-xiangqi" not in ranked(session, actor, contact.id, budget_max=2000)


class TestRecommendationsApi:
    def test_get_recommendations(self, api: TestClient, session: Session, actor: Actor) -> None:
        load_own_catalog(session)
        contact = make_contact(session, actor, language="en", notes=[("2026-10-02", "Doesn't drink; loves tea.")])
        session.commit()
        body = api.get(f"/contacts/{contact.id}/recommendations",
                       params={"occasion": "festival", "budget_max": 600, "top": 5, "as_of": "2026-11-20"}).json()
        assert len(body["recommendations"]) == 5 and body["contact_id"] == contact.id
        assert body["recommendations"][0]["item_id"] in {"jr-yixing-pot", "jr-hometown-tea", "jr-oolong-workshop"}
        assert set(body["recommendations"][0]["factors"]) >= {"interest", "stage", "novelty"}
        assert "jr-napa-cab" in {e["item_id"] for e in body["excluded"]}

    def test_reading_them_writes_nothing_and_matches_the_read_notes(
        self, api: TestClient, engine: Engine, session: Session, actor: Actor
    ) -> None:
        load_own_catalog(session)
        contact = make_contact(session, actor, language="en", notes=[("2026-10-02", "Doesn't drink; loves tea."),
                                                                     ("2026-10-09", "Loves fishing.")])
        session.commit()
        params = {"occasion": "festival", "budget_max": 600, "top": 10, "as_of": "2026-11-20"}
        before = database_rows(engine)
        unread = api.get(f"/contacts/{contact.id}/recommendations", params=params).json()
        assert database_rows(engine) == before
        facts.read_notes(session, actor, contact_ids=[contact.id])
        session.commit()
        assert api.get(f"/contacts/{contact.id}/recommendations", params=params).json() == unread

    def test_unknown_contact_and_bad_occasion(self, api: TestClient, session: Session, actor: Actor) -> None:
        load_own_catalog(session)
        contact = make_contact(session, actor)
        session.commit()
        assert api.get("/contacts/424242/recommendations").status_code == 404
        bad = api.get(f"/contacts/{contact.id}/recommendations", params={"occasion": "party"})
        assert bad.status_code == 422 and "not a known occasion" in bad.json()["detail"]

    def test_an_empty_catalog_says_how_to_fill_it(self, api: TestClient, session: Session, actor: Actor) -> None:
        contact = make_contact(session, actor)
        session.commit()
        response = api.get(f"/contacts/{contact.id}/recommendations")
        assert response.status_code == 422 and "catalog is empty" in response.json()["detail"]


class TestRecommendCli:
    def test_contact_mode_json(self, cli: CliRunner, session: Session, actor: Actor) -> None:
        load_own_catalog(session)
        contact = make_contact(session, actor, notes=[("2026-10-02", "她养了两只布偶猫。")])
        session.commit()
        result = cli.invoke(app, ["recommend", str(contact.id), "--as-of", "2026-11-20", "--format", "json"])
        assert result.exit_code == 0, result.output
        assert json.loads(result.stdout)["recommendations"][0]["item_id"] == "jr-cat-fountain"

    def test_contact_mode_table_and_errors(self, cli: CliRunner, session: Session, actor: Actor) -> None:
        load_own_catalog(session)
        contact = make_contact(session, actor, notes=[("2026-10-02", "她养了两只布偶猫。")])
        session.commit()
        table = cli.invoke(app, ["recommend", str(contact.id), "--as-of", "2026-11-20", "--top", "2"])
        assert table.exit_code == 0 and "猫咪饮水机" in table.output
        assert cli.invoke(app, ["recommend", "999999"]).exit_code == 3
        unknown = cli.invoke(app, ["recommend", "abc"])
        assert unknown.exit_code == 3 and "No contact named 'abc'" in unknown.output
        assert cli.invoke(app, ["recommend"]).exit_code == 2
