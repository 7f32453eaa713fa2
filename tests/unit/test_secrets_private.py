"""Secrets only where only their owner can read them, and no answers across a network in the
clear unless a clinic says so on purpose."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from decisionaid.config import load_config
from decisionaid.errors import ConfigError

REMOTE = "postgresql+psycopg://kiosk:s3cret-pass@db.clinic.lan/decisionaid"


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch, tmp_path):
    for name in ("DECISIONAID_DATABASE_URL", "DECISIONAID_DB_KEY", "DECISIONAID_CONFIG",
                 "PGSSLMODE", "PGHOST", "PGSERVICE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("PGSERVICEFILE", str(tmp_path / "no-service-file"))


def write(tmp_path: Path, text: str, mode: int = 0o600) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    path.chmod(mode)
    return path


def test_a_database_password_in_a_file_others_can_read_is_refused(tmp_path):
    url = REMOTE + "?sslmode=verify-full"
    path = write(tmp_path, f'database_url = "{url}"\n', mode=0o644)
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert str(caught.value) == (f"{path} holds the database password and other accounts can "
                                 f"read it: run chmod 600 {path}")
    assert "s3cret" not in str(caught.value)
    path.chmod(0o600)
    assert load_config(path).database_url == url


def test_a_url_without_a_password_may_live_in_a_readable_file(tmp_path):
    url = "postgresql+psycopg://kiosk@db.clinic.lan/decisionaid?sslmode=verify-full"
    assert load_config(write(tmp_path, f'database_url = "{url}"\n', mode=0o644)).database_url == url


@pytest.mark.parametrize("url", [
    REMOTE,
    REMOTE + "?sslmode=prefer",
    "postgresql+psycopg://kiosk@10.0.0.5:5432/decisionaid",
    "postgresql+psycopg:///decisionaid?host=db.clinic.lan",
])
def test_postgresql_on_another_machine_without_tls_is_refused(tmp_path, url):
    with pytest.raises(ConfigError) as caught:
        load_config(write(tmp_path, f'database_url = "{url}"\n'))
    message = str(caught.value)
    assert "without TLS" in message and "sslmode=verify-full" in message
    assert "database_without_tls = true" in message and "s3cret" not in message


@pytest.mark.parametrize("url", [
    REMOTE + "?sslmode=verify-full",
    REMOTE + "?sslmode=require",
    "postgresql+psycopg://kiosk@localhost/decisionaid",
    "postgresql+psycopg://kiosk@127.0.0.1:5432/decisionaid",
    "postgresql+psycopg:///decisionaid?host=/var/run/postgresql",
    "postgresql+psycopg:///decisionaid",
])
def test_tls_or_this_machine_is_accepted(tmp_path, url):
    assert load_config(write(tmp_path, f'database_url = "{url}"\n')).database_url == url


def test_a_network_without_tls_is_allowed_only_by_its_named_setting(tmp_path):
    path = write(tmp_path, f'database_url = "{REMOTE}"\ndatabase_without_tls = true\n')
    assert load_config(path).database_without_tls


def test_pgsslmode_and_a_service_file_count_as_libpq_reads_them(tmp_path, monkeypatch):
    service = tmp_path / "pg_service.conf"
    service.write_text("[clinic]\nhost=db.clinic.lan\ndbname=decisionaid\n", encoding="utf-8")
    monkeypatch.setenv("PGSERVICEFILE", str(service))
    url = "postgresql+psycopg:///?service=clinic"
    with pytest.raises(ConfigError, match=r"reaches PostgreSQL at db\.clinic\.lan without TLS"):
        load_config(write(tmp_path, f'database_url = "{url}"\n'))
    service.write_text("[clinic]\nhost=db.clinic.lan\nsslmode=verify-full\n", encoding="utf-8")
    assert load_config(write(tmp_path, f'database_url = "{url}"\n')).database_url == url
    monkeypatch.setenv("PGSSLMODE", "verify-full")
    assert load_config(write(tmp_path, f'database_url = "{REMOTE}"\n')).database_url == REMOTE


def test_the_environment_is_held_to_the_same_rule(tmp_path, monkeypatch):
    monkeypatch.setenv("DECISIONAID_DATABASE_URL", REMOTE)
    with pytest.raises(ConfigError, match="without TLS"):
        load_config(write(tmp_path, 'site_name = "Riverside"\n'))


def test_a_key_from_a_systemd_credential_comes_first(tmp_path, monkeypatch):
    credentials = tmp_path / "credentials"
    credentials.mkdir(mode=0o700)
    (credentials / "decisionaid-db-key").write_text("a sealed key from the TPM\n")
    (credentials / "decisionaid-db-key").chmod(0o400)
    monkeypatch.setenv("CREDENTIALS_DIRECTORY", str(credentials))
    config = load_config(write(tmp_path, 'site_name = "Riverside"\n'))
    assert config.db_key == "a sealed key from the TPM"
    assert config.key_from == "the systemd credential decisionaid-db-key"


def test_a_key_file_named_in_the_configuration_is_used(tmp_path):
    key_file = tmp_path / "keys" / "db.key"
    key_file.parent.mkdir()
    key_file.write_text("the clinic's own key\n")
    key_file.chmod(0o600)
    config = load_config(write(tmp_path, 'db_key_file = "keys/db.key"\n'))
    assert config.db_key == "the clinic's own key" and config.key_from == str(key_file)


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0,
                    reason="giving a file to another account needs root")
def test_a_key_file_of_another_account_is_named_with_the_fix(tmp_path, monkeypatch):
    from decisionaid.services.doctor import check_secrets

    key_file = tmp_path / "db.key"
    key_file.write_text("the clinic's own key\n")
    key_file.chmod(0o600)
    os.chown(key_file, 4321, 4321)
    monkeypatch.setattr(os, "geteuid", lambda: 1234)  # as if run by an ordinary account
    path = write(tmp_path, f'db_key_file = "{key_file}"\n')
    with pytest.raises(ConfigError, match="belongs to another account"):
        load_config(path)
    from decisionaid.config import Config

    [finding] = check_secrets(Config(db_key_file=key_file))
    assert not finding.ok and "belongs to another account (4321)" in finding.found
    assert finding.fix.startswith("run chown ")
