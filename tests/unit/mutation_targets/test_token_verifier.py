"""The token verifier (shared/auth/tokens.py): what it accepts and what it refuses (issue 22)."""
from __future__ import annotations

import time

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa

from shared.auth.principal import Principal
from shared.auth.tokens import GENERATION_CLAIM, InvalidToken, TokenSettings, Verifier, issue

SETTINGS = TokenSettings(secret="s" * 32)
ALICE = Principal(user_id="u-1", username="alice", name="Alice A", organisation="sataedu",
                  roles=frozenset({"manager", "coordinator"}), locale="fi")


def claims_of(token: str, settings: TokenSettings = SETTINGS) -> dict:
    return jwt.decode(token, settings.secret, algorithms=["HS256"], audience=settings.audience)


def signed(claims: dict, secret: str = SETTINGS.secret, algorithm: str = "HS256", **headers) -> str:
    return jwt.encode(claims, secret, algorithm=algorithm, headers=headers or None)


def base_claims(**changes) -> dict:
    now = int(time.time())
    claims = {"iss": "kampus", "aud": "kampus", "sub": "u-1", "exp": now + 60, "iat": now}
    claims.update(changes)
    return {k: v for k, v in claims.items() if v is not None}


def test_an_issued_token_carries_the_principal_and_verifies_back_to_it():
    before = int(time.time())
    token = issue(SETTINGS, ALICE, generation=7)
    claims = claims_of(token)
    assert claims["iss"] == "kampus" and claims["aud"] == "kampus" and claims["sub"] == "u-1"
    assert claims["preferred_username"] == "alice" and claims["name"] == "Alice A" and claims["org"] == "sataedu"
    assert claims["roles"] == ["coordinator", "manager"] and claims["locale"] == "fi"
    assert claims[GENERATION_CLAIM] == 7 and len(claims["jti"]) == 32 and "client_id" not in claims
    assert before <= claims["iat"] == claims["nbf"] <= int(time.time())
    assert claims["exp"] - claims["iat"] == 8 * 3600
    assert Verifier(SETTINGS).verify(token) == ALICE


def test_two_tokens_have_different_ids():
    first, second = (claims_of(issue(SETTINGS, ALICE, generation=1)) for _ in range(2))
    assert first["jti"] != second["jti"]


def test_a_student_token_names_the_client_record_and_a_lifetime_can_be_given():
    student = Principal(user_id="u-2", organisation="o", roles=frozenset({"student"}), client_id="c-9")
    claims = claims_of(issue(SETTINGS, student, generation=0, lifetime=60))
    assert claims["client_id"] == "c-9" and claims["exp"] - claims["iat"] == 60
    assert Verifier(SETTINGS).verify(issue(SETTINGS, student, generation=0)).client_id == "c-9"


def test_the_settings_name_the_claims_issuer_and_audience():
    custom = TokenSettings(secret="t" * 32, issuer="idp", audience="net", roles_claim="groups",
                           organisation_claim="tenant", lifetime=120)
    claims = claims_of(issue(custom, ALICE, generation=1), custom)
    assert claims["iss"] == "idp" and claims["aud"] == "net" and claims["tenant"] == "sataedu"
    assert claims["groups"] == ["coordinator", "manager"] and claims["exp"] - claims["iat"] == 120
    assert Verifier(custom).verify(issue(custom, ALICE, generation=1)) == ALICE
    assert not custom.external and TokenSettings(secret="x", jwks_url="https://idp/jwks").external


@pytest.mark.parametrize("changes", [
    {"exp": int(time.time()) - 3600},  # expired
    {"iss": "someone-else"},
    {"aud": "another-network"},
    {"exp": None},  # no expiry
    {"iss": None},
    {"sub": None},
    {"aud": None},
    {"nbf": int(time.time()) + 3600},  # not yet valid
])
def test_a_token_is_refused_when_a_required_claim_is_wrong_or_missing(changes):
    with pytest.raises(InvalidToken):
        Verifier(SETTINGS).verify(signed(base_claims(**changes)))


def test_a_token_signed_with_another_secret_or_tampered_with_is_refused():
    with pytest.raises(InvalidToken, match="Signature"):
        Verifier(SETTINGS).verify(signed(base_claims(), secret="x" * 32))
    header, payload, signature = issue(SETTINGS, ALICE, generation=1).split(".")
    with pytest.raises(InvalidToken):
        Verifier(SETTINGS).verify(".".join([header, payload[:-2] + "AA", signature]))
    with pytest.raises(InvalidToken):
        Verifier(SETTINGS).verify("not a token")


