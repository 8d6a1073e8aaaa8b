"""Tokens: 256 random bits, URL-safe, only their SHA-256 stored and looked up by hash."""

import hashlib

from selfcare.sharing import devices, links, tokens
from selfcare.sharing.models import ShareLink
from tests.sharing.conftest import make_link


def test_it_makes_long_url_safe_tokens():
    made = {tokens.new_token() for _ in range(50)}
    assert len(made) == 50
    for token in made:
        assert len(token) == 43  # 32 bytes, base64url without padding: 256 bits
        assert tokens.TOKEN_SHAPE.fullmatch(token)


def test_it_stores_only_the_sha256_of_the_token(person):
    link, token = make_link(person)
    link.refresh_from_db()
    assert link.token_hash == hashlib.sha256(token.encode()).hexdigest()
    stored = [str(value) for value in ShareLink.objects.values_list().get(pk=link.pk)]
    assert not any(token in value for value in stored)


def test_it_finds_a_link_by_its_token_only(person):
    link, token = make_link(person)
    assert links.find_active(token) == link
    assert links.find_active(token[:-1] + ("A" if token[-1] != "A" else "B")) is None
    assert links.find_active(link.token_hash) is None  # the stored hash is not a key
    assert links.find_active("") is None
    assert links.find_active("../../etc/passwd") is None


def test_it_describes_devices_coarsely():
    firefox = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:131.0) Gecko/20100101 Firefox/131.0"
    safari = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1"
    chrome = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36"
    edge = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36 Edg/130.0"
    assert devices.describe(firefox) == "Firefox on Windows"
    assert devices.describe(safari) == "Safari on iPhone"
    assert devices.describe(chrome) == "Chrome on Mac"
    assert devices.describe(edge) == "Edge on Windows"
    assert devices.describe("") == "A browser"
    assert devices.describe("curl/8.5") == "A browser"
