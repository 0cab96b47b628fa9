"""One-time passwords (TOTP) in the built-in login: required by role, optional for the others, a wrong or
reused code refused, attempts limited like passwords, the token records how the user signed in, and an
administrator can remove a user's one-time password."""
from __future__ import annotations

import re
import time

import jwt
import pyotp
from werkzeug.test import Client

from tests.support import network as net

# managers, coordinators and administrators must give a code; students and partners may choose to
network = net.module_network("totp", mfa_required_roles=("manager", "coordinator", "admin"),
                             login_failures_per_account=3)


def csrf_of(page: str) -> str:
    return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)


def password_step(client: Client, username: str, password: str = "demo"):
    csrf = csrf_of(client.get("/login").get_data(as_text=True))
    return client.post("/login", data={"username": username, "password": password, "csrf_token": csrf,
                                       "next": "/"})


def post_code(client: Client, path: str, code: str, secret: str | None = None):
    page = client.get(path).get_data(as_text=True)
    data = {"code": code, "csrf_token": csrf_of(page)}
    if secret is not None or 'name="secret"' in page:
        data["secret"] = secret or secret_on(page)
    return client.post(path, data=data)


def token_cookie(client: Client) -> str | None:
    cookie = client.get_cookie("kampus_token")
    return cookie.value if cookie else None


def secret_on(page: str) -> str:
    return re.search(r'id="totp-secret">([A-Z2-7]+)<', page).group(1)


def next_code(secret: str) -> str:
    """The code of the next time step: inside the accepted window, and never one used before."""
    return pyotp.TOTP(secret).at(time.time() + 30)


def enrol_during_login(network, username: str) -> tuple[Client, str, list[str]]:
    client = Client(network.wsgi)
    response = password_step(client, username)
    assert response.status_code == 303 and response.headers["Location"].endswith("/login/enrol")
    assert token_cookie(client) is None, "no token before the code"
    page = client.get("/login/enrol").get_data(as_text=True)
    secret = secret_on(page)
    assert 'src="data:image/svg+xml' in page, "a QR code to scan"
    done = post_code(client, "/login/enrol", pyotp.TOTP(secret).now(), secret)
    assert done.status_code == 200
    codes = re.findall(r"<code>([a-z2-9]{5}-[a-z2-9]{5})</code>", done.get_data(as_text=True))
    assert len(codes) == 8
    return client, secret, codes


def test_a_manager_sets_up_a_code_at_first_login_and_gives_one_at_every_login(network):
    client, secret, _ = enrol_during_login(network, "manager3")
    claims = jwt.decode(token_cookie(client), options={"verify_signature": False})
    assert claims["amr"] == ["pwd", "otp", "mfa"]
    assert client.get("/", headers={"Accept": "text/html"}).status_code == 200

    again = Client(network.wsgi)
    response = password_step(again, "manager3")
    assert response.headers["Location"].endswith("/login/code") and token_cookie(again) is None
    wrong = post_code(again, "/login/code", "000000" if pyotp.TOTP(secret).now() != "000000" else "111111")
    assert wrong.status_code == 401 and "Koodi ei ole oikea" in wrong.get_data(as_text=True)
    assert token_cookie(again) is None
    code = next_code(secret)
    right = post_code(again, "/login/code", code)
    assert right.status_code == 302 and right.headers["Location"] == "/"
    assert jwt.decode(token_cookie(again), options={"verify_signature": False})["amr"] == ["pwd", "otp", "mfa"]

    reused = Client(network.wsgi)
    password_step(reused, "manager3")
    # the same code again (computed anew, it would be the next step's once a 30 s boundary passed in between)
    assert post_code(reused, "/login/code", code).status_code == 401, "a code counts once"


def test_a_recovery_code_works_once(network):
    _, _, codes = enrol_during_login(network, "manager4")
    for expected in (302, 401):
        client = Client(network.wsgi)
        password_step(client, "manager4")
        assert post_code(client, "/login/code", codes[0].upper()).status_code == expected


def test_wrong_codes_are_limited_like_passwords(network):
    _, secret, _ = enrol_during_login(network, "coordinator")
    client = Client(network.wsgi)
    password_step(client, "coordinator")
    wrong = "123456" if next_code(secret) != "123456" else "654321"
    statuses = [post_code(client, "/login/code", wrong).status_code for _ in range(4)]
    assert statuses == [401, 401, 401, 429]
    assert post_code(client, "/login/code", next_code(secret)).status_code == 429, "even the right code waits"


