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

# Questionnaires (SAFETY.md §2.3). Published cut-offs unless marked [DC].
PHQ9_SELF_HARM_ITEM = "9"  # R1 (answer 2 or 3) and R2 (answer 1): any non-zero answer -> T3
PHQ9_REFER = 10  # R5 [S2][S4]
PHQ9_REFER_SOON = 20  # R5, "soon" wording
GAD7_REFER = 10  # R6 [S10]
WHO5_REFER_AT_MOST = 28  # R7, on the 0-100 percentage (lower confidence) [S12]
PCPTSD5_REFER = 3  # R8 [DC: 3 rather than 4, for sensitivity]
D_REFER = 2  # R9 [DC]: "more than half the days"
FUNCTIONAL_REFER = 2  # R10 [DC]: "Very difficult" or "Extremely difficult"
PHQ9_CHANGE = 5  # R15 and R19: the minimal important change [S5]
PHQ9_NUDGE = (5, 9)  # R16
GAD7_NUDGE = (5, 9)  # R16
WHO5_NUDGE = (29, 50)  # R16

# R13 [DC]: the history flag with >= 7 high-N days in the last 14, or PC-PTSD-5 at its cut-point -> T2.
R13_WINDOW_DAYS = 14
R13_MIN_HIGH_DAYS = 7

# R4 [DC]: after an urgent moment, a "How are you doing?" prompt at next login and again after 7 days.
CHECK_BACK_AFTER_DAYS = 7
# T3 [DC]: the crisis panel cannot be put away for its first seconds.
CRISIS_PANEL_HOLD_SECONDS = 10

# Follow-up email [DC]: at most one per episode; an episode lasts this long after it begins.
FOLLOW_UP_EPISODE_DAYS = 14
FOLLOW_UP_AFTER_T2_HOURS = 0
FOLLOW_UP_AFTER_T3_HOURS = 24  # SAFETY.md §2.4: 24-72 h after an urgent moment

# The one-time history question, if skipped, is offered again after this long [DC].
HISTORY_ASK_AGAIN_DAYS = 30
