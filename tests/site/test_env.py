import pytest
from django.core.exceptions import ImproperlyConfigured

from selfcare.env import envbool, envint, envsecret, mailer_from_url


def test_envbool_accepts_only_clear_answers(monkeypatch):
    monkeypatch.setenv("FLAG", "True")
    assert envbool("FLAG", False) is True
    monkeypatch.setenv("FLAG", "0")
    assert envbool("FLAG", True) is False
    monkeypatch.setenv("FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured):
        envbool("FLAG", False)
    monkeypatch.delenv("FLAG")
    assert envbool("FLAG", True) is True


def test_envint_rejects_words(monkeypatch):
    monkeypatch.setenv("N", "twelve")
    with pytest.raises(ImproperlyConfigured):
        envint("N", 1)


def test_envsecret_reads_a_docker_secret_file(monkeypatch, tmp_path):
    secret = tmp_path / "key"
    secret.write_text("from-file\n")
    monkeypatch.setenv("SECRET_KEY_FILE", str(secret))
    assert envsecret("SECRET_KEY") == "from-file"
    monkeypatch.setenv("SECRET_KEY_FILE", str(tmp_path / "missing"))
    with pytest.raises(ImproperlyConfigured):
        envsecret("SECRET_KEY")


def test_email_url_forms():
    smtp = mailer_from_url("smtp://user%40x:p%2Fw@mail.example:587?tls=1")
    assert smtp["OPTIONS"] == {
        "host": "mail.example",
        "port": 587,
        "timeout": 10,
        "username": "user@x",
        "password": "p/w",
        "use_tls": True,
    }
    assert mailer_from_url("smtps://mail.example")["OPTIONS"]["use_ssl"] is True
    assert mailer_from_url("file:///tmp/mail")["OPTIONS"] == {"file_path": "/tmp/mail"}
    assert mailer_from_url("console://")["BACKEND"].endswith("console.EmailBackend")
    with pytest.raises(ImproperlyConfigured):
        mailer_from_url("carrier-pigeon://coop")
