"""Every tunable threshold of the escalation rules, in one place (SAFETY.md §2.3).

Values marked [DC] are design choices pending clinical sign-off (SAFETY.md §6.4).
"""

# R18 [DC]: a single exercise whose distress ends high, or rises sharply, stops kindly.
EXERCISE_DISTRESS_HIGH = 8
EXERCISE_DISTRESS_RISE = 4
