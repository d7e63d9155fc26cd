"""Organizations follow the book rule: nobody changes or hides a client company holding contacts they may not see."""

from __future__ import annotations

from fastapi.testclient import TestClient


def _user(api: TestClient, name: str, team: str, role: str = "rep") -> dict[str, str]:
    created = api.post("/users", json={"username": name, "team": team, "role": role}).json()
    return {"Authorization": f"Bearer {created['api_token']}"}


class TestOrganizationRule:
    def test_a_rep_cannot_archive_or_rename_another_teams_client(self, api: TestClient) -> None:
        east, west = _user(api, "li", "east"), _user(api, "zhao", "west")
        org = api.post("/organizations", json={"name": "宏达机械"}, headers=east).json()
        api.post("/contacts", json={"name": "王建国", "organization_id": org["id"]}, headers=east)
        archived = api.post(f"/organizations/{org['id']}/archive", headers=west)
        renamed = api.patch(f"/organizations/{org['id']}", json={"name": "改名"}, headers=west)
        assert archived.status_code == 403 and renamed.status_code == 403
        assert "宏达机械" in archived.json()["detail"]
        assert api.get(f"/organizations/{org['id']}").json()["archived"] is False

    def test_the_owner_of_every_contact_there_and_an_admin_may(self, api: TestClient) -> None:
        east = _user(api, "li", "east")
        org = api.post("/organizations", json={"name": "宏达机械"}, headers=east).json()
        api.post("/contacts", json={"name": "王建国", "organization_id": org["id"]}, headers=east)
        assert api.post(f"/organizations/{org['id']}/archive", headers=east).status_code == 200
        assert api.post(f"/organizations/{org['id']}/restore").status_code == 200

    def test_an_empty_organization_is_anyones_to_tidy(self, api: TestClient) -> None:
        west = _user(api, "zhao", "west")
        org = api.post("/organizations", json={"name": "空壳公司"}).json()
        assert api.post(f"/organizations/{org['id']}/archive", headers=west).status_code == 200
