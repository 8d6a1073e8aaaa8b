"""Every tunable threshold of the escalation rules, in one place (SAFETY.md §2.3).

Values marked [DC] are design choices pending clinical sign-off (SAFETY.md §6.4).
"""

# R18 [DC]: a single exercise whose distress ends high, or rises sharply, stops kindly.
EXERCISE_DISTRESS_HIGH = 8
EXERCISE_DISTRESS_RISE = 4

# Daily check-in definitions [DC].
HIGH_NUMBNESS = 7  # a high-N day: N >= 7
IMPAIRED = 2  # an impaired day: any F domain = 2 ("a lot")

# R11 [DC]: in the last 14 days, >= 10 check-in days, >= 10 high-N days and >= 7 impaired days -> T2.
R11_WINDOW_DAYS = 14
R11_MIN_CHECKIN_DAYS = 10
R11_MIN_HIGH_DAYS = 10
R11_MIN_IMPAIRED_DAYS = 7

# R12 [DC]: in the last 28 days, >= 14 check-in days with high N on at least half of them -> T2.
R12_WINDOW_DAYS = 28
R12_MIN_CHECKIN_DAYS = 14
R12_HIGH_SHARE = 0.5

# R17 [DC]: >= 4 high-N days in the last 7 days, when no T2 rule is met -> T1.
R17_WINDOW_DAYS = 7
R17_MIN_HIGH_DAYS = 4

# R22 [DC]: how long an answered card stays quiet.
QUIET_AFTER_CONTACTED_DAYS = 28
QUIET_AFTER_REMIND_DAYS = 7
QUIET_AFTER_NOT_NOW_DAYS = 7
QUIET_AFTER_T1_DISMISSED_DAYS = 7

# R14 [DC]: reconnection distress, repeated -> T2 and pause the deepening exercises.
R14_DISTRESS_WINDOW_DAYS = 7
R14_MIN_DISTRESS_SESSIONS = 2  # sessions meeting R18's trigger
R14_TOO_MUCH_WINDOW_DAYS = 14
R14_MIN_TOO_MUCH_SESSIONS = 2  # "felt like too much, or led to conflict"