def test_an_unsigned_token_is_refused():
    with pytest.raises(InvalidToken):
        Verifier(SETTINGS).verify(jwt.encode(base_claims(), None, algorithm="none"))


def test_the_principal_keeps_only_known_roles_and_reads_space_separated_roles():
    verifier = Verifier(SETTINGS)
    principal = verifier.verify(signed(base_claims(roles=["manager", "superuser"], org="o")))
    assert principal.roles == frozenset({"manager"}) and principal.organisation == "o"
    assert verifier.principal({"sub": 5, "roles": "student  coordinator root"}).roles == frozenset(
        {"student", "coordinator"})
    bare = verifier.principal({"sub": 5})
    assert bare == Principal(user_id="5") and bare.roles == frozenset()
    assert verifier.principal({"sub": "u", "roles": None}).roles == frozenset()


class FakeJwks:
    """Stands in for PyJWKClient: the provider's public key, whatever the token's key id."""

    def __init__(self, public_key) -> None:
        self.public_key = public_key
        self.asked = []

    def get_signing_key_from_jwt(self, token):
        self.asked.append(jwt.get_unverified_header(token)["kid"])
        return type("Key", (), {"key": self.public_key})()


@pytest.fixture(scope="module")
def provider_key():
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def external_verifier(provider_key) -> Verifier:
    settings = TokenSettings(secret="unused", issuer="https://idp", audience="kampus", jwks_url="https://idp/jwks",
                             roles_claim="groups")
    verifier = Verifier(settings)
    assert isinstance(verifier._jwks, jwt.PyJWKClient)
    verifier._jwks = FakeJwks(provider_key.public_key())
    return verifier


def test_an_external_provider_s_rs256_token_is_verified_with_its_key(provider_key):
    verifier = external_verifier(provider_key)
    token = signed(base_claims(iss="https://idp", groups="manager"), secret=provider_key, algorithm="RS256", kid="k1")
    principal = verifier.verify(token)
    assert principal.user_id == "u-1" and principal.roles == frozenset({"manager"})
    assert verifier._jwks.asked == ["k1"]  # the key named by the token
    without_iat = signed(base_claims(iss="https://idp", iat=None), secret=provider_key, algorithm="RS256", kid="k2")
    assert verifier.decode(without_iat)["sub"] == "u-1"


@pytest.mark.parametrize("changes", [{"iss": "kampus"}, {"exp": None}, {"sub": None}, {"aud": "other"}])
def test_an_external_token_with_a_wrong_or_missing_claim_is_refused(provider_key, changes):
    verifier = external_verifier(provider_key)
    with pytest.raises(InvalidToken):
        verifier.verify(signed(base_claims(**{"iss": "https://idp", **changes}), secret=provider_key,
                               algorithm="RS256", kid="k1"))


def test_an_external_verifier_refuses_a_shared_secret_token(provider_key):
    verifier = external_verifier(provider_key)
    with pytest.raises(InvalidToken):
        verifier.verify(signed(base_claims(iss="https://idp"), secret="unused" * 6, kid="k1"))


def test_a_verifier_of_the_built_in_issuer_has_no_jwks_client_and_an_external_one_caches_keys():
    assert Verifier(SETTINGS)._jwks is None
    client = Verifier(TokenSettings(secret="x", jwks_url="https://idp/jwks"))._jwks
    assert hasattr(client.get_signing_key, "cache_info"), "signing keys are cached, not fetched for every request"


def test_a_verified_token_is_remembered_until_it_expires_and_a_changed_one_is_checked_again(monkeypatch):
    now = [time.time()]
    verifier = Verifier(SETTINGS, clock=lambda: now[0])
    token = signed(base_claims(exp=int(now[0]) + 30))
    calls = []
    real_decode = jwt.decode
    monkeypatch.setattr(jwt, "decode", lambda *a, **k: calls.append(1) or real_decode(*a, **k))
    first = verifier.decode(token)
    first["sub"] = "changed by a caller"  # the remembered claims are the verifier's own
    assert verifier.decode(token)["sub"] == "u-1" and len(calls) == 1  # the second time: no parsing, no signature
    tampered = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    with pytest.raises(InvalidToken):
        verifier.decode(tampered)
    now[0] += 31  # past its expiry by the verifier's clock: parsed and checked again (PyJWT's clock decides)
    assert verifier.decode(token)["sub"] == "u-1" and len(calls) == 3  # the tampered one was the second
    expired = signed(base_claims(exp=int(time.time()) - 1))
    with pytest.raises(InvalidToken, match="expired"):
        verifier.decode(expired)
    assert Verifier(SETTINGS, remember=0).decode(signed(base_claims()))["sub"] == "u-1"  # remembering off