def test_a_student_may_log_in_without_a_code_and_choose_one(network):
    client = Client(network.wsgi)
    response = password_step(client, "student1")
    assert response.status_code == 302 and token_cookie(client)
    assert jwt.decode(token_cookie(client), options={"verify_signature": False})["amr"] == ["pwd"]
    secret = secret_on(client.get("/account/totp").get_data(as_text=True))
    wrong = post_code(client, "/account/totp", "12345", secret)
    assert wrong.status_code == 422 and "Koodi ei ole oikea" in wrong.get_data(as_text=True)
    assert secret_on(wrong.get_data(as_text=True)) == secret, "the same key stays on the page after a wrong code"
    assert post_code(client, "/account/totp", pyotp.TOTP(secret).now(), secret).status_code == 200
    assert "käytössä" in client.get("/account/totp").get_data(as_text=True)
    later = Client(network.wsgi)
    assert password_step(later, "student1").headers["Location"].endswith("/login/code")


def test_the_api_asks_for_the_code_of_a_user_who_has_one(network):
    api = Client(network.wsgi)
    refused = api.post("/auth/token", json={"username": "manager5", "password": "demo"})
    assert refused.status_code == 403 and refused.get_json()["error"]["code"] == "otp_setup"
    _, secret, _ = enrol_during_login(network, "manager5")
    missing = api.post("/auth/token", json={"username": "manager5", "password": "demo"})
    assert missing.status_code == 401 and "otp" in missing.get_json()["error"]["fields"]
    wrong = api.post("/auth/token", json={"username": "manager5", "password": "demo", "otp": "99999x"})
    assert wrong.status_code == 401
    right = api.post("/auth/token", json={"username": "manager5", "password": "demo", "otp": next_code(secret)})
    assert right.status_code == 200
    token = right.get_json()["access_token"]
    assert jwt.decode(token, options={"verify_signature": False})["amr"] == ["pwd", "otp", "mfa"]
    assert Client(network.wsgi).get("/intake/api/v1/clients", headers={"Authorization": f"Bearer {token}"}) \
        .status_code == 200


def test_an_administrator_removes_a_users_one_time_password(network):
    user, _, _ = enrol_during_login(network, "manager2")
    admin = Client(network.wsgi)
    response = password_step(admin, "admin")
    assert response.headers["Location"].endswith("/login/enrol")
    admin_secret = secret_on(admin.get("/login/enrol").get_data(as_text=True))
    post_code(admin, "/login/enrol", pyotp.TOTP(admin_secret).now(), admin_secret)
    page = admin.get("/admin/users").get_data(as_text=True)
    assert "Poista kertakäyttösalasana" in page
    reset = admin.post("/admin/users/totp-reset", data={"username": "manager2", "csrf_token": csrf_of(page)})
    assert reset.status_code == 303
    assert ("Käyttäjän Palvelumanageri 2 kertakäyttösalasana on poistettu" in
            admin.get("/admin/users").get_data(as_text=True)), "what was done is said"
    assert user.get("/", headers={"Accept": "application/json"}).status_code == 401, "signed out"
    again = Client(network.wsgi)
    assert password_step(again, "manager2").headers["Location"].endswith("/login/enrol"), "sets up a new one"
    student = net.client_with_token(network, net.token_with(network, user_id="totp-student", roles=["student"]))
    assert student.post("/admin/users/totp-reset", data={"username": "manager3"}).status_code == 403


def test_an_account_an_administrator_made_sets_up_its_one_time_password_before_any_token(network):
    """The welcome page's password is only the first step for a role that must give a code: no token before it."""
    from services.portal.handlers import accounts
    from services.portal.handlers.invitations import Invitations

    invitation = accounts.create_account(
        network.identity, Invitations(network.identity), network.identity.get("admin").principal(),
        username="uusi.koordinaattori", display_name="Uusi Koordinaattori", organisation="verkosto", role="coordinator")
    holder = Client(network.wsgi)
    page = holder.get("/welcome").get_data(as_text=True)
    taken = holder.post("/welcome", data={"csrf_token": csrf_of(page), "code": invitation.code,
                                          "new": "oma-salasana-42", "repeat": "oma-salasana-42"})
    assert taken.status_code == 303 and taken.headers["Location"].endswith("/login/enrol")
    assert token_cookie(holder) is None, "no token before the one-time password is set up"
    secret = secret_on(holder.get("/login/enrol").get_data(as_text=True))
    done = post_code(holder, "/login/enrol", pyotp.TOTP(secret).now(), secret)
    assert done.status_code == 200 and token_cookie(holder)
    assert jwt.decode(token_cookie(holder), options={"verify_signature": False})["amr"] == ["pwd", "otp", "mfa"]
