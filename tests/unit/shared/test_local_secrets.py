"""A development network makes its own secrets, beside its data and readable by its owner only; published
values are refused in every mode."""
from __future__ import annotations

import stat
import threading

import pytest

from shared.config import Config
from shared.local_secrets import data_dir_secret, well_known

OLD_DEFAULTS = ("dev-secret-change-me", "dev-jwt-secret-change-me-0123456789")


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    for name in ("SECRET_KEY", "JWT_SECRET", "KAMPUS_ENV", "DATABASE_URL", "PORTAL_DATABASE_URL", "HTTPS_ONLY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("KAMPUS_DATA_DIR", str(tmp_path / "data"))
    return tmp_path / "data"


def test_a_development_network_makes_its_secrets_on_first_start_and_keeps_them(data_dir):
    first = Config.from_env("portal")
    assert {p.name for p in data_dir.iterdir()} >= {"secret_key", "jwt_secret"}
    for name in ("secret_key", "jwt_secret"):
        assert stat.S_IMODE((data_dir / name).stat().st_mode) == 0o600
    assert len(first.jwt_secret) >= 32 and len(first.secret_key) >= 32
    assert first.jwt_secret != first.secret_key
    assert first.jwt_secret not in OLD_DEFAULTS and first.secret_key not in OLD_DEFAULTS
    assert (data_dir / "jwt_secret").read_text().strip() == first.jwt_secret
    again = Config.from_env("intake")
    assert (again.jwt_secret, again.secret_key) == (first.jwt_secret, first.secret_key)


def test_each_data_directory_has_secrets_of_its_own(tmp_path):
    assert data_dir_secret(tmp_path / "a", "jwt_secret") != data_dir_secret(tmp_path / "b", "jwt_secret")


def test_processes_starting_together_agree_on_one_secret(tmp_path):
    values, barrier = [], threading.Barrier(8)

    def start():
        barrier.wait()
        values.append(data_dir_secret(tmp_path, "jwt_secret"))

    threads = [threading.Thread(target=start) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(values) == 8 and len(set(values)) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["jwt_secret"], "no temporary file is left behind"


def test_a_secret_file_others_can_read_or_a_weak_one_is_refused(tmp_path):
    path = tmp_path / "jwt_secret"
    data_dir_secret(tmp_path, "jwt_secret")
    path.chmod(0o644)
    with pytest.raises(RuntimeError, match="chmod 600"):
        data_dir_secret(tmp_path, "jwt_secret")
    path.write_text("dev-jwt-secret-change-me-0123456789\n")
    path.chmod(0o600)
    with pytest.raises(RuntimeError, match="random secret"):
        data_dir_secret(tmp_path, "jwt_secret")


@pytest.mark.parametrize("variable", ["JWT_SECRET", "SECRET_KEY"])
@pytest.mark.parametrize("value", [*OLD_DEFAULTS, "CHANGE-ME", "my-secret-changeme-please-0123456789"])
def test_a_published_secret_is_refused_in_development_too(data_dir, monkeypatch, variable, value):
    monkeypatch.setenv(variable, value)
    config = Config.from_env("intake")
    with pytest.raises(RuntimeError, match=variable):
        config.check()


def test_production_never_makes_secrets_and_names_the_missing_ones(data_dir, monkeypatch):
    monkeypatch.setenv("KAMPUS_ENV", "production")
    config = Config.from_env("intake")
    assert not (data_dir / "jwt_secret").exists() and not (data_dir / "secret_key").exists()
    with pytest.raises(RuntimeError) as error:
        config.check()
    assert "SECRET_KEY" in str(error.value)
    assert "JWT_SECRET" not in str(error.value), "production signs with the portal's own key (JWT_SIGNING=eddsa)"
    monkeypatch.setenv("JWT_SIGNING", "hs256")
    with pytest.raises(RuntimeError, match="JWT_SECRET"):
        Config.from_env("intake").check()


def test_a_config_built_in_code_has_a_random_secret_that_production_refuses():
    config = Config(service="intake", database_url="postgresql://db/x")
    assert config.jwt_secret not in OLD_DEFAULTS and len(config.jwt_secret) >= 32
    config.check()  # development: a secret nobody else knows
    with pytest.raises(RuntimeError, match="JWT_SECRET"):
        Config(service="intake", database_url="postgresql://db/x", environment="production",
               secret_key="x" * 40, portal_internal_url="http://portal/").check()


def test_well_known_values():
    assert all(well_known(v) for v in (*OLD_DEFAULTS, "", "secret", "Change-Me", "xx-changeme-xx"))
    assert not well_known("kq3R8b1mZ0yVt6wNcP4sLh2uXe9aJf7d")
