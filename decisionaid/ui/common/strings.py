"""Every word the kiosk itself says, in English and Spanish: its screens, the story player
(``player_*``) and the stories library (``stories_*``), in this one catalogue.

Written for a reading age of about 11 to 12: short sentences, everyday words, "you" and "your".
The Spanish is written as a Spanish speaker would say it (tú, warm and plain), not word for
word. Questionnaire texts come from the content files, not from here. A language the site adds
without kiosk strings falls back to English.
"""

from __future__ import annotations

LANGUAGE_NAMES = {"en": "English", "es": "Español"}

STRINGS: dict[str, dict[str, str]] = {
    # --- top bar -------------------------------------------------------------------------------
    "text_size": {"en": "Text size", "es": "Tamaño de letra"},
    "contrast_on": {"en": "Black and yellow", "es": "Negro y amarillo"},
    "contrast_off": {"en": "Usual colours", "es": "Colores normales"},
    "part_of": {"en": "Part {n} of {m}", "es": "Parte {n} de {m}"},
    # --- welcome ---------------------------------------------------------------------------------
    "welcome_title": {"en": "Welcome", "es": "Te damos la bienvenida"},
    "welcome_body": {
        "en": "Answer a few short questions before your visit. "
        "You can skip any question. A peer worker is nearby if you want help.",
        "es": "Responde unas preguntas cortas antes de tu consulta. "
        "Puedes saltar cualquier pregunta. Hay una persona de apoyo cerca si necesitas ayuda.",
    },
    "been_before": {"en": "I've been here before", "es": "Ya he venido antes"},
    "first_time": {"en": "This is my first time", "es": "Es mi primera vez"},
    "peer_sign_in": {"en": "Peer worker sign-in", "es": "Acceso para personas de apoyo"},
    "choose_language": {"en": "Language", "es": "Idioma"},
    # --- sign-in ---------------------------------------------------------------------------------
    "your_name": {"en": "What is your first name or nickname?", "es": "¿Cuál es tu nombre o apodo?"},
    "your_name_help": {
        "en": "Use the same name each time you come.",
        "es": "Usa el mismo nombre cada vez que vengas.",
    },
    "their_name": {"en": "First name or nickname", "es": "Nombre o apodo"},
    "birth_year": {"en": "What year were you born?", "es": "¿En qué año naciste?"},
    "birth_year_help": {"en": "Type the 4 numbers, like 1985.", "es": "Escribe los 4 números, como 1985."},
    "birth_month": {"en": "What month were you born?", "es": "¿En qué mes naciste?"},
    "birth_day": {"en": "What day of the month were you born?", "es": "¿Qué día del mes naciste?"},
    "year_wrong": {
        "en": "That year does not look right. Please check it.",
        "es": "Ese año no parece correcto. Revísalo, por favor.",
    },
    "your_pin": {"en": "Type your 4-number PIN", "es": "Escribe tu PIN de 4 números"},
    "new_pin": {"en": "Choose a 4-number PIN", "es": "Elige un PIN de 4 números"},
    "new_pin_help": {
        "en": "Pick numbers you will remember. You will use them next time.",
        "es": "Elige números que puedas recordar. Los usarás la próxima vez.",
    },
    "pin_again": {"en": "Type the same PIN again", "es": "Escribe el mismo PIN otra vez"},
    "pins_differ": {
        "en": "The two PINs were not the same. Let's try again.",
        "es": "Los dos PIN no eran iguales. Probemos otra vez.",
    },
    "not_found": {
        "en": "We could not find you with those details. Please check them and try again, "
        "or ask a peer worker: they are glad to help.",
        "es": "No te encontramos con esos datos. Revísalos e inténtalo otra vez, "
        "o pide ayuda a una persona de apoyo: lo hará con gusto.",
    },
    "wrong_pin": {
        "en": "That PIN did not match. Please try again.",
        "es": "Ese PIN no coincide. Inténtalo otra vez.",
    },
    "locked": {
        "en": "Signing in with these details is paused for 15 minutes, to keep everyone's "
        "answers safe. A peer worker can help you right now.",
        "es": "La entrada con estos datos está en pausa por 15 minutos, para proteger las "
        "respuestas de todos. Una persona de apoyo te puede ayudar ahora mismo.",
    },
    "peer_locked": {
        "en": "Too many tries with these details. Reset the person's PIN at the peer station, "
        "then find them here again.",
        "es": "Demasiados intentos con estos datos. Restablece el PIN de la persona en la "
        "estación de apoyo y luego búscala aquí otra vez.",
    },
    "peer_station_needed": {
        "en": "More than one person has these details and this PIN. Use the peer station to "
        "tell them apart.",
        "es": "Más de una persona tiene estos datos y este PIN. Usa la estación de apoyo para "
        "distinguirlas.",
    },
    "choose_new_pin": {
        "en": "Their PIN was reset. Let the person choose a new one. Look away while they type.",
        "es": "Su PIN fue restablecido. Deja que la persona elija uno nuevo. No mires mientras "
        "lo escribe.",
    },
    "first_time_title": {"en": "Welcome! Is this your first time?", "es": "¡Hola! ¿Es tu primera vez?"},
    "first_time_body": {
        "en": "You can save your answers for next time with your name and a PIN. "
        "Or you can go on without giving your name.",
        "es": "Puedes guardar tus respuestas para la próxima vez con tu nombre y un PIN. "
        "O puedes seguir sin dar tu nombre.",
    },
    "make_profile": {"en": "Save my answers for next time", "es": "Guardar mis respuestas para la próxima vez"},
    "guest": {"en": "Go on without my name", "es": "Seguir sin dar mi nombre"},
    "pin_taken": {
        "en": "Please choose a different PIN.",
        "es": "Por favor, elige otro PIN.",
    },
    "staff_title": {"en": "Staff only", "es": "Solo personal"},
    "staff_name": {"en": "Your staff name", "es": "Tu nombre de personal"},
    "staff_pin": {"en": "Your staff PIN", "es": "Tu PIN de personal"},
    "staff_wrong": {"en": "Name or PIN not recognised.", "es": "Nombre o PIN no reconocido."},
    "peer_find": {"en": "Find someone who has been here before", "es": "Buscar a alguien que ya ha venido"},
    "peer_create": {"en": "Sign up someone new", "es": "Registrar a alguien nuevo"},
    "peer_guest": {"en": "Start a visit without a name", "es": "Empezar sin nombre"},
    "peer_pin_help": {
        "en": "Let the person choose their own PIN. Look away while they type it.",
        "es": "Deja que la persona elija su PIN. No mires mientras lo escribe.",
    },
    "staff_menu": {"en": "Staff menu", "es": "Menú del personal"},
    "leave_kiosk": {"en": "Close the kiosk", "es": "Cerrar el quiosco"},
    "open_peer": {"en": "Open the peer station", "es": "Abrir la estación de apoyo"},
    "test_page": {"en": "Print a test page", "es": "Imprimir una página de prueba"},
    "back_to_kiosk": {"en": "Back to the kiosk", "es": "Volver al quiosco"},
    "test_page_sent": {"en": "Test page sent to the printer.", "es": "Página de prueba enviada a la impresora."},
    "check_machine": {"en": "Check this machine", "es": "Revisar este equipo"},
    "checking": {"en": "Checking…", "es": "Revisando…"},
    # --- resume ----------------------------------------------------------------------------------
    "hello_name": {"en": "Hello, {name}", "es": "Hola, {name}"},
    "resume_body": {
        "en": "You started your questions earlier today. Your answers are saved.",
        "es": "Empezaste tus preguntas hoy más temprano. Tus respuestas están guardadas.",
    },
    "resume": {"en": "Carry on where I stopped", "es": "Seguir donde me quedé"},
    "resume_start": {"en": "Go back to the first question", "es": "Volver a la primera pregunta"},
    # --- questions -------------------------------------------------------------------------------
    "back": {"en": "Back", "es": "Atrás"},
    "skip": {"en": "Skip", "es": "Saltar"},
    "next": {"en": "Next", "es": "Siguiente"},
    # Why Next is greyed out, beside it.
    "why_choose": {"en": "Choose an answer, or Skip.", "es": "Elige una respuesta, o Saltar."},
    "why_type": {"en": "Type an answer, or Skip.", "es": "Escribe una respuesta, o Saltar."},
    "why_name": {"en": "Type your name to go on.", "es": "Escribe tu nombre para seguir."},
    # Over the cut of a page or list too long for the screen.
    "more_below": {"en": "More below  \u25bc", "es": "Más abajo  \u25bc"},
    "more_above": {"en": "\u25b2  More above", "es": "\u25b2  Más arriba"},
    "start_part": {"en": "Start", "es": "Empezar"},
    "skip_part": {"en": "Skip this part", "es": "Saltar esta parte"},
    "optional_part": {
        "en": "This part is up to you. You can skip it.",
        "es": "Esta parte es opcional. Puedes saltarla.",
    },
    "read_aloud": {"en": "Read to me", "es": "Leer en voz alta"},
    "no_speech": {
        "en": "Reading aloud is not working on this kiosk. A peer worker can read with you.",
        "es": "La lectura en voz alta no funciona aquí. Una persona de apoyo puede leer contigo.",
    },
    # --- help, one tap away (the top bar, and the safety screen) --------------------------------
    "help_button": {"en": "I'd like help", "es": "Quiero ayuda"},
    "talk_now": {"en": "I want to talk to someone now", "es": "Quiero hablar con alguien ahora"},
    "help_coming_title": {"en": "A peer worker is coming", "es": "Una persona de apoyo viene para acá"},
    "help_coming_body": {
        "en": "Stay where you are. They will come to you here. You can keep going while you wait.",
        "es": "Quédate aquí. Va a venir a este lugar. Puedes seguir mientras esperas.",
    },
    "talk_coming_body": {
        "en": "Stay where you are. Someone will be with you very soon. You are not alone.",
        "es": "Quédate aquí. Alguien va a estar contigo muy pronto. No estás solo ni sola.",
    },
    "help_not_sent": {
        "en": "The message did not reach the peer workers. Please wave to one or go to the front desk.",
        "es": "El aviso no llegó a las personas de apoyo. Haz una seña a una o ve a la recepción.",
    },
    "help_ok": {"en": "OK", "es": "De acuerdo"},
    "station_help_one": {"en": "Someone at a kiosk would like help", "es": "Alguien en un quiosco quiere ayuda"},
    "station_help_many": {"en": "{n} people at the kiosks would like help", "es": "{n} personas en los quioscos quieren ayuda"},
    "station_help_line": {"en": "{time}  {who} at {kiosk}: {screen}", "es": "{time}  {who} en {kiosk}: {screen}"},
    "station_help_talk_now": {
        "en": "{time}  {who} at {kiosk} wants to talk to someone now",
        "es": "{time}  {who} en {kiosk} quiere hablar con alguien ahora",
    },
    "station_help_not_signed_in": {"en": "Someone not signed in yet", "es": "Alguien que todavía no se identificó"},
    "station_help_handled": {"en": "I'm helping", "es": "Ya voy"},
    "station_help_marked": {"en": "Marked as handled.", "es": "Marcada como atendida."},
    "station_screen_welcome": {"en": "on the welcome screen", "es": "en la pantalla de inicio"},
    "station_screen_sign_in": {"en": "signing in", "es": "entrando"},
    "station_screen_first_time": {"en": "starting a first visit", "es": "empezando su primera visita"},
    "station_screen_resume": {"en": "picking up a visit", "es": "retomando una visita"},
    "station_screen_intro": {"en": "at the start of a part", "es": "al inicio de una parte"},
    "station_screen_item": {"en": "answering a question", "es": "respondiendo una pregunta"},
    "station_screen_safety": {"en": "on the safety screen", "es": "en la pantalla de seguridad"},
    "station_screen_stories": {"en": "choosing stories", "es": "eligiendo historias"},
    "station_screen_library": {"en": "looking at stories", "es": "viendo historias"},
    "station_screen_vignette": {"en": "watching a story", "es": "viendo una historia"},
    "station_screen_review": {"en": "checking their answers", "es": "revisando sus respuestas"},
    "station_screen_print": {"en": "printing their page", "es": "imprimiendo su página"},
    "station_screen_done": {"en": "finished", "es": "terminó"},
    "choose_one": {"en": "Choose one, then tap Next.", "es": "Elige una y toca Siguiente."},
    "choose_many": {"en": "Choose all that fit, then tap Next.", "es": "Elige todas las que correspondan y toca Siguiente."},
    "choose_up_to": {"en": "Choose up to {n}, then tap Next.", "es": "Elige hasta {n} y toca Siguiente."},
    "type_here": {"en": "Type your answer with the keys below.", "es": "Escribe tu respuesta con las teclas de abajo."},
    "letters_left": {"en": "{n} letters left", "es": "Quedan {n} letras"},
    "carried": {
        "en": "This is what you wrote last time. You can keep it or change it.",
        "es": "Esto es lo que escribiste la última vez. Puedes dejarlo o cambiarlo.",
    },
    "answer_problem": {
        "en": "That answer could not be used. Please try again or tap Skip.",
        "es": "No pudimos usar esa respuesta. Inténtalo otra vez o toca Saltar.",
    },
    "save_problem": {
        "en": "Your answer could not be saved. Please ask a peer worker.",
        "es": "No pudimos guardar tu respuesta. Pide ayuda a una persona de apoyo.",
    },
    "saving": {"en": "Saving…", "es": "Guardando…"},
    "not_saved": {
        "en": "That was not saved. Please try again, or ask a peer worker for help.",
        "es": "Eso no se guardó. Inténtalo otra vez o pide ayuda a una persona de apoyo.",
    },
    "started_again": {
        "en": "Something went wrong, so the kiosk started again. Your answers so far are kept. "
        "A peer worker can help.",
        "es": "Algo salió mal y el quiosco empezó de nuevo. Tus respuestas hasta ahora están "
        "guardadas. Una persona de apoyo puede ayudarte.",
    },
    "watch": {"en": "Watch", "es": "Ver"},
    "watch_story": {"en": "Watch this story", "es": "Ver esta historia"},
    "stories_for_you": {"en": "Stories you might like", "es": "Historias que te pueden interesar"},
    "stories_body": {
        "en": "Short videos of people who have been through something similar. Watch one if you like.",
        "es": "Videos cortos de personas que han pasado por algo parecido. Mira uno si quieres.",
    },
    "no_thanks": {"en": "No thanks, go on", "es": "No, gracias. Seguir"},
    "stories_button": {"en": "Stories from peers", "es": "Historias de compañeros"},
    "back_to_where_i_was": {"en": "Back to where I was", "es": "Volver a donde estaba"},
    "video_missing": {"en": "This video cannot be played here.", "es": "Este video no se puede ver aquí."},
    # --- safety ----------------------------------------------------------------------------------
    "safety_title": {"en": "Thank you for telling us", "es": "Gracias por contárnoslo"},
    "safety_body": {
        "en": "What you are going through matters. A peer worker will come and check in "
        "with you soon. You can carry on with the questions while you wait.",
        "es": "Lo que estás viviendo es importante. Una persona de apoyo vendrá a hablar "
        "contigo pronto. Puedes seguir con las preguntas mientras esperas.",
    },
    "carry_on": {"en": "Carry on", "es": "Seguir"},
    # --- review ----------------------------------------------------------------------------------
    "review_title": {"en": "Check your answers", "es": "Revisa tus respuestas"},
    "review_body": {
        "en": "Tap Change to fix an answer. When it looks right, tap Make my page.",
        "es": "Toca Cambiar para arreglar una respuesta. Cuando esté bien, toca Hacer mi página.",
    },
    "change": {"en": "Change", "es": "Cambiar"},
    "skipped": {"en": "(skipped)", "es": "(saltada)"},
    "part_skipped": {"en": "You skipped this part.", "es": "Saltaste esta parte."},
    "make_page": {"en": "Make my page", "es": "Hacer mi página"},
    "back_to_review": {"en": "Save and go back to my answers", "es": "Guardar y volver a mis respuestas"},
    # --- print -----------------------------------------------------------------------------------
    "page_title": {"en": "Your page for today's visit", "es": "Tu página para la consulta de hoy"},
    "page_body": {
        "en": "Print it and take it in to your visit. It helps you say what matters to you.",
        "es": "Imprímela y llévala a tu consulta. Te ayuda a decir lo que es importante para ti.",
    },
    "page_making": {"en": "Getting your page ready…", "es": "Preparando tu página…"},
    "page_failed": {
        "en": "Your page could not be made. A peer worker can print it for you.",
        "es": "No se pudo preparar tu página. Una persona de apoyo te la puede imprimir.",
    },
    "print": {"en": "Print my page", "es": "Imprimir mi página"},
    "print_own": {"en": "Also print a copy in my language",
                  "es": "Imprimir también una copia en mi idioma"},
    "printing": {"en": "Printing…", "es": "Imprimiendo…"},
    "printed": {
        "en": "Your page is printing. Pick it up from the printer.",
        "es": "Tu página se está imprimiendo. Recógela en la impresora.",
    },
    "print_failed": {
        "en": "The printer did not work. A peer worker can print your page for you.",
        "es": "La impresora no funcionó. Una persona de apoyo te puede imprimir la página.",
    },
    "ask_peer": {"en": "Ask a peer worker", "es": "Pedir ayuda"},
    "peer_coming": {
        "en": "Please wave to a peer worker or go to the front desk. They will help you.",
        "es": "Haz una seña a una persona de apoyo o ve a la recepción. Te van a ayudar.",
    },
    "finish": {"en": "I'm finished", "es": "Ya terminé"},
    # --- done ------------------------------------------------------------------------------------
    "done_title": {"en": "Thank you", "es": "Gracias"},
    "done_body": {
        "en": "Your answers are saved. Take your page in to your visit. "
        "This screen will clear in a moment.",
        "es": "Tus respuestas están guardadas. Lleva tu página a tu consulta. "
        "Esta pantalla se va a borrar en un momento.",
    },
    "done_now": {"en": "Clear the screen now", "es": "Borrar la pantalla ahora"},
    # --- idle ------------------------------------------------------------------------------------
    "still_there": {"en": "Are you still there?", "es": "¿Sigues ahí?"},
    "still_there_body": {
        "en": "To keep your answers private, this screen will clear in {n} seconds.",
        "es": "Para proteger tus respuestas, esta pantalla se va a borrar en {n} segundos.",
    },
    "still_here": {"en": "I'm still here", "es": "Sigo aquí"},
    # --- keyboard --------------------------------------------------------------------------------
    "space": {"en": "Space", "es": "Espacio"},
    "delete": {"en": "Delete", "es": "Borrar"},
    "shift": {"en": "ABC", "es": "ABC"},
    "lower": {"en": "abc", "es": "abc"},
    "numbers": {"en": "123 ?!", "es": "123 ?!"},
    "letters": {"en": "Letters", "es": "Letras"},
    "clear": {"en": "Clear", "es": "Borrar"},
    "ok": {"en": "OK", "es": "Aceptar"},
    "months": {
        "en": "January,February,March,April,May,June,July,August,September,October,November,December",
        "es": "enero,febrero,marzo,abril,mayo,junio,julio,agosto,septiembre,octubre,noviembre,diciembre",
    },
    # --- the story player (a vignette: video, captions, words) -----------------------------------
    "player_play": {"en": "▶  Play", "es": "▶  Ver"},
    "player_pause": {"en": "❚❚  Pause", "es": "❚❚  Pausa"},
    "player_again": {"en": "▶  Watch again", "es": "▶  Ver otra vez"},
    "player_replay": {"en": "↺  Start over", "es": "↺  Desde el inicio"},
    "player_back": {"en": "◀◀  Back 10 s", "es": "◀◀  Atrás 10 s"},
    "player_forward": {"en": "Ahead 10 s  ▶▶", "es": "Adelante 10 s  ▶▶"},
    "player_captions_on": {"en": "Captions: on", "es": "Subtítulos: sí"},
    "player_captions_off": {"en": "Captions: off", "es": "Subtítulos: no"},
    "player_read_instead": {"en": "Read it instead", "es": "Prefiero leerlo"},
    "player_watch": {"en": "▶  Watch the video", "es": "▶  Ver el video"},
    "player_read_aloud": {"en": "Read it to me", "es": "Léemelo en voz alta"},
    "player_stop_reading": {"en": "Stop reading", "es": "Dejar de leer"},
    "player_no_speech": {
        "en": "Reading aloud isn't available here",
        "es": "Leer en voz alta no está disponible aquí",
    },
    "player_quieter": {"en": "Quieter", "es": "Más bajo"},
    "player_louder": {"en": "Louder", "es": "Más alto"},
    "player_sound": {"en": "Sound", "es": "Volumen"},
    "player_done": {"en": "Done", "es": "Listo"},
    "player_sample": {"en": "Sample video", "es": "Video de muestra"},
    "player_time": {"en": "{at} of {total}", "es": "{at} de {total}"},
    "player_tap_play": {"en": "Tap to play", "es": "Toca para ver"},
    "player_tap_again": {"en": "Tap to watch again", "es": "Toca para ver otra vez"},
    "player_in_words": {"en": "The story in words", "es": "La historia en palabras"},
    "player_cannot_play": {
        "en": "This video can't play on this screen right now. That's okay: here are the same words to read.",
        "es": "Este video no se puede ver en esta pantalla ahora. No pasa nada: aquí están las mismas palabras para leer.",
    },
    "player_cannot_play_speech": {
        "en": "This video can't play on this screen right now. That's okay: here are the same words to read, or to listen to.",
        "es": "Este video no se puede ver en esta pantalla ahora. No pasa nada: aquí están las mismas palabras para leer o para escuchar.",
    },
    # --- the stories library ---------------------------------------------------------------------
    "stories_title": {"en": "Stories from peers", "es": "Historias de compañeros"},
    "stories_intro": {
        "en": "Short videos of people sharing how they made choices about their medicine. Tap a story to watch it or read it.",
        "es": "Videos cortos de personas que cuentan cómo tomaron decisiones sobre sus medicamentos. Toca una historia para verla o leerla.",
    },
    "stories_suggested": {"en": "Suggested for you", "es": "Sugeridas para ti"},
    "stories_suggested_one": {"en": "Suggested for you", "es": "Sugerida para ti"},
    "stories_watched": {"en": "✓ Watched", "es": "✓ Vista"},
    "stories_sample": {"en": "Sample video", "es": "Video de muestra"},
    "stories_back": {"en": "Back", "es": "Volver"},
    "stories_under_minute": {"en": "Less than a minute", "es": "Menos de un minuto"},
    "stories_one_minute": {"en": "About 1 minute", "es": "Más o menos 1 minuto"},
    "stories_minutes": {"en": "About {n} minutes", "es": "Más o menos {n} minutos"},
    "stories_none": {
        "en": "There are no stories on this kiosk yet. A peer worker can tell you more.",
        "es": "Todavía no hay historias en esta pantalla. Un compañero de apoyo te puede contar más.",
    },
    # --- the peer station (staff; in the site's first language) ---------------------------------
    "station_title": {"en": "{site} — peer station", "es": "{site} — puesto de apoyo"},
    "station_sign_in_hint": {
        "en": "Sign in with your staff name and PIN.",
        "es": "Inicia sesión con tu nombre de personal y tu PIN.",
    },
    "station_name_hint": {"en": "Your staff name", "es": "Tu nombre de personal"},
    "station_pin_hint": {"en": "4 to 8 digits", "es": "De 4 a 8 cifras"},
    "station_sign_in": {"en": "Sign in", "es": "Iniciar sesión"},
    "station_name": {"en": "Name", "es": "Nombre"},
    "station_pin": {"en": "PIN", "es": "PIN"},
    "station_need_name_and_pin": {
        "en": "Enter your name and your PIN.",
        "es": "Escribe tu nombre y tu PIN.",
    },
    "station_checking": {"en": "Checking…", "es": "Comprobando…"},
    "station_signed_in_as": {
        "en": "Signed in as <b>{name}</b> ({role})",
        "es": "Sesión iniciada como <b>{name}</b> ({role})",
    },
    "station_sign_out": {"en": "Sign out", "es": "Cerrar sesión"},
    "station_signed_out_idle": {
        "en": "Signed out after {minutes} minutes without use.",
        "es": "Se cerró la sesión tras {minutes} minutos sin uso.",
    },
    "station_tab_today": {"en": "Today", "es": "Hoy"},
    "station_tab_find": {"en": "Find a person", "es": "Buscar a una persona"},
    "station_tab_statistics": {"en": "Statistics", "es": "Estadísticas"},
    "station_tab_admin": {"en": "Admin", "es": "Administración"},
    "station_tab_visit": {"en": "Visit {visit_id}", "es": "Visita {visit_id}"},
    "station_tab_person": {"en": "Person", "es": "Persona"},
    "station_went_wrong": {
        "en": "Something went wrong ({error}); try again, or see the log in {log}.",
        "es": "Algo salió mal ({error}); inténtalo de nuevo o mira el registro en {log}.",
    },
    "station_export_button": {"en": "Export…", "es": "Exportar…"},
    "station_purge_button": {"en": "Purge…", "es": "Borrar…"},
    "station_admins_only": {
        "en": "admin is for admins",
        "es": "la administración es solo para administradores",
    },
    "station_staff_accounts": {"en": "Staff accounts", "es": "Cuentas del personal"},
    "station_col_role": {"en": "Role", "es": "Función"},
    "station_add_account": {"en": "Add account", "es": "Añadir cuenta"},
    "station_set_pin_selected": {
        "en": "Set this PIN for the selected account",
        "es": "Poner este PIN a la cuenta elegida",
    },
    "station_disable_selected": {
        "en": "Disable the selected account…",
        "es": "Desactivar la cuenta elegida…",
    },
    "station_pin_again": {"en": "PIN again", "es": "PIN otra vez"},
    "station_site_config": {
        "en": "Site configuration (read-only: edit the config file)",
        "es": "Configuración del sitio (solo lectura: cambia el archivo de configuración)",
    },
    "station_content_check": {"en": "Content check", "es": "Revisión del contenido"},
    "station_check_again": {"en": "Check again", "es": "Revisar otra vez"},
    "station_this_machine": {"en": "This machine", "es": "Este equipo"},
    "station_doctor_hint": {
        "en": "Press the button to check the database, printer, speech, video, disk and backups.",
        "es": "Pulsa el botón para revisar la base de datos, la impresora, la voz, el video, el disco y las copias de seguridad.",
    },
    "station_check_machine": {"en": "Check this machine", "es": "Revisar este equipo"},
    "station_export_answers": {"en": "Export answers", "es": "Exportar respuestas"},
    "station_only_since": {"en": "Only visits since", "es": "Solo visitas desde"},
    "station_format": {"en": "Format", "es": "Formato"},
    "station_users_by_code": {
        "en": "Service users appear by a code, not by name.",
        "es": "Las personas usuarias aparecen con un código, no con su nombre.",
    },
    "station_delete_old_visits": {"en": "Delete old visits", "es": "Borrar visitas antiguas"},
    "station_delete_older_than": {
        "en": "Delete visits older than",
        "es": "Borrar visitas de hace más de",
    },
    "station_days": {"en": "days", "es": "días"},
    "station_what_goes": {
        "en": "Each goes with its answers, flags and review; profiles stay. You are shown how many first.",
        "es": "Cada una se borra con sus respuestas, alertas y revisión; los perfiles se quedan. Antes se te dice cuántas son.",
    },
    "station_config_listing": {
        "en": "config file:     {source}\nsite name:       {site}\nlanguages:       {languages}\npaper:           {paper}\nkiosk idle time: {idle} s\nstation sign-out after: {sign_out} min idle\nprinter:         {printer}\ndatabase:        {database}\nencrypted:       {encrypted}\ncontent folder:  {content}\ncrisis message:",
        "es": "archivo de configuración: {source}\nnombre del sitio:  {site}\nidiomas:           {languages}\npapel:             {paper}\nespera en la pantalla: {idle} s\ncierre de sesión del puesto tras: {sign_out} min sin uso\nimpresora:         {printer}\nbase de datos:     {database}\ncifrada:           {encrypted}\ncarpeta de contenido: {content}\nmensaje de crisis:",
    },
    "station_no_config_file": {
        "en": "(none: built-in defaults)",
        "es": "(ninguno: valores de fábrica)",
    },
    "station_system_printer": {"en": "(system default)", "es": "(la del sistema)"},
    "station_yes": {"en": "yes", "es": "sí"},
    "station_no": {"en": "no", "es": "no"},
    "station_account_disabled": {"en": "disabled", "es": "desactivada"},
    "station_account_locked": {"en": "locked", "es": "bloqueada"},
    "station_account_active": {"en": "active", "es": "activa"},
    "station_pins_differ": {
        "en": "The two PINs are not the same.",
        "es": "Los dos PIN no son iguales.",
    },
    "station_added_account": {"en": "Added {name} ({role}).", "es": "Se añadió {name} ({role})."},
    "station_select_account": {"en": "Select an account first.", "es": "Primero elige una cuenta."},
    "station_new_pin_set": {
        "en": "New PIN set for {name}; the account is unlocked.",
        "es": "Nuevo PIN para {name}; la cuenta está desbloqueada.",
    },
    "station_disable_account": {"en": "Disable account", "es": "Desactivar la cuenta"},
    "station_disable_ask": {
        "en": "Disable {name}? They will no longer be able to sign in.",
        "es": "¿Desactivar a {name}? Ya no podrá iniciar sesión.",
    },
    "station_disabled_account": {
        "en": "{name} can no longer sign in.",
        "es": "{name} ya no puede iniciar sesión.",
    },
    "station_content_problems": {
        "en": "✗ {n} problem(s) — the kiosk will not start until they are mended:\n{lines}",
        "es": "✗ {n} problema(s): la pantalla no se abrirá hasta que se arreglen:\n{lines}",
    },
    "station_content_ok": {
        "en": "✓ OK: {questionnaires} questionnaires, {items} items, {vignettes} vignettes.",
        "es": "✓ Bien: {questionnaires} cuestionarios, {items} preguntas, {vignettes} historias.",
    },
    "station_all_checks_passed": {"en": "All checks passed.", "es": "Todo está bien."},
    "station_do_what_fail_says": {
        "en": "Do what each FAIL line says, then check again.",
        "es": "Haz lo que dice cada línea FAIL y vuelve a revisar.",
    },
    "station_exporting": {"en": "Exporting…", "es": "Exportando…"},
    "station_exporting_to": {"en": "Exporting to {path}…", "es": "Exportando a {path}…"},
    "station_export_saved": {
        "en": "Saved {visits} ({answers}) to {path}.",
        "es": "Se guardaron {visits} ({answers}) en {path}.",
    },
    "station_not_saved": {"en": "Not saved: {reason}.", "es": "No se guardó: {reason}."},
    "station_nothing_before": {
        "en": "No visits started before {before}: nothing to delete.",
        "es": "No hay visitas empezadas antes del {before}: no hay nada que borrar.",
    },
    "station_delete_ask": {
        "en": "Delete {visits} started before {before}, with their answers, flags, vignette views and peer reviews? Profiles stay. This cannot be undone.",
        "es": "¿Borrar {visits} empezadas antes del {before}, con sus respuestas, alertas, historias vistas y revisiones? Los perfiles se quedan. No se puede deshacer.",
    },
    "station_nothing_deleted": {"en": "Nothing was deleted.", "es": "No se borró nada."},
    "station_delete_recent": {"en": "Delete recent visits", "es": "Borrar visitas recientes"},
    "station_delete_recent_ask": {
        "en": "{days} days is fewer than {minimum}: this deletes visits from the last few weeks too.\nType {word} to go ahead.",
        "es": "{days} días es menos de {minimum}: también se borran visitas de las últimas semanas.\nEscribe {word} para seguir.",
    },
    "station_nothing_deleted_type": {
        "en": "Nothing was deleted: under {minimum} days, type {word} to confirm.",
        "es": "No se borró nada: con menos de {minimum} días, escribe {word} para confirmar.",
    },
    "station_deleting": {"en": "Deleting…", "es": "Borrando…"},
    "station_deleting_n": {"en": "Deleting {visits}…", "es": "Borrando {visits}…"},
    "station_deleted": {
        "en": "Deleted {visits} started before {before} ({answers}, {flags}, {views}, {reviews}).",
        "es": "Se borraron {visits} empezadas antes del {before} ({answers}, {flags}, {views}, {reviews}).",
    },
    "station_nothing_deleted_because": {
        "en": "Nothing was deleted: {reason}.",
        "es": "No se borró nada: {reason}.",
    },
    "station_count_visit_one": {"en": "{n} visit", "es": "{n} visita"},
    "station_count_visit_many": {"en": "{n} visits", "es": "{n} visitas"},
    "station_count_answer_one": {"en": "{n} answer", "es": "{n} respuesta"},
    "station_count_answer_many": {"en": "{n} answers", "es": "{n} respuestas"},
    "station_count_flag_one": {"en": "{n} flag", "es": "{n} alerta"},
    "station_count_flag_many": {"en": "{n} flags", "es": "{n} alertas"},
    "station_count_view_one": {"en": "{n} vignette view", "es": "{n} historia vista"},
    "station_count_view_many": {"en": "{n} vignette views", "es": "{n} historias vistas"},
    "station_count_review_one": {"en": "{n} peer review", "es": "{n} revisión"},
    "station_count_review_many": {"en": "{n} peer reviews", "es": "{n} revisiones"},
    "station_section_power_statement": {"en": "Power Statement", "es": "Declaración de fortaleza"},
    "station_section_personal_medicine": {"en": "Personal Medicine", "es": "Medicina personal"},
    "station_reset_pin": {"en": "Reset PIN", "es": "Restablecer el PIN"},
    "station_reset_pin_tip": {
        "en": "For someone who forgot their PIN: the old one stops working, and they choose a new one at the kiosk the next time a peer worker signs them in.",
        "es": "Para quien olvidó su PIN: el anterior deja de funcionar y elige uno nuevo en la pantalla la próxima vez que una persona de apoyo le ayude a entrar.",
    },
    "station_col_date": {"en": "Date", "es": "Fecha"},
    "station_show_older": {"en": "Show older visits", "es": "Ver visitas anteriores"},
    "station_tab_visits": {"en": "Visits", "es": "Visitas"},
    "station_tab_how_theyve_been": {"en": "How they've been", "es": "Cómo ha estado"},
    "station_col_visit": {"en": "Visit", "es": "Visita"},
    "station_col_part": {"en": "Part", "es": "Parte"},
    "station_col_their_words": {"en": "In their words", "es": "En sus palabras"},
    "station_tab_own_words": {
        "en": "Power Statement and Personal Medicine",
        "es": "Declaración de fortaleza y Medicina personal",
    },
    "station_col_when": {"en": "When", "es": "Cuándo"},
    "station_col_who": {"en": "Who", "es": "Quién"},
    "station_col_what": {"en": "What", "es": "Qué"},
    "station_print_for_them": {"en": "Print this for them", "es": "Imprimírselo"},
    "station_save_pdf_button": {"en": "Save as PDF…", "es": "Guardar como PDF…"},
    "station_every_look": {
        "en": "Every time staff saw, opened, printed, reviewed, exported or deleted this person's "
        "information, and every refused sign-in with their name and birthday (newest first).",
        "es": "Cada vez que el personal vio, abrió, imprimió, revisó, exportó o borró la información "
        "de esta persona, y cada entrada rechazada con su nombre y fecha de nacimiento (lo más "
        "reciente primero).",
    },
    "station_tab_who_looked": {
        "en": "Who has looked at my information",
        "es": "Quién ha visto mi información",
    },
    "station_reset_pin_confirm": {
        "en": "Reset {name}'s PIN? The old PIN stops working now; they choose a new one the next "
        "time a peer worker signs them in at the kiosk.",
        "es": "¿Restablecer el PIN de {name}? El PIN anterior deja de funcionar ahora; elegirá uno "
        "nuevo la próxima vez que una persona de apoyo le ayude a entrar en la pantalla.",
    },
    "station_pin_was_reset": {
        "en": "PIN reset. The next time a peer worker signs them in at the kiosk, they choose a new PIN.",
        "es": "PIN restablecido. La próxima vez que una persona de apoyo le ayude a entrar en la pantalla, elegirá un PIN nuevo.",
    },
    "station_could_not_reset_pin": {
        "en": "Could not reset the PIN: {reason}",
        "es": "No se pudo restablecer el PIN: {reason}",
    },
    "station_clinic_id": {
        "en": " · clinic id {clinic_id}",
        "es": " · número de la clínica {clinic_id}",
    },
    "station_pending": {
        "en": " · signed up alone with the same name and birthday as someone else: sign them in at the kiosk to confirm",
        "es": " · se registró sin ayuda con el mismo nombre y fecha de nacimiento que otra persona: ayúdale a entrar en la pantalla para confirmarlo",
    },
    "station_person_title": {
        "en": "{name} · born {born}{clinic}{waiting}",
        "es": "{name} · nació el {born}{clinic}{waiting}",
    },
    "station_no_trends": {
        "en": "No finished visits with these answers yet.",
        "es": "Todavía no hay visitas terminadas con estas respuestas.",
    },
    "station_looked_for": {
        "en": "{site} — for {name}, printed {when}",
        "es": "{site} — para {name}, impreso el {when}",
    },
    "station_ask_if_surprised": {
        "en": "Ask a peer worker if anything here surprises you.",
        "es": "Pregunta a una persona de apoyo si algo de esto te sorprende.",
    },
    "station_printing": {"en": "Printing…", "es": "Imprimiendo…"},
    "station_sent_to_printer": {"en": "Sent to the printer.", "es": "Enviado a la impresora."},
    "station_save_as_pdf": {"en": "Save as PDF", "es": "Guardar como PDF"},
    "station_follow_up_wellness-tools": {
        "en": "Help with wellness tools",
        "es": "Ayuda con herramientas de bienestar",
    },
    "station_follow_up_group-or-meeting": {
        "en": "Finding a group or meeting",
        "es": "Encontrar un grupo o una reunión",
    },
    "station_follow_up_vignette-together": {
        "en": "Watching a vignette together",
        "es": "Ver juntos una historia",
    },
    "station_follow_up_check-in-call": {
        "en": "A check-in call",
        "es": "Una llamada para ver cómo va",
    },
    "station_their_history": {"en": "Their history…", "es": "Su historial…"},
    "station_reading_visit": {"en": "Reading the visit…", "es": "Leyendo la visita…"},
    "station_col_question": {"en": "Question", "es": "Pregunta"},
    "station_col_answer": {"en": "Answer", "es": "Respuesta"},
    "station_flags": {"en": "Flags", "es": "Alertas"},
    "station_answers_by_section": {"en": "Answers by section", "es": "Respuestas por parte"},
    "station_vignettes_watched": {"en": "Vignettes watched", "es": "Historias vistas"},
    "station_rendering_report": {"en": "Rendering the report…", "es": "Preparando el informe…"},
    "station_review_box": {
        "en": "Review: the shared decision and follow-up",
        "es": "Revisión: la decisión compartida y el seguimiento",
    },
    "station_decision_hint": {
        "en": "e.g. “I will take the evening pill at 8 instead of 10 and tell Dr Lee in two weeks how I sleep.”",
        "es": "p. ej. “Voy a tomar la pastilla de la noche a las 8 en vez de a las 10 y en dos semanas le cuento a la Dra. Lee cómo duermo.”",
    },
    "station_follow_up_wanted": {
        "en": "Follow-up support wanted:",
        "es": "Apoyo de seguimiento que quiere:",
    },
    "station_other": {"en": "Other:", "es": "Otro:"},
    "station_peer_note_hint": {
        "en": "Peer note (for staff; not printed)",
        "es": "Nota de apoyo (para el personal; no se imprime)",
    },
    "station_save_and_lock": {"en": "Save and lock the visit", "es": "Guardar y cerrar la visita"},
    "station_decision_today": {
        "en": "Our shared decision today:",
        "es": "Nuestra decisión compartida de hoy:",
    },
    "station_no_preview_because": {
        "en": "No preview: {reason}",
        "es": "Sin vista previa: {reason}",
    },
    "station_visit_number": {"en": ", visit {number}", "es": ", visita {number}"},
    "station_finished_printed": {
        "en": "finished, printed {time}",
        "es": "terminada, impresa a las {time}",
    },
    "station_no_answers_yet": {"en": "No answers yet.", "es": "Todavía no hay respuestas."},
    "station_to_the_end": {"en": " (to the end)", "es": " (hasta el final)"},
    "station_none": {"en": "None.", "es": "Ninguna."},
    "station_no_flags": {"en": "No flags.", "es": "Sin alertas."},
    "station_safety_not_answered": {
        "en": "<b>⚠ SAFETY</b>: {question} — <b>not answered</b>",
        "es": "<b>⚠ SEGURIDAD</b>: {question} — <b>sin respuesta</b>",
    },
    "station_ask_in_check_in": {
        "en": "ask about it in the check-in",
        "es": "pregunta por ello al atender a la persona",
    },
    "station_mark_safety": {"en": "⚠ SAFETY", "es": "⚠ SEGURIDAD"},
    "station_mark_concern": {"en": "Concern", "es": "Preocupación"},
    "station_staff": {"en": "staff", "es": "el personal"},
    "station_acknowledged_by": {
        "en": "acknowledged by {who} at {time}: {note}",
        "es": "atendida por {who} a las {time}: {note}",
    },
    "station_not_yet_acknowledged": {
        "en": "<b>not yet acknowledged</b>: check in, then acknowledge it on Today",
        "es": "<b>todavía sin atender</b>: acércate a la persona y luego márcala como atendida en Hoy",
    },
    "station_reviewed_locked": {
        "en": "Reviewed and locked {when}.",
        "es": "Revisada y cerrada el {when}.",
    },
    "station_still_in_progress": {
        "en": "The visit is still in progress: review it once it is finished (or force-finish it from Today).",
        "es": "La visita sigue en curso: revísala cuando termine (o termínala ya desde Hoy).",
    },
    "station_saving_locks": {
        "en": "Saving locks the visit: nothing in it can change after.",
        "es": "Al guardar, la visita se cierra: después no se puede cambiar nada.",
    },
    "station_no_preview": {"en": "No preview.", "es": "Sin vista previa."},
    "station_saving_review": {"en": "Saving the review…", "es": "Guardando la revisión…"},
    "station_saved_locked": {
        "en": "Saved. The visit is locked.",
        "es": "Guardada. La visita está cerrada.",
    },
    "station_search_hint": {
        "en": "First name (start of it), clinic id, or #visit number",
        "es": "Nombre (o su comienzo), número de la clínica o #número de visita",
    },
    "station_search": {"en": "Search", "es": "Buscar"},
    "station_find": {"en": "Find", "es": "Buscar"},
    "station_col_name": {"en": "Name", "es": "Nombre"},
    "station_col_born": {"en": "Born", "es": "Nacimiento"},
    "station_col_clinic_id": {"en": "Clinic id", "es": "Número de la clínica"},
    "station_col_visits": {"en": "Visits", "es": "Visitas"},
    "station_col_last_visit": {"en": "Last visit", "es": "Última visita"},
    "station_more_results": {"en": "More results", "es": "Más resultados"},
    "station_no_one_found": {
        "en": "No one found. Check the spelling, or try the clinic id.",
        "es": "No se encontró a nadie. Revisa cómo está escrito o prueba con el número de la clínica.",
    },
    "station_double_click_person": {
        "en": "Double-click a person to see their history.",
        "es": "Haz doble clic en una persona para ver su historial.",
    },
    "station_stat_month": {"en": "Month", "es": "Mes"},
    "station_stat_started": {"en": "Started", "es": "Empezadas"},
    "station_stat_finished": {"en": "Finished", "es": "Terminadas"},
    "station_stat_printed": {"en": "Printed", "es": "Impresas"},
    "station_stat_reviewed": {"en": "Reviewed", "es": "Revisadas"},
    "station_stat_incomplete": {"en": "Incomplete", "es": "Incompletas"},
    "station_stat_power_statement": {"en": "Power Statement", "es": "Declaración de fortaleza"},
    "station_stat_personal_medicine": {"en": "Personal Medicine", "es": "Medicina personal"},
    "station_stat_safety_flags": {"en": "Safety flags", "es": "Alertas de seguridad"},
    "station_stat_concern_flags": {"en": "Concern flags", "es": "Alertas de preocupación"},
    "station_stat_minutes_to_acknowledge": {
        "en": "Median minutes to acknowledge",
        "es": "Mediana de minutos hasta atender",
    },
    "station_stat_vignettes_watched": {"en": "Vignettes watched", "es": "Historias vistas"},
    "station_stat_suggestions_made": {"en": "Suggestions made", "es": "Sugerencias hechas"},
    "station_stats_admins_only": {
        "en": "statistics are for admins",
        "es": "las estadísticas son solo para administración",
    },
    "station_show": {"en": "Show", "es": "Mostrar"},
    "station_export_csv": {"en": "Export CSV…", "es": "Exportar CSV…"},
    "station_from": {"en": "From", "es": "Desde"},
    "station_to": {"en": "to", "es": "hasta"},
    "station_counts_no_names": {
        "en": "Counts for the whole clinic; no one is named.",
        "es": "Cifras de toda la clínica; no se nombra a nadie.",
    },
    "station_counting": {"en": "Counting…", "es": "Contando…"},
    "station_no_visits_in_period": {
        "en": "No visits in this period.",
        "es": "No hay visitas en este periodo.",
    },
    "station_export_statistics": {"en": "Export statistics", "es": "Exportar estadísticas"},
    "station_saved_path": {"en": "Saved {path}.", "es": "Guardado en {path}."},
    "station_could_not_save": {
        "en": "Could not save: {reason}",
        "es": "No se pudo guardar: {reason}",
    },
    "station_guest": {"en": "Guest", "es": "Sin nombre"},
    "station_flag_line": {
        "en": "{time}  {who} (visit {visit_id}): {said}",
        "es": "{time}  {who} (visita {visit_id}): {said}",
    },
    "station_ack_note_hint": {
        "en": "What was done? (needed to acknowledge)",
        "es": "¿Qué se hizo? (hace falta para atender la alerta)",
    },
    "station_acknowledge": {"en": "Acknowledge", "es": "Atendida"},
    "station_open_visit": {"en": "Open visit", "es": "Abrir visita"},
    "station_reading": {"en": "Reading…", "es": "Leyendo…"},
    "station_force_finish_button": {"en": "Force finish…", "es": "Terminar ya…"},
    "station_reprint": {"en": "Reprint report", "es": "Volver a imprimir el informe"},
    "station_col_started": {"en": "Started", "es": "Empezó"},
    "station_col_status": {"en": "Status", "es": "Estado"},
    "station_col_section": {"en": "Section now", "es": "Parte actual"},
    "station_col_open_flags": {"en": "Open flags", "es": "Alertas abiertas"},
    "station_no_visits_today": {
        "en": "No visits yet today. They appear here as soon as someone starts at the kiosk.",
        "es": "Todavía no hay visitas hoy. Aparecen aquí en cuanto alguien empieza en la pantalla.",
    },
    "station_could_not_read_visits": {
        "en": "Could not read the visits: {reason}",
        "es": "No se pudieron leer las visitas: {reason}",
    },
    "station_open_safety": {"en": "⚠ {n} safety", "es": "⚠ {n} de seguridad"},
    "station_safety_banner_one": {
        "en": "⚠ SAFETY: 1 person needs a check-in now",
        "es": "⚠ SEGURIDAD: 1 persona necesita que alguien la atienda ya",
    },
    "station_safety_banner_many": {
        "en": "⚠ SAFETY: {n} people need a check-in now",
        "es": "⚠ SEGURIDAD: {n} personas necesitan que alguien las atienda ya",
    },
    "station_safety_title": {"en": "⚠ SAFETY ({n}) — {title}", "es": "⚠ SEGURIDAD ({n}) — {title}"},
    "station_saving_ack": {"en": "Saving the acknowledgement…", "es": "Guardando la atención…"},
    "station_acknowledged": {
        "en": "Acknowledged. Thank you for checking in.",
        "es": "Atendida. Gracias por acercarte.",
    },
    "station_this_guest": {"en": "this guest", "es": "esta persona sin nombre"},
    "station_force_finish": {"en": "Force finish", "es": "Terminar ya"},
    "station_force_finish_ask": {
        "en": "End {who}'s visit now, as incomplete? Their answers so far are kept and the kiosk can no longer add to it.",
        "es": "¿Terminar ya la visita de {who}, como incompleta? Sus respuestas hasta ahora se guardan y la pantalla ya no puede añadir nada.",
    },
    "station_ended_incomplete": {
        "en": "Visit {visit_id} ended as incomplete.",
        "es": "La visita {visit_id} terminó como incompleta.",
    },
    "station_printing_visit": {
        "en": "Printing visit {visit_id}'s report…",
        "es": "Imprimiendo el informe de la visita {visit_id}…",
    },
    "station_print_title": {"en": "Visit {visit_id}", "es": "Visita {visit_id}"},
    "station_printed_visit": {
        "en": "Visit {visit_id}'s report was sent to the printer.",
        "es": "El informe de la visita {visit_id} se envió a la impresora.",
    },
    "station_could_not_print": {
        "en": "Could not print: {reason}",
        "es": "No se pudo imprimir: {reason}",
    },
}

