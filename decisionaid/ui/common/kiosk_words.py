"""Every word the kiosk says: its screens, the story player (``player_*``), the stories library
(``stories_*``) and the keyboard's symbol names (``symbol_*``). English here is the source;
the other languages are in ``decisionaid/i18n/locale/LANG/LC_MESSAGES/kiosk.po``.

Written for a reading age of about 11 to 12: short sentences, everyday words, "you" and "your".
Each language is written as its speakers would say it (in Spanish: tú, warm and plain), not
word for word. Questionnaire texts come from the content files, not from here. After changing
a word, run ``make translations`` (docs/translating.md).
"""

from __future__ import annotations

from decisionaid.i18n.words import P, W, Word, words

# Every language's kiosk catalogue names itself and its writing direction: read through
# decisionaid.i18n.language_name and is_right_to_left, not by key, so not among the words below.
LANGUAGE_ITSELF = (
    # Translators: your language's name in your language ("Español"), as the kiosk's language
    # buttons show it.
    W("language_name", "English"),
    # Translators: "rtl" if your language is written right to left, else "ltr"; the screens are
    # mirrored for "rtl".
    W("language_direction", "ltr"),
)

KIOSK_WORDS: dict[str, Word] = words(
    # --- top bar -------------------------------------------------------------------------------
    W("text_size", "Text size"),
    # Translators: a button that switches the screens to a high-contrast look (black and yellow).
    W("contrast_on", "Black and yellow"),
    # Translators: the same button once the high-contrast look is on: back to the usual look.
    W("contrast_off", "Usual colours"),
    W("part_of", "Part {n} of {m}"),
    # --- welcome ---------------------------------------------------------------------------------
    W("welcome_title", "Welcome"),
    W("welcome_body",
      "Answer a few short questions before your visit. You can skip any question. A peer worker "
      "is nearby if you want help."),
    W("been_before", "I've been here before"),
    W("first_time", "This is my first time"),
    W("peer_sign_in", "Peer worker sign-in"),
    W("choose_language", "Language"),
    # --- sign-in ---------------------------------------------------------------------------------
    W("your_name", "What is your first name or nickname?"),
    W("your_name_help", "Use the same name each time you come."),
    W("their_name", "First name or nickname"),
    W("birth_year", "What year were you born?"),
    W("birth_year_help", "Type the 4 numbers, like 1985."),
    W("birth_month", "What month were you born?"),
    W("birth_day", "What day of the month were you born?"),
    W("year_wrong", "That year does not look right. Please check it."),
    W("your_pin", "Type your 4-number PIN"),
    W("new_pin", "Choose a 4-number PIN"),
    W("new_pin_help", "Pick numbers you will remember. You will use them next time."),
    W("pin_again", "Type the same PIN again"),
    W("pins_differ", "The two PINs were not the same. Let's try again."),
    W("not_found",
      "We could not find you with those details. Please check them and try again, or ask a peer "
      "worker: they are glad to help."),
    W("wrong_pin", "That PIN did not match. Please try again."),
    W("locked",
      "Signing in with these details is paused for 15 minutes, to keep everyone's answers safe. "
      "A peer worker can help you right now."),
    W("held",
      "Signing in with these details is locked, to keep your answers safe. Please ask a peer "
      "worker. They will check it is you and unlock it."),
    W("peer_locked",
      "Too many tries with these details. Reset the person's PIN at the peer station, then find "
      "them here again."),
    W("peer_station_needed",
      "More than one person has these details and this PIN. Use the peer station to tell them "
      "apart."),
    W("choose_new_pin",
      "Their PIN was reset. Let the person choose a new one. Look away while they type."),
    W("first_time_title", "Welcome! Is this your first time?"),
    W("first_time_body",
      "You can save your answers for next time with your name and a PIN. Or you can go on "
      "without giving your name."),
    W("make_profile", "Save my answers for next time"),
    W("guest", "Go on without my name"),
    W("pin_taken", "Please choose a different PIN."),
    W("staff_title", "Staff only"),
    W("staff_name", "Your staff name"),
    W("staff_pin", "Your staff PIN"),
    W("staff_wrong", "Name or PIN not recognised."),
    W("peer_find", "Find someone who has been here before"),
    W("peer_create", "Sign up someone new"),
    W("peer_guest", "Start a visit without a name"),
    W("peer_pin_help", "Let the person choose their own PIN. Look away while they type it."),
    W("staff_menu", "Staff menu"),
    W("leave_kiosk", "Close the kiosk"),
    W("open_peer", "Open the peer station"),
    W("test_page", "Print a test page"),
    W("back_to_kiosk", "Back to the kiosk"),
    W("test_page_sent", "Test page sent to the printer."),
    W("check_machine", "Check this machine"),
    W("checking", "Checking…"),
    # --- resume ----------------------------------------------------------------------------------
    W("hello_name", "Hello, {name}"),
    W("resume_body", "You started your questions earlier today. Your answers are saved."),
    W("resume", "Carry on where I stopped"),
    W("resume_start", "Go back to the first question"),
    # --- questions -------------------------------------------------------------------------------
    W("back", "Back"),
    W("skip", "Skip"),
    W("next", "Next"),
    # Why Next is greyed out, beside it.
    W("why_choose", "Choose an answer, or tap Skip."),
    W("why_choose_many", "Choose at least one, or tap Skip."),
    W("why_type", "Type an answer, or tap Skip."),
    W("why_name", "Type your name to go on."),
    # Over the cut of a page or list too long for the screen.
    W("more_below", "More below  ▼"),
    W("more_above", "▲  More above"),
    W("start_part", "Start"),
    W("skip_part", "Skip this part"),
    W("optional_part", "This part is up to you. You can skip it."),
    W("read_aloud", "Read to me"),
    W("no_speech", "Reading aloud is not working on this kiosk. A peer worker can read with you."),
    # --- help, one tap away (the top bar, and the safety screen) --------------------------------
    W("help_button", "I'd like help"),
    W("talk_now", "I want to talk to someone now"),
    W("help_coming_title", "A peer worker is coming"),
    W("help_coming_body",
      "Stay where you are. They will come to you here. You can keep going while you wait."),
    W("talk_coming_body",
      "Stay where you are. Someone will be with you very soon. You are not alone."),
    W("help_wave_title", "Please wave to a peer worker"),
    W("help_wave_body",
      "The kiosk could not reach them. Wave to a peer worker, or go to the front desk. The kiosk "
      "keeps trying, and will tell you when the message has got through."),
    W("help_asked_title", "A peer worker has been asked"),
    W("resting_title", "This kiosk is resting"),
    W("resting_body", "Please see the front desk. It will be back by itself soon."),
    W("help_not_sent",
      "The message did not reach the peer workers. Please wave to one or go to the front desk."),
    W("help_ok", "OK"),
    W("choose_one", "Choose one, then tap Next."),
    W("choose_many", "Choose all that fit, then tap Next."),
    W("choose_up_to", "Choose up to {n}, then tap Next."),
    W("type_here", "Type your answer with the keys below."),
    P("letters_left", "{n} letter left", "{n} letters left"),
    W("carried", "This is what you wrote last time. You can keep it or change it."),
    W("answer_problem", "That answer could not be used. Please try again or tap Skip."),
    W("save_problem", "Your answer could not be saved. Please ask a peer worker."),
    W("saving", "Saving…"),
    W("not_saved", "That was not saved. Please try again, or ask a peer worker for help."),
    W("started_again",
      "Something went wrong, so the kiosk started again. Your answers so far are kept. A peer "
      "worker can help."),
    W("watch", "Watch the video"),
    W("watch_story", "Watch this story"),
    W("stories_for_you", "Stories you might like"),
    W("stories_body",
      "Short videos of people who have been through something similar. Watch one if you like."),
    W("no_thanks", "No thanks, go on"),
    W("stories_button", "Stories from peers"),
    # The same, in the top bar, where every word takes room from the other buttons.
    # Translators: a peer is a worker with lived experience of mental health challenges;
    # the stories are short videos of peers.
    W("stories_bar", "Peer stories"),
    W("back_to_where_i_was", "Back to where I was"),
    W("video_missing", "This video cannot be played here."),
    # --- safety ----------------------------------------------------------------------------------
    W("safety_title", "Thank you for telling us"),
    W("safety_body",
      "What you are going through matters. A peer worker will come and check in with you soon. "
      "You can carry on with the questions while you wait."),
    W("carry_on", "Carry on"),
    # --- review ----------------------------------------------------------------------------------
    W("review_title", "Check your answers"),
    W("review_body", "Tap Change to fix an answer. When it looks right, tap Make my page."),
    W("change", "Change"),
    # Translators: on the review screen, in place of the answer to a question the person skipped.
    W("skipped", "(skipped)"),
    W("part_skipped", "You skipped this part."),
    W("make_page", "Make my page"),
    W("back_to_review", "Save and go back to my answers"),
    # --- print -----------------------------------------------------------------------------------
    W("page_title", "Your page for today's visit"),
    W("progress_named", "How far you are: part {n} of {m}"),
    W("page_preview", "A picture of your page"),
    W("page_body", "Print it and take it in to your visit. It helps you say what matters to you."),
    W("page_making", "Getting your page ready…"),
    W("page_failed", "Your page could not be made. A peer worker can print it for you."),
    W("print", "Print my page"),
    W("print_own", "Also print a copy in my language"),
    W("printing", "Printing…"),
    W("printed", "Your page is printing. Pick it up from the printer."),
    W("print_failed", "The printer did not work. A peer worker can print your page for you."),
    W("ask_peer", "Ask a peer worker"),
    W("peer_coming", "Please wave to a peer worker or go to the front desk. They will help you."),
    W("finish", "I'm finished"),
    # --- done ------------------------------------------------------------------------------------
    W("done_title", "Thank you"),
    W("done_body",
      "Your answers are saved. Take your page in to your visit. This screen will clear in a "
      "moment."),
    # Translators: the thank-you screen when the page was not printed (the printer failed).
    W("done_body_no_page",
      "Your answers are saved. A peer worker can print your page for you. This screen will "
      "clear in a moment."),
    W("done_now", "Clear the screen now"),
    # --- idle ------------------------------------------------------------------------------------
    W("still_there", "Are you still there?"),
    P("still_there_body",
      "To keep your answers private, this screen will clear in {n} second.",
      "To keep your answers private, this screen will clear in {n} seconds."),
    W("still_here", "I'm still here"),
    # --- keyboard --------------------------------------------------------------------------------
    W("space", "Space"),
    W("delete", "Delete"),
    # Translators: keyboard keys that switch to capital letters, small letters and numbers
    # with symbols; write them with your alphabet's letters.
    W("shift", "ABC"),
    W("lower", "abc"),
    W("numbers", "123 ?!"),
    W("letters", "Letters"),
    # Translators: on the number pad: rub out every number typed so far.
    W("clear", "Clear"),
    W("ok", "OK"),
    # Translators: the twelve months, January first, joined by commas with no spaces (the
    # date pickers split them at the commas).
    # Translators: the two answers of every yes/no question.
    W("yesno_yes", "Yes"),
    W("yesno_no", "No"),
    W("months",
      "January,February,March,April,May,June,July,August,September,October,November,December"),
    # --- the story player (a vignette: video, captions, words) -----------------------------------
    W("player_play", "▶  Play"),
    W("player_pause", "❚❚  Pause"),
    W("player_again", "▶  Watch again"),
    W("player_replay", "↺  Start over"),
    # Translators: "s" is seconds; keep the arrows where they are.
    W("player_back", "◀◀  Back 10 s"),
    W("player_forward", "Ahead 10 s  ▶▶"),
    W("player_captions_on", "Captions: on"),
    W("player_captions_off", "Captions: off"),
    W("player_read_instead", "Read it instead"),
    W("player_watch", "▶  Watch the video"),
    W("player_read_aloud", "Read it to me"),
    W("player_stop_reading", "Stop reading"),
    W("player_no_speech", "Reading aloud isn't available here"),
    W("player_quieter", "Quieter"),
    W("player_louder", "Louder"),
    W("player_sound", "Sound"),
    W("player_done", "Done"),
    W("player_sample", "Sample video"),
    W("player_time", "{at} of {total}"),
    W("player_tap_play", "Tap to play"),
    W("player_tap_again", "Tap to watch again"),
    W("player_in_words", "The story in words"),
    W("player_cannot_play",
      "This video can't play on this screen right now. That's okay: here are the same words to "
      "read."),
    W("player_cannot_play_speech",
      "This video can't play on this screen right now. That's okay: here are the same words to "
      "read, or to listen to."),
    # --- the stories library ---------------------------------------------------------------------
    W("stories_title", "Stories from peers"),
    W("stories_intro",
      "Short videos of people sharing how they made choices about their medicine. Tap a story to "
      "watch it or read it."),
    W("stories_suggested", "Suggested for you"),
    W("stories_suggested_one", "Suggested for you"),
    W("stories_watched", "✓ Watched"),
    W("stories_sample", "Sample video"),
    W("stories_back", "Back"),
    W("stories_under_minute", "Less than a minute"),
    P("stories_minutes", "About {n} minute", "About {n} minutes"),
    W("stories_none", "There are no stories on this kiosk yet. A peer worker can tell you more."),
    W("language_button", "Language"),
    W("staff_corner", "Staff only: press and hold"),
    W("text_size_normal", "Text size: normal"),
    W("text_size_large", "Text size: large"),
    W("text_size_largest", "Text size: largest"),
    W("shift_name", "Capital letters"),
    W("lower_name", "Small letters"),
    W("numbers_name", "Numbers and punctuation"),
    W("pad_delete", "Delete the last number"),
    W("change_named", "Change: {question}"),
    W("story_named", "Watch the story: {title}"),
    W("video_named", "Video: {title}"),
    # --- who has looked at my answers (after signing in) ---------------------------------------
    W("who_looked_open", "Who has looked at my answers"),
    W("who_looked_title", "Who has looked at my answers"),
    W("who_looked_intro",
      "Here is everyone at the clinic who has looked at your answers or your visits, and when. "
      "The newest is at the top."),
    W("who_looked_none", "No one at the clinic has looked at your answers yet."),
    W("who_looked_ask", "Questions about this? A peer worker is glad to talk with you."),
    W("who_looked_trouble", "We could not show this right now. Please ask a peer worker."),
    W("who_looked_line", "{when}: {who} {what}."),
    W("who_looked_when", "{day} {month} {year}, {time}"),
    W("who_person", "{name} ({role})"),
    W("who_role_peer", "peer worker"),
    W("who_role_admin", "clinic manager"),
    W("who_role_prescriber", "prescriber"),
    W("who_role_other", "clinic staff"),
    W("who_command_line", "A clinic manager, on the clinic's computer,"),
    W("who_did_view", "opened one of your visits"),
    W("who_did_print", "printed your report"),
    W("who_did_export", "copied your answers to a file"),
    W("who_did_export-person", "copied your answers to a file"),
    W("who_did_purge", "deleted old visits"),
    W("who_did_purge-person", "deleted your old visits"),
    W("who_did_force-finish", "ended a visit"),
    W("who_did_close-day", "closed the day's visits"),
    W("who_did_review", "wrote down the choice you made together"),
    W("who_did_flag-acknowledged", "checked in with you about an answer"),
    W("who_did_pin-reset", "reset your PIN"),
    W("who_did_pin-chosen", "was there while you chose a new PIN"),
    W("who_did_peer-sign-in", "helped you sign in"),
    W("who_did_help-handled", "came to help you"),
    W("who_did_board-view", "saw your visit on today's list"),
    W("who_did_search-view", "saw your name in a search"),
    W("who_did_person-view", "opened your page"),
    W("who_did_report-view", "looked at your report"),
    W("who_did_report-saved", "saved your report as a file"),
    W("who_did_reports-view", "saw your visit in today's reports"),
    W("who_did_visits-view", "looked at your list of visits"),
    W("who_did_trends-view", "looked at how your answers changed"),
    W("who_did_own-words-view", "read your own words"),
    W("who_did_who-looked-view", "looked at this list"),
    W("who_did_safety-view", "saw an answer about your safety"),
    W("who_did_help-view", "saw that you asked for help"),
    W("who_did_profile-unlocked", "unlocked your sign-in"),
    W("who_did_profiles-merged", "joined two of your profiles into one"),
    W("who_did_profile-created", "made your profile"),
    W("who_did_other", "looked at your information"),
    # --- the on-screen keyboard's keys that are not letters or numbers, read aloud -------------
    # Translators: the names a screen reader says for the keyboard's symbol keys.
    W("symbol_comma", "comma"),
    W("symbol_full_stop", "full stop"),
    W("symbol_apostrophe", "apostrophe"),
    W("symbol_dash", "dash"),
    W("symbol_question_mark", "question mark"),
    W("symbol_opening_question_mark", "opening question mark"),
    W("symbol_exclamation_mark", "exclamation mark"),
    W("symbol_opening_exclamation_mark", "opening exclamation mark"),
    W("symbol_slash", "slash"),
    W("symbol_colon", "colon"),
    W("symbol_semicolon", "semicolon"),
    W("symbol_open_bracket", "open bracket"),
    W("symbol_close_bracket", "close bracket"),
    W("symbol_dollar", "dollar"),
    W("symbol_and_sign", "and sign"),
    W("symbol_at_sign", "at sign"),
    W("symbol_quotation_mark", "quotation mark"),
    W("symbol_percent", "percent"),
    W("symbol_plus", "plus"),
    W("symbol_equals", "equals"),
    W("symbol_number_sign", "number sign"),
    W("symbol_star", "star"),
    W("symbol_underscore", "underscore"),
    W("symbol_less_than", "less than"),
    W("symbol_greater_than", "greater than"),
    W("symbol_open_square_bracket", "open square bracket"),
    W("symbol_close_square_bracket", "close square bracket"),
    W("symbol_tilde", "tilde"),
    W("symbol_euro", "euro"),
    W("symbol_pound", "pound"),
)
