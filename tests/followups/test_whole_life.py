"""A gift's whole life with a fixed clock, through the API and the CLI: the touches it schedules,
the calendar feed and the digest mail that result."""

from __future__ import annotations

import json
from datetime import date

from fastapi.testclient import TestClient
from icalendar import Calendar
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from giftwise.cli import app
from giftwise.core import clock
from giftwise.core.actor import Actor
from giftwise.jobs.digest import send_daily_digests
from giftwise.models.accounts import User
from tests.factories import make_contact, make_item, pear
from tests.followups.conftest import Mailbox


def _agenda(cli: CliRunner) -> dict[str, list[dict[str, object]]]:
    result = cli.invoke(app, ["agenda", "--format", "json"])
    assert result.exit_code == 0, result.output
    data: dict[str, list[dict[str, object]]] = json.loads(result.output)
    return data


def _purposes(rows: list[dict[str, object]]) -> list[object]:
    return [row["purpose"] for row in rows]


class TestWholeLife:
    def test_pear_gift_from_plan_to_reciprocity(
        self, session: Session, actor: Actor, api: TestClient, cli: CliRunner, mailbox: Mailbox
    ) -> None:
        me = session.get_one(User, actor.user_id)
        me.email, me.language, me.display_name = "me@giftwise.test", "zh", "小李"
        contact = make_contact(session, actor, name="王建国", relationship="client")
        make_item(session, **pear())
        session.commit()

        with clock.frozen_at(date(2026, 11, 16)):
            planned = api.post(
                "/gifts",
                json={
                    "contact_id": contact.id,
                    "sku": "pear-orchard",
                    "occasion": "thank-you",
                    "reason": "他上次说家里老人爱吃梨",
                },
            )
            assert planned.status_code == 201, planned.text
            gift = planned.json()
            assert gift["status"] == "planned" and "这梨是我姥爷种的" in gift["story"]
            assert api.post(f"/gifts/{gift['id']}/transitions", json={"to_status": "approved"}).status_code == 200
            assert cli.invoke(app, ["gifts", "mark", str(gift["id"]), "ordered"]).exit_code == 0
            today = _agenda(cli)["today"]
            assert _purposes(today) == ["pre-send"] and "这梨是我姥爷种的" in str(today[0]["script"])
            result = {"result": "发了微信讲了梨的故事", "minutes_spent": 5}
            done = api.post(f"/touches/{today[0]['id']}/done", json=result)
            assert done.status_code == 200 and done.json()["status"] == "done"

        with clock.frozen_at(date(2026, 11, 18)):
            shipped = cli.invoke(app, ["gifts", "mark", str(gift["id"]), "shipped", "--on", "2026-11-17"])
            assert shipped.exit_code == 0, shipped.output
            early = api.post(f"/gifts/{gift['id']}/transitions", json={"to_status": "acknowledged"})
            assert early.status_code == 409
            assert early.json()["detail"] == "礼物必须先是“已送达”才能变为“对方已致谢”；这份礼物现在是“已发出”。"
            english, step = {"Accept-Language": "en"}, {"to_status": "acknowledged"}
            asked_in_english = api.post(f"/gifts/{gift['id']}/transitions", json=step, headers=english)
            assert asked_in_english.json()["detail"] == (
                "A gift must be delivered before it is acknowledged; this one is 'shipped'."
            )
            assert cli.invoke(app, ["gifts", "mark", str(gift["id"]), "delivered"]).exit_code == 0
            agenda = _agenda(cli)
            assert agenda["today"] == [] and agenda["overdue"] == []  # nothing on the day the gift lands
            assert _purposes(agenda["upcoming"]) == ["delivery-check", "reciprocity"]

        with clock.frozen_at(date(2026, 11, 19)):
            run = send_daily_digests()
            assert [o.status for o in run.outcomes] == ["sent"]
            (mail,) = mailbox.messages
            assert mail["Subject"] == "giftwise 每日提醒 2026-11-19：今天 1 项，逾期 0 项"
            body = mail.get_content()
            assert "- [消息] 王建国 · 送达确认" in body and "秋月梨应该到了吧" in body
            assert "- 2026-11-20 [电话] 王建国 · 回应机会" in body

        with clock.frozen_at(date(2026, 11, 20)):
            token = api.post("/calendar/token").json()["token"]
            feed = Calendar.from_ical(api.get(f"/calendar/{token}.ics").content)
            summaries = {e.decoded("DTSTART"): str(e["SUMMARY"]) for e in feed.walk("VEVENT")}
            assert "回应机会" in summaries[date(2026, 11, 20)]
            assert api.post(f"/gifts/{gift['id']}/transitions", json={"to_status": "acknowledged"}).status_code == 200
            today = _agenda(cli)["today"]
            assert _purposes(today) == ["reciprocity"] and today[0]["window_closing"] is False
            assert today[0]["window_closes_on"] == "2026-11-23"
            assert today[0]["window_note"] == "回应窗口开到 2026-11-23"

        with clock.frozen_at(date(2026, 11, 23)):
            (last,) = [t for t in _agenda(cli)["overdue"] if t["purpose"] == "reciprocity"]
            assert last["window_closing"] is True and last["window_note"].startswith("回应窗口今天关闭")

        with clock.frozen_at(date(2026, 11, 28)):
            (late,) = [t for t in _agenda(cli)["overdue"] if t["gift_id"] == gift["id"]]
            assert late["purpose"] == "keep-in-touch" and late["window_closing"] is False
            assert late["gratitude_left"] is None and late["days_overdue"] == 8
            assert late["window_note"] == "" and "好久没联系" in late["script"]

        history = api.get(f"/gifts/{gift['id']}").json()
        assert [e["to_status"] for e in history["events"]] == [
            "planned",
            "approved",
            "ordered",
            "shipped",
            "delivered",
            "acknowledged",
        ]
        assert [e["on"] for e in history["events"]][3:5] == ["2026-11-17", "2026-11-18"]

    def test_a_refused_gift_teaches_the_profile_and_silences_its_touches(
        self, session: Session, actor: Actor, api: TestClient, frozen_clock: date
    ) -> None:
        contact = make_contact(session, actor, name="Anna Berg", language="en")
        make_item(session, **pear())
        session.commit()
        gift = api.post("/gifts", json={"contact_id": contact.id, "sku": "pear-orchard"}).json()
        for status in ("ordered", "shipped", "delivered"):
            api.post(f"/gifts/{gift['id']}/transitions", json={"to_status": status})
        missing = api.post(f"/gifts/{gift['id']}/transitions", json={"to_status": "refused"})
        assert missing.status_code == 422 and "budget, timing, compliance, misread_need, unknown" in missing.text
        refused = api.post(
            f"/gifts/{gift['id']}/transitions",
            json={"to_status": "refused", "reason": "misread_need", "note": "she is allergic to pears"},
        )
        assert refused.status_code == 200 and refused.json()["status_reason"] == "misread_need"
        touches = api.get("/touches", params={"gift_id": gift["id"]}).json()["items"]
        assert {t["status"] for t in touches if t["purpose"] != "recovery"} == {"skipped"}
        assert [t["status"] for t in touches if t["purpose"] == "recovery"] == ["open"]
        with Session(session.get_bind()) as fresh:
            from sqlalchemy import select

            from giftwise.models.understanding import Fact

            facts = fresh.scalars(select(Fact).where(Fact.contact_id == contact.id)).all()
        assert {(f.kind, f.concept) for f in facts} == {("dislike", "fruit")}
        assert all("she is allergic to pears" in f.source_text for f in facts)
