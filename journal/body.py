"""Places in the body a feeling or sensation can sit, head to feet (shared by journal and exercises)."""

BODY_REGIONS = (
    "head",
    "face",
    "throat",
    "shoulders",
    "chest",
    "stomach",
    "arms",
    "hands",
    "back",
    "hips",
    "legs",
    "feet",
)
