"""A coarse, human description of a browser ("Firefox on Windows"), never the raw user agent."""

from __future__ import annotations

# Checked in order: several browsers also name the engines they descend from.
_BROWSERS = (
    ("Edg/", "Edge"),
    ("OPR/", "Opera"),
    ("SamsungBrowser/", "Samsung Internet"),
    ("Firefox/", "Firefox"),
    ("FxiOS/", "Firefox"),
    ("CriOS/", "Chrome"),
    ("Chromium/", "Chromium"),
    ("Chrome/", "Chrome"),
    ("Safari/", "Safari"),
)
_SYSTEMS = (
    ("iPhone", "iPhone"),
    ("iPad", "iPad"),
    ("Android", "Android"),
    ("CrOS", "ChromeOS"),
    ("Windows", "Windows"),
    ("Macintosh", "Mac"),
    ("Linux", "Linux"),
)


def describe(user_agent: str) -> str:
    browser = next((name for marker, name in _BROWSERS if marker in user_agent), "A browser")
    system = next((name for marker, name in _SYSTEMS if marker in user_agent), "")
    return f"{browser} on {system}" if system else browser
