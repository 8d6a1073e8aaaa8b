"""The needs people can tick in an event-feeling-need entry (plus their own words)."""

NEEDS = (
    "rest",
    "comfort",
    "to be heard",
    "space",
    "connection",
    "reassurance",
    "safety",
    "understanding",
    "help",
    "quiet",
    "movement",
    "food or water",
    "sleep",
    "fun",
    "respect",
    "honesty",
)
