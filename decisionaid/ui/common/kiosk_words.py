"""Every word the kiosk says, in English and Spanish: its screens, the story player
(``player_*``) and the stories library (``stories_*``).

Written for a reading age of about 11 to 12: short sentences, everyday words, "you" and "your".
The Spanish is written as a Spanish speaker would say it (tú, warm and plain), not word for
word. Questionnaire texts come from the content files, not from here.
"""

from __future__ import annotations

KIOSK_WORDS: dict[str, dict[str, str]] = {
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
    "held": {
        "en": "Signing in with these details is locked, to keep your answers safe. "
        "Please ask a peer worker. They will check it is you and unlock it.",
        "es": "La entrada con estos datos está bloqueada, para proteger tus respuestas. "
        "Pide ayuda a una persona de apoyo. Verá que eres tú y la desbloqueará.",
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
    "why_choose": {"en": "Choose an answer, or tap Skip.", "es": "Elige una respuesta o toca Saltar."},
    "why_choose_many": {"en": "Choose at least one, or tap Skip.", "es": "Elige al menos una o toca Saltar."},
    "why_type": {"en": "Type an answer, or tap Skip.", "es": "Escribe una respuesta o toca Saltar."},
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
        "es": "Quédate aquí. Va a venir a donde estás. Puedes seguir mientras esperas.",
    },
    "talk_coming_body": {
        "en": "Stay where you are. Someone will be with you very soon. You are not alone.",
        "es": "Quédate aquí. Alguien va a estar contigo muy pronto. No estás solo ni sola.",
    },
    "help_wave_title": {"en": "Please wave to a peer worker", "es": "Por favor, haz una seña a una persona de apoyo"},
    "help_wave_body": {
        "en": "The kiosk could not reach them. Wave to a peer worker, or go to the front desk. "
        "The kiosk keeps trying, and will tell you when the message has got through.",
        "es": "La pantalla no pudo avisarles. Haz una seña a una persona de apoyo o ve a la recepción. "
        "La pantalla lo sigue intentando y te va a avisar cuando el mensaje llegue.",
    },
    "help_asked_title": {"en": "A peer worker has been asked", "es": "Ya le avisamos a una persona de apoyo"},
    "resting_title": {"en": "This kiosk is resting", "es": "Esta pantalla está descansando"},
    "resting_body": {
        "en": "Please see the front desk. It will be back by itself soon.",
        "es": "Por favor, ve a la recepción. En un rato vuelve a funcionar sola.",
    },
    "help_not_sent": {
        "en": "The message did not reach the peer workers. Please wave to one or go to the front desk.",
        "es": "El aviso no llegó a las personas de apoyo. Haz una seña a una o ve a la recepción.",
    },
    "help_ok": {"en": "OK", "es": "De acuerdo"},
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
    "watch": {"en": "Watch the video", "es": "Ver el video"},
    "watch_story": {"en": "Watch this story", "es": "Ver esta historia"},
    "stories_for_you": {"en": "Stories you might like", "es": "Historias que te pueden interesar"},
    "stories_body": {
        "en": "Short videos of people who have been through something similar. Watch one if you like.",
        "es": "Videos cortos de personas que han pasado por algo parecido. Mira uno si quieres.",
    },
    "no_thanks": {"en": "No thanks, go on", "es": "No, gracias. Seguir"},
    "stories_button": {"en": "Stories from peers", "es": "Historias de compañeros"},
    # The same, in the top bar, where every word takes room from the other buttons.
    "stories_bar": {"en": "Peer stories", "es": "Historias"},
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
    "skipped": {"en": "(skipped)", "es": "Sin respuesta"},
    "part_skipped": {"en": "You skipped this part.", "es": "Saltaste esta parte."},
    "make_page": {"en": "Make my page", "es": "Hacer mi página"},
    "back_to_review": {"en": "Save and go back to my answers", "es": "Guardar y volver a mis respuestas"},
    # --- print -----------------------------------------------------------------------------------
    "page_title": {"en": "Your page for today's visit", "es": "Tu página para la consulta de hoy"},
    "progress_named": {"en": "How far you are: part {n} of {m}", "es": "Cuánto llevas: parte {n} de {m}"},
    "page_preview": {"en": "A picture of your page", "es": "Imagen de tu página"},
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
    "player_quieter": {"en": "Quieter", "es": "Bajar volumen"},
    "player_louder": {"en": "Louder", "es": "Subir volumen"},
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
    "language_button": {"en": "Language", "es": "Idioma"},
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
    # --- who has looked at my answers (after signing in) ---------------------------------------
    "who_looked_open": {"en": "Who has looked at my answers", "es": "Quién ha visto mis respuestas"},
    "who_looked_title": {"en": "Who has looked at my answers", "es": "Quién ha visto mis respuestas"},
    "who_looked_intro": {
        "en": "Here is everyone at the clinic who has looked at your answers or your visits, "
        "and when. The newest is at the top.",
        "es": "Aquí ves a cada persona de la clínica que ha visto tus respuestas o tus visitas, "
        "y cuándo. Lo más reciente está arriba.",
    },
    "who_looked_none": {
        "en": "No one at the clinic has looked at your answers yet.",
        "es": "Nadie de la clínica ha visto tus respuestas todavía.",
    },
    "who_looked_ask": {
        "en": "Questions about this? A peer worker is glad to talk with you.",
        "es": "¿Tienes preguntas sobre esto? Una persona de apoyo hablará contigo con gusto.",
    },
    "who_looked_trouble": {
        "en": "We could not show this right now. Please ask a peer worker.",
        "es": "No pudimos mostrar esto ahora. Pide ayuda a una persona de apoyo, por favor.",
    },
    "who_looked_line": {"en": "{when}: {who} {what}.", "es": "{when}: {who} {what}."},
    "who_looked_when": {"en": "{day} {month} {year}, {time}", "es": "{day} de {month} de {year}, {time}"},
    "who_person": {"en": "{name} ({role})", "es": "{name} ({role})"},
    "who_role_peer": {"en": "peer worker", "es": "persona de apoyo"},
    "who_role_admin": {"en": "clinic manager", "es": "persona encargada de la clínica"},
    "who_role_prescriber": {"en": "prescriber", "es": "profesional que receta"},
    "who_role_other": {"en": "clinic staff", "es": "personal de la clínica"},
    "who_command_line": {
        "en": "A clinic manager, on the clinic's computer,",
        "es": "Una persona encargada de la clínica, en la computadora de la clínica,",
    },
    "who_did_view": {"en": "opened one of your visits", "es": "abrió una de tus visitas"},
    "who_did_print": {"en": "printed your report", "es": "imprimió tu informe"},
    "who_did_export": {"en": "copied your answers to a file", "es": "copió tus respuestas a un archivo"},
    "who_did_export-person": {"en": "copied your answers to a file", "es": "copió tus respuestas a un archivo"},
    "who_did_purge": {"en": "deleted old visits", "es": "borró visitas antiguas"},
    "who_did_purge-person": {"en": "deleted your old visits", "es": "borró tus visitas antiguas"},
    "who_did_force-finish": {"en": "ended a visit", "es": "terminó una visita"},
    "who_did_close-day": {"en": "closed the day's visits", "es": "cerró las visitas del día"},
    "who_did_review": {
        "en": "wrote down the choice you made together",
        "es": "anotó la decisión que tomaron juntos",
    },
    "who_did_flag-acknowledged": {
        "en": "checked in with you about an answer",
        "es": "habló contigo sobre una de tus respuestas",
    },
    "who_did_pin-reset": {"en": "reset your PIN", "es": "cambió tu PIN para que elijas otro"},
    "who_did_pin-chosen": {"en": "was there while you chose a new PIN", "es": "te acompañó mientras elegías un PIN nuevo"},
    "who_did_peer-sign-in": {"en": "helped you sign in", "es": "te ayudó a entrar"},
    "who_did_help-handled": {"en": "came to help you", "es": "vino a ayudarte"},
    "who_did_board-view": {"en": "saw your visit on today's list", "es": "vio tu visita en la lista de hoy"},
    "who_did_search-view": {"en": "saw your name in a search", "es": "vio tu nombre al buscar"},
    "who_did_person-view": {"en": "opened your page", "es": "abrió tu página"},
    "who_did_report-view": {"en": "looked at your report", "es": "miró tu informe"},
    "who_did_report-saved": {"en": "saved your report as a file", "es": "guardó tu informe en un archivo"},
    "who_did_reports-view": {"en": "saw your visit in today's reports", "es": "vio tu visita en los informes de hoy"},
    "who_did_visits-view": {"en": "looked at your list of visits", "es": "miró tu lista de visitas"},
    "who_did_trends-view": {"en": "looked at how your answers changed", "es": "miró cómo cambiaron tus respuestas"},
    "who_did_own-words-view": {"en": "read your own words", "es": "leyó tus propias palabras"},
    "who_did_who-looked-view": {"en": "looked at this list", "es": "miró esta lista"},
    "who_did_safety-view": {"en": "saw an answer about your safety", "es": "vio una respuesta sobre tu seguridad"},
    "who_did_help-view": {"en": "saw that you asked for help", "es": "vio que pediste ayuda"},
    "who_did_profile-unlocked": {"en": "unlocked your sign-in", "es": "desbloqueó tu entrada"},
    "who_did_profiles-merged": {"en": "joined two of your profiles into one", "es": "unió dos de tus perfiles en uno"},
    "who_did_profile-created": {"en": "made your profile", "es": "creó tu perfil"},
    "who_did_other": {"en": "looked at your information", "es": "vio tu información"},
}

# The live preview (decisionaid preview) is the content author's, not the kiosk user's: its own
# words are in the site staff's language, English until staff languages come.
PREVIEW_WORDS: dict[str, str] = {
    "title": "Preview: {name}",
    "messages": "What decisionaid check says",
    "passes": "This file passes the check.",
    "warning": "warning",
    "intro": "Intro: {title}",
    "hidden": "hidden by show_if with these answers",
    "broken": "This file does not pass the check, so the kiosk would not start with it:\n\n"
              "{message}\n\nMend it and save: the screen comes back.",
    "other_file": "{root}: another file in this content folder does not pass the check; run "
                  "'decisionaid check {root}' and mend it to see this one",
    "nothing": "{path}: no questionnaire or story was found in this file",
}
