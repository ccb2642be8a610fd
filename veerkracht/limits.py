"""Every limit on what enters the app, defined once.

The widgets stop a student at these limits, and the loaders refuse a file beyond them, so a
file can never hold more than a student could have typed.
"""

from __future__ import annotations

# --- question sets and other content files (YAML written by a school) ----------------------
CONTENT_BYTES = 256 * 1024  # a large question set is about 20 kB
CONTENT_DEPTH = 20  # the deepest nesting a question set needs is about 8
CONTENT_NODES = 50_000  # fields, list entries and values in one file
KEY_CHARS = 1024  # YAML itself reads a longer field name only after a "?"
ID_CHARS = 40  # an id in a question set, and an answer's reference to one or its own entry id
SET_STEPS = 20  # steps in one question set
STEP_QUESTIONS = 12  # questions on one step
# The most sources (needs too) one set's questions can put on a map, every card and entry filled:
# a round map of this many still lays out in well under a second. The fullest shipped set allows 112.
MAP_SOURCES = 300

# --- what a student enters, in a widget or from a session file ----------------------------
ENTRIES = 40  # people in one people question, places in one places question
NAME_CHARS = 60  # a person's or a place's name
PLAN_STEPS = 3  # next steps in one plan
PLAN_WHAT_CHARS = 120  # a next step in the student's own words
OTHER_CHARS = 80  # the own card of a cards question ("iets anders")
TEXT_CHARS = 500  # the most any text question can allow (its max_length)
NICKNAME_CHARS = 40

# --- session files -----------------------------------------------------------------------
UPLOAD_MB = 1  # what the uploaders accept
# A usual conversation is a few kB; `check` refuses a set whose fullest conversation could be
# larger, so a student's own file always loads again and fits the server's memory.
SESSION_BYTES = (UPLOAD_MB * 1024 - 64) * 1024  # under the uploaders' limit: a bigger file gets our message
CONVERSATION_BYTES = SESSION_BYTES + 1024  # in the server's memory: the session file and a flag
CHAR_BYTES = 6  # a character in a session file at its longest (JSON writes "\u0001")
SESSION_HEAD_BYTES = 1024 + CHAR_BYTES * NICKNAME_CHARS  # the file's own fields
ANSWER_BYTES = 128  # a choice or a scale, and what any answer takes around its value
# A person or a place at its fullest: the name, up to 20 "helps with" ids, its own id and fields.
ENTRY_BYTES = CHAR_BYTES * NAME_CHARS + 20 * (ID_CHARS + 8) + 4 * ID_CHARS + 256
SESSION_DEPTH = 20
SESSION_ANSWERS = SET_STEPS * STEP_QUESTIONS  # answers to every question a set can have
SESSION_LIST = ENTRIES  # the longest list any answer holds
SESSION_TEXT = TEXT_CHARS  # the longest text anywhere in a session file
SESSION_KEY_CHARS = 60  # a field name or question id in a session file
