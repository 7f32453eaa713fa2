"""Every word the peer station and the prescriber's desk say, in English and Spanish
(keys ``station_*``). Staff read these, so they may be a little more technical than the
kiosk's words, but stay plain and person-first.
"""

from __future__ import annotations

STATION_WORDS: dict[str, dict[str, str]] = {
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
    "station_signed_out_account": {
        "en": "Signed out: an admin has disabled this account or changed its role.",
        "es": "Se cerró la sesión: un administrador desactivó esta cuenta o cambió su rol.",
    },
    "station_tab_today": {"en": "Today", "es": "Hoy"},
    "station_tab_find": {"en": "Find a person", "es": "Buscar a una persona"},
    "station_tab_statistics": {"en": "Statistics", "es": "Estadísticas"},
    "station_tab_admin": {"en": "Admin", "es": "Administración"},
    "station_tab_visit": {"en": "Visit {visit_id}", "es": "Visita {visit_id}"},
    "station_tab_person": {"en": "Person", "es": "Persona"},
    # Sent to the health record (ui/station/health_record.py).
    "station_tab_health_record": {"en": "Sent to the health record", "es": "Enviado al expediente clínico"},
    "station_hr_counts": {
        "en": "{pending} waiting · {failed} not sent yet · {sent} sent",
        "es": "{pending} en espera · {failed} sin enviar todavía · {sent} enviados",
    },
    "station_hr_none": {
        "en": "Nothing has been sent to the health record yet.",
        "es": "Todavía no se ha enviado nada al expediente clínico.",
    },
    "station_hr_col_when": {"en": "Made", "es": "Hecho"},
    "station_hr_col_who": {"en": "Person", "es": "Persona"},
    "station_hr_col_visit": {"en": "Visit", "es": "Visita"},
    "station_hr_col_what": {"en": "What", "es": "Qué"},
    "station_hr_col_where": {"en": "Where", "es": "Adónde"},
    "station_hr_col_state": {"en": "State", "es": "Estado"},
    "station_hr_event_printed": {"en": "Printed page", "es": "Página impresa"},
    "station_hr_event_saved": {"en": "Page saved as PDF", "es": "Página guardada como PDF"},
    "station_hr_event_reviewed": {"en": "Page with the decision", "es": "Página con la decisión"},
    "station_hr_dest_folder": {"en": "Import folder", "es": "Carpeta de importación"},
    "station_hr_dest_fhir": {"en": "FHIR server", "es": "Servidor FHIR"},
    "station_hr_state_pending": {"en": "Waiting to be sent", "es": "En espera de envío"},
    "station_hr_state_sent": {"en": "Sent {when}", "es": "Enviado {when}"},
    "station_hr_state_failed": {
        "en": "Not sent yet ({tries} tries), trying again {when}: {error}",
        "es": "Sin enviar todavía ({tries} intentos), se intentará otra vez {when}: {error}",
    },
    "station_hr_state_stopped": {
        "en": "Not sent: {error}. When it is fixed, press Send again.",
        "es": "No se envió: {error}. Cuando esté corregido, pulsa Enviar de nuevo.",
    },
    "station_hr_send_again": {"en": "Send again", "es": "Enviar de nuevo"},
    "station_hr_refresh": {"en": "Refresh", "es": "Actualizar"},
    "station_hr_pick": {
        "en": "Choose a line that was not sent yet, then press Send again.",
        "es": "Elige una línea que todavía no se envió y pulsa Enviar de nuevo.",
    },
    "station_hr_sending": {"en": "Sending…", "es": "Enviando…"},
    "station_hr_sent_now": {"en": "Sent.", "es": "Enviado."},
    "station_hr_not_sent": {"en": "Not sent: {reason}", "es": "No se envió: {reason}"},
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
    # --- machine checks ('decisionaid doctor', run by itself): shown until fixed -------------
    "station_machines_heading": {
        "en": "A machine needs attention: tell whoever looks after the computers",
        "es": "Un equipo necesita atención: avisa a quien se ocupa de las computadoras",
    },
    "station_machine_failing": {
        "en": "{machine} (checked at {time}): {problem}",
        "es": "{machine} (revisado a las {time}): {problem}",
    },
    "station_machine_not_checked": {
        "en": "{machine} has not been checked since {when}: is it switched on, and is its "
              "check running ('systemctl status decisionaid-doctor.timer')?",
        "es": "{machine} no se revisa desde {when}: ¿está encendido y funciona su revisión "
              "('systemctl status decisionaid-doctor.timer')?",
    },
    "station_machine_fix": {"en": "What to do: {fix}", "es": "Qué hacer: {fix}"},
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
    "station_unlock_sign_in": {"en": "Unlock sign-in", "es": "Desbloquear la entrada"},
    "station_unlock_confirm": {
        "en": "Unlock {name}'s sign-in? Do this only with them here in person: the wrong PINs "
        "may have been someone else's guesses. If they did not make them, reset the PIN too.",
        "es": "¿Desbloquear la entrada de {name}? Hazlo solo con la persona aquí presente: los "
        "PIN incorrectos pueden ser intentos de otra persona. Si no fueron suyos, restablece "
        "también el PIN.",
    },
    "station_unlocked": {
        "en": "Sign-in unlocked. They can sign in at the kiosk with their PIN.",
        "es": "Entrada desbloqueada. Puede entrar en la pantalla con su PIN.",
    },
    "station_sign_in_held": {
        "en": "Sign-in locked after too many wrong PINs. Unlock it only with them here in person.",
        "es": "Entrada bloqueada tras demasiados PIN incorrectos. Desbloquéala solo con la "
        "persona aquí presente.",
    },
    "station_sign_in_paused": {
        "en": "Sign-in paused after wrong PINs, until {time}.",
        "es": "Entrada en pausa tras PIN incorrectos, hasta las {time}.",
    },
    "station_possible_duplicate": {
        "en": "Possibly the same person: another profile named {name} with this date of birth, "
        "made {made}, {visits} visit(s).",
        "es": "Posiblemente la misma persona: otro perfil llamado {name} con esta fecha de "
        "nacimiento, creado el {made}, {visits} visita(s).",
    },
    "station_join_profile": {"en": "Join into this profile", "es": "Unir a este perfil"},
    "station_join_confirm": {
        "en": "Join the other profile into {name}'s? Do this only when they have told you both "
        "are theirs. Its visits move here and it is deleted; this profile's PIN stays.",
        "es": "¿Unir el otro perfil al de {name}? Hazlo solo si la persona te dijo que ambos son "
        "suyos. Sus visitas pasan aquí y se borra; el PIN de este perfil se mantiene.",
    },
    "station_joined": {
        "en": "Profiles joined. Their visits are all on this page now.",
        "es": "Perfiles unidos. Todas sus visitas están ahora en esta página.",
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
    # A safety question left unanswered: its own kind of item, apart from the red flags.
    "station_please_ask": {"en": "? Please ask — not answered", "es": "? Pregúntale — sin respuesta"},
    "station_please_ask_n": {"en": "? {n} please ask", "es": "? {n} por preguntar"},
    "station_please_ask_title_one": {
        "en": "? Please ask — not answered: 1 person skipped a safety question",
        "es": "? Pregúntale — sin respuesta: 1 persona no respondió una pregunta de seguridad",
    },
    "station_please_ask_title_many": {
        "en": "? Please ask — not answered: {n} safety questions skipped",
        "es": "? Pregúntale — sin respuesta: {n} preguntas de seguridad sin responder",
    },
    "station_please_ask_line": {
        "en": "{time}  {who} (visit {visit_id}) did not answer: {question}",
        "es": "{time}  {who} (visita {visit_id}) no respondió: {question}",
    },
    "station_checked_in": {"en": "Checked in", "es": "Ya pregunté"},
    "station_check_in_note_hint": {
        "en": "What did you find out? (required)",
        "es": "¿Qué te dijo? (obligatorio)",
    },
    "station_check_in_saved": {
        "en": "Check-in recorded. Thank you for asking.",
        "es": "Se guardó. Gracias por preguntar.",
    },
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
    # --- today's appointments (the clinic's schedule) ----------------------------------------
    "station_appointments_heading": {"en": "Appointments today", "es": "Citas de hoy"},
    "station_no_appointments": {
        "en": "No appointments imported for today.",
        "es": "No se importó ninguna cita para hoy.",
    },
    "station_col_time": {"en": "Time", "es": "Hora"},
    "station_col_appointment": {"en": "Appointment", "es": "Cita"},
    "station_col_dob": {"en": "Date of birth", "es": "Fecha de nacimiento"},
    "station_col_record": {"en": "Record no.", "es": "N.º de expediente"},
    "station_col_prescriber": {"en": "Prescriber", "es": "Quien receta"},
    "station_col_visit_type": {"en": "Visit type", "es": "Tipo de cita"},
    "station_appt_expected": {"en": "Expected", "es": "Se le espera"},
    "station_appt_arrived": {"en": "Arrived", "es": "Ya llegó"},
    "station_appt_at_kiosk": {"en": "At the kiosk (visit {visit_id})", "es": "En el quiosco (visita {visit_id})"},
    "station_appt_report_ready": {"en": "Report ready (visit {visit_id})", "es": "Informe listo (visita {visit_id})"},
    "station_appt_seen": {"en": "Seen (visit {visit_id})", "es": "Ya tuvo su consulta (visita {visit_id})"},
    "station_mark_arrived": {"en": "Mark arrived", "es": "Marcar que llegó"},
    "station_link_visit": {"en": "Link to visit {visit_id}", "es": "Vincular con la visita {visit_id}"},
    "station_link_pick": {
        "en": "Choose a visit in the list below to link",
        "es": "Elige una visita en la lista de abajo para vincularla",
    },
    "station_linked": {
        "en": "Visit {visit_id} is linked to {name}'s appointment at {time}.",
        "es": "La visita {visit_id} quedó vinculada a la cita de {name} a las {time}.",
    },
    "station_marked_arrived": {"en": "{name} is marked as arrived.", "es": "Se marcó la llegada de {name}."},
    "station_schedule_imported": {
        "en": "Schedule {file}: {added} added, {updated} updated, {bad} rows not imported.",
        "es": "Agenda {file}: {added} citas nuevas, {updated} actualizadas, {bad} filas sin importar.",
    },

    # --- each staff account's own language ----------------------------------------------------
    "station_col_language": {"en": "Language", "es": "Idioma"},
    "station_site_language": {
        "en": "The site's first language ({first})",
        "es": "El primer idioma de la clínica ({first})",
    },
    "station_my_language": {"en": "My language", "es": "Mi idioma"},
    "station_set_language_selected": {
        "en": "Give the selected account this language",
        "es": "Poner este idioma a la cuenta elegida",
    },
    "station_language_set": {
        "en": "{name} will see the station in {chosen} from their next sign-in.",
        "es": "{name} verá el puesto en {chosen} desde su próximo inicio de sesión.",
    },
    "station_language_not_changed": {
        "en": "The language was not changed: {reason}.",
        "es": "No se cambió el idioma: {reason}.",
    },
}