# What a screen reader says for a control whose words are a symbol, or are not enough alone.
STRINGS.update({
    "staff_corner": {"en": "Staff only: press and hold", "es": "Solo para el personal: mantén pulsado"},
    "text_size_normal": {"en": "Text size: normal", "es": "Tamaño de letra: normal"},
    "text_size_large": {"en": "Text size: large", "es": "Tamaño de letra: grande"},
    "text_size_largest": {"en": "Text size: largest", "es": "Tamaño de letra: el más grande"},
    "shift_name": {"en": "Capital letters", "es": "Mayúsculas"},
    "lower_name": {"en": "Small letters", "es": "Minúsculas"},
    "numbers_name": {"en": "Numbers and punctuation", "es": "Números y signos"},
    "pad_delete": {"en": "Delete the last number", "es": "Borrar el último número"},
    "change_named": {"en": "Change: {question}", "es": "Cambiar: {question}"},
    "story_named": {"en": "Watch the story: {title}", "es": "Ver la historia: {title}"},
    "video_named": {"en": "Video: {title}", "es": "Video: {title}"},
})

# The on-screen keyboard's keys that are not letters or numbers, by name.
SYMBOL_NAMES: dict[str, tuple[str, str]] = {
    ",": ("comma", "coma"), ".": ("full stop", "punto"), "'": ("apostrophe", "apóstrofo"),
    "-": ("dash", "guion"), "?": ("question mark", "cierre de interrogación"),
    "¿": ("opening question mark", "apertura de interrogación"),
    "!": ("exclamation mark", "cierre de exclamación"),
    "¡": ("opening exclamation mark", "apertura de exclamación"),
    "/": ("slash", "barra"), ":": ("colon", "dos puntos"), ";": ("semicolon", "punto y coma"),
    "(": ("open bracket", "abre paréntesis"), ")": ("close bracket", "cierra paréntesis"),
    "$": ("dollar", "dólar"), "&": ("and sign", "signo y"), "@": ("at sign", "arroba"),
    '"': ("quotation mark", "comillas"), "%": ("percent", "por ciento"), "+": ("plus", "más"),
    "=": ("equals", "igual"), "#": ("number sign", "almohadilla"), "*": ("star", "asterisco"),
    "_": ("underscore", "guion bajo"), "<": ("less than", "menor que"),
    ">": ("greater than", "mayor que"), "[": ("open square bracket", "abre corchete"),
    "]": ("close square bracket", "cierra corchete"), "~": ("tilde", "tilde"),
    "€": ("euro", "euro"), "£": ("pound", "libra"),
}


def symbol_name(ch: str, language: str) -> str:
    """A keyboard key's name for a screen reader: the symbol's name, or the key itself."""
    names = SYMBOL_NAMES.get(ch)
    if names is None:
        return ch
    return names[1] if language == "es" else names[0]


def t(key: str, language: str, **values: object) -> str:
    """The kiosk string ``key`` in ``language`` (English if missing), with ``{name}`` filled."""
    texts = STRINGS[key]
    text = texts.get(language) or texts["en"]
    return text.format(**values) if values else text


def month_names(language: str) -> list[str]:
    return t("months", language).split(",")


def keys() -> list[str]:
    return list(STRINGS)


# The prescriber's desk ("Today's reports") and the calmer Today board.
STRINGS.update({
    "station_role_peer": {"en": "peer worker", "es": "persona de apoyo"},
    "station_role_admin": {"en": "admin", "es": "administración"},
    "station_role_prescriber": {"en": "prescriber", "es": "profesional que receta"},
    "station_tab_reports": {"en": "Today's reports", "es": "Informes de hoy"},
    "station_close_tab": {"en": "Close this tab", "es": "Cerrar esta pestaña"},
    "station_day": {"en": "{day} {month}", "es": "{day} de {month}"},
    "station_weekdays_short": {"en": "Mon,Tue,Wed,Thu,Fri,Sat,Sun", "es": "lun,mar,mié,jue,vie,sáb,dom"},
    "station_months_short": {
        "en": "Jan,Feb,Mar,Apr,May,Jun,Jul,Aug,Sep,Oct,Nov,Dec",
        "es": "ene,feb,mar,abr,may,jun,jul,ago,sep,oct,nov,dic",
    },
    "station_state_in_progress": {"en": "in progress", "es": "en curso"},
    "station_state_incomplete": {"en": "incomplete", "es": "incompleta"},
    "station_state_complete": {"en": "finished", "es": "terminada"},
    "station_state_printed": {"en": "printed", "es": "impresa"},
    "station_state_reviewed": {"en": "reviewed", "es": "revisada"},
    "station_count_report_one": {"en": "{n} report", "es": "{n} informe"},
    "station_count_report_many": {"en": "{n} reports", "es": "{n} informes"},
    "station_reports_updated": {
        "en": "{day} · {reports} · updated {time}",
        "es": "{day} · {reports} · actualizado a las {time}",
    },
    "station_board_updated_n": {
        "en": "{day} · {visits} · updated {time}",
        "es": "{day} · {visits} · actualizado a las {time}",
    },
    "station_col_finished": {"en": "Finished", "es": "Terminó"},
    "station_col_alerts": {"en": "Alerts", "es": "Alertas"},
    "station_col_decision": {"en": "Decision", "es": "Decisión"},
    "station_alert_safety": {"en": "⚠ {n} safety", "es": "⚠ {n} de seguridad"},
    "station_concern_one": {"en": "▲ {n} concern", "es": "▲ {n} preocupación"},
    "station_concern_many": {"en": "▲ {n} concerns", "es": "▲ {n} preocupaciones"},
    "station_no_alerts": {"en": "none", "es": "ninguna"},
    "station_decision_recorded": {"en": "recorded", "es": "registrada"},
    "station_decision_to_record": {"en": "to record", "es": "por registrar"},
    "station_open_report": {"en": "Open report", "es": "Abrir informe"},
    "station_no_reports_today": {
        "en": "No reports yet today. A visit appears here as soon as the person finishes at the kiosk.",
        "es": "Todavía no hay informes hoy. Una visita aparece aquí en cuanto la persona termina en la pantalla.",
    },
    "station_tab_report": {"en": "Report: {who}", "es": "Informe: {who}"},
    "station_report_heading": {
        "en": "{who}{number} — finished {time}",
        "es": "{who}{number} — terminó a las {time}",
    },
    "station_opening_report": {"en": "Opening the report…", "es": "Abriendo el informe…"},
    "station_marks_heading": {
        "en": "Tick each one as you check the note. It is:",
        "es": "Marca cada una al revisar la nota. Está:",
    },
    "station_mark_own-voice": {
        "en": "in the person's own voice (“I will…”)",
        "es": "en palabras de la persona (“Voy a…”)",
    },
    "station_mark_specific": {"en": "specific to them", "es": "pensada para la persona"},
    "station_mark_plain-language": {"en": "in plain language", "es": "en palabras sencillas"},
    "station_mark_will-do": {"en": "something they will do", "es": "algo que va a hacer"},
    "station_save_decision": {"en": "Save the decision", "es": "Guardar la decisión"},
    "station_save_pdf": {"en": "Save as PDF…", "es": "Guardar como PDF…"},
    "station_save_pdf_title": {"en": "Save the report as PDF", "es": "Guardar el informe como PDF"},
    "station_pdf_kinds": {"en": "PDF files (*.pdf)", "es": "Archivos PDF (*.pdf)"},
    "station_saving_pdf": {"en": "Saving the PDF…", "es": "Guardando el PDF…"},
    "station_saved_pdf": {
        "en": "Saved to {path}. Only this computer account can open the file.",
        "es": "Guardado en {path}. Solo esta cuenta del equipo puede abrir el archivo.",
    },
    "station_could_not_save_pdf": {
        "en": "The PDF was not saved: {reason}.",
        "es": "No se guardó el PDF: {reason}.",
    },
    "station_finished_at": {"en": "finished at {time}", "es": "terminó a las {time}"},
    "station_finished_no_time": {"en": "finished", "es": "terminada"},
    "station_stopped_at": {
        "en": "stopped at {time}, in {section}",
        "es": "se detuvo a las {time}, en {section}",
    },
})
