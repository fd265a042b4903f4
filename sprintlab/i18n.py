"""Every participant-facing sentence, in plain Dutch (B1) and English."""

from sprintlab.languages import DEFAULT_LANGUAGE, LANGUAGES

STRINGS = {
    "skip": ("Naar de inhoud", "Skip to content"),
    "stop": ("Stoppen", "Stop"),
    "other_language": ("English", "Nederlands"),
    "minutes": (
        "Dit duurt ongeveer {minutes} minuten.",
        "This takes about {minutes} minutes.",
    ),
    "begin": ("Begin", "Start"),
    "fictional_note": (
        "De berichten zijn niet echt. Ze zijn gemaakt voor dit onderzoek. De namen "
        "en adressen zijn verzonnen.",
        "The messages are not real. They were made for this research. The names and "
        "addresses are made up.",
    ),
    "consent_title": ("Meedoen aan dit onderzoek", "Taking part in this research"),
    "consent_yes": ("Ik doe mee", "I want to take part"),
    "consent_no": ("Ik doe niet mee", "I do not want to take part"),
    "consent_legend": ("Wilt u meedoen?", "Do you want to take part?"),
    "consent_who_title": ("Wie doet dit onderzoek?", "Who is doing this research?"),
    "consent_who": (
        "{name} doet dit onderzoek. Zij zijn verantwoordelijk voor uw gegevens.",
        "{name} is doing this research. They are responsible for your data.",
    ),
    "consent_why_title": ("Waarom dit onderzoek?", "Why this research?"),
    "consent_why": (
        # Neutral on purpose: naming what is measured (help, meddling) before
        # the message primes the answers.
        "Wij testen berichten voordat iemand ze echt krijgt. Wij willen weten wat "
        "mensen van deze berichten vinden. Wij gebruiken uw antwoorden alleen voor "
        "dit onderzoek.",
        "We test messages before anyone really gets them. We want to know what "
        "people think of these messages. We only use your answers for this "
        "research.",
    ),
    "consent_stored_title": ("Wat bewaren wij?", "What do we keep?"),
    "stored_answers": ("uw antwoorden op de vragen", "your answers to the questions"),
    "stored_message": (
        "welk bericht u zag, wanneer, en hoe lang",
        "which message you saw, when, and for how long",
    ),
    "stored_messages": (
        "welke berichten u zag, in welke volgorde, wanneer, en hoe lang",
        "which messages you saw, in which order, when, and for how long",
    ),
    "stored_opened": ("of u het bericht opende", "whether you opened the message"),
    "stored_language": ("de taal die u kiest", "the language you choose"),
    "stored_code": (
        "een code die de computer willekeurig kiest",
        "a code that the computer picks at random",
    ),
    "stored_not": (
        "Wij bewaren niet wie u bent. Dus niet uw naam, adres, telefoonnummer of "
        "e-mailadres.",
        "We do not keep who you are: not your name, address, phone number or e-mail "
        "address.",
    ),
    "consent_how_long_title": (
        "Hoe lang bewaren wij uw antwoorden?",
        "How long do we keep your answers?",
    ),
    "consent_rights_title": ("Uw rechten", "Your rights"),
    "right_voluntary": ("Meedoen is vrijwillig.", "Taking part is voluntary."),
    "right_stop": (
        "U kunt altijd stoppen. Dat heeft geen gevolgen voor u.",
        "You can stop at any time. This has no consequences for you.",
    ),
    "right_withdraw": (
        "Aan het eind krijgt u een code. Met die code kunt u uw antwoorden laten "
        "wissen.",
        "At the end you get a code. With that code you can have your answers deleted.",
    ),
    "right_ask": (
        "U mag ons vragen welke gegevens wij van u hebben.",
        "You may ask us which data we have about you.",
    ),
    "consent_contact_title": ("Vragen of een klacht?", "Questions or a complaint?"),
    "consent_questions": (
        "Heeft u een vraag over dit onderzoek? Neem dan contact op met {name}.",
        "Do you have a question about this research? Then get in touch with {name}.",
    ),
    "contact_email": ("E-mailadres", "E-mail address"),
    "contact_phone": ("Telefoon", "Phone"),
    "consent_complaint": (
        "Niet tevreden over wat wij met uw gegevens doen? Dan kunt u klagen bij de "
        "Autoriteit Persoonsgegevens. Kijk op autoriteitpersoonsgegevens.nl.",
        "Not happy with what we do with your data? Then you can complain to the "
        "Dutch Data Protection Authority (Autoriteit Persoonsgegevens). See "
        "autoriteitpersoonsgegevens.nl.",
    ),
    "declined_title": ("Bedankt voor uw tijd", "Thank you for your time"),
    "declined_body": (
        "U doet niet mee. Wij hebben niets van u bewaard. U kunt dit venster sluiten.",
        "You are not taking part. We have not kept anything from you. You can close "
        "this window.",
    ),
    "step": ("Stap {number} van {total}", "Step {number} of {total}"),
    "message_title": ("Bericht {number}", "Message {number}"),
    "message_intro": (
        "Bekijk het bericht rustig. Daarna stellen wij u een paar vragen.",
        "Take your time to look at the message. Then we will ask you a few questions.",
    ),
    "to_questions": ("Naar de vragen", "To the questions"),
    "screen_title": ("Vraag {number} van {total}", "Question {number} of {total}"),
    "back": ("Terug", "Back"),
    "save_answers": ("Antwoorden opslaan", "Save my answers"),
    "see_message_again": ("Bekijk het bericht nog eens", "Look at the message again"),
    "or": ("of", "or"),
    "stage_letter": (
        "Er zit een brief voor u in de brievenbus.",
        "There is a letter for you in the letterbox.",
    ),
    "stage_sms": (
        "Uw telefoon trilt. U krijgt een sms.",
        "Your phone buzzes. A text message.",
    ),
    "stage_email": ("U heeft een nieuwe e-mail.", "You have a new e-mail."),
    "stage_open_letter": ("Open de envelop", "Open the envelope"),
    "stage_open_sms": ("Open het bericht", "Open the message"),
    "stage_open_email": ("Open de e-mail", "Open the e-mail"),
    "questions_title": (
        "Wat vindt u van dit bericht?",
        "What do you think of this message?",
    ),
    "dont_know": ("Weet ik niet", "Don't know"),
    "prefer_not": ("Dat zeg ik liever niet", "I'd rather not say"),
    "yes": ("Ja", "Yes"),
    "no": ("Nee", "No"),
    "optional": ("(niet verplicht)", "(optional)"),
    "next": ("Volgende", "Next"),
    "send": ("Versturen", "Send"),
    "errors_title": ("Er ontbreekt nog iets", "Something is missing"),
    "error_required": (
        "Kies een antwoord bij deze vraag.",
        "Please choose an answer to this question.",
    ),
    "error_too_long": (
        "Uw antwoord is te lang. Gebruik maximaal 2000 tekens.",
        "Your answer is too long. Please use at most 2000 characters.",
    ),
    "data_use_hint": (
        "Kies bij elk gegeven ja, nee of weet ik niet.",
        "For each piece of information, choose yes, no or don't know.",
    ),
    "error_data_use": (
        "Kies bij elk gegeven een antwoord.",
        "Please choose an answer for each piece of information.",
    ),
    "rank_hint": (
        "Zet een 1 bij wat u het liefst heeft. Zet een 2 bij wat daarna komt. Ga"
        " zo door tot {count}. Gebruik elk nummer één keer.",
        "Put a 1 next to what you like best. Put a 2 next to what comes next. Go"
        " on like this up to {count}. Use each number once.",
    ),
    "rank_no_place": ("Kies een plaats", "Choose a place"),
    "error_rank_incomplete": (
        "Geef elke mogelijkheid een eigen plaats.",
        "Please give every option a place of its own.",
    ),
    "error_rank_twice": (
        "U gaf een nummer vaker dan één keer. Gebruik elk nummer één keer.",
        "You used a number more than once. Please use each number once.",
    ),
    "already_saved": (
        "Uw antwoorden op deze pagina waren al bewaard. Wij hebben ze niet dubbel "
        "opgeslagen.",
        "Your answers on this page were already saved. We did not save them twice.",
    ),
    "segments_title": ("Nog een paar vragen over u", "A few questions about you"),
    "segments_intro": (
        "Deze vragen helpen ons te zien welk bericht voor wie werkt. U mag een vraag "
        "overslaan.",
        "These questions help us see which message works for whom. You may skip a "
        "question.",
    ),
    "thanks_title": ("Bedankt voor het meedoen!", "Thank you for taking part!"),
    "thanks_saved": ("Uw antwoorden zijn bewaard.", "Your answers have been saved."),
    "withdraw_code_intro": (
        "Wilt u later toch dat wij uw antwoorden wissen? Bewaar dan deze code:",
        "Do you want us to delete your answers later? Then keep this code:",
    ),
    "withdraw_link": ("Mijn antwoorden wissen", "Delete my answers"),
    "help_title": ("Zelf hulp nodig bij geldzaken?", "Need help with money yourself?"),
    "help_body": (
        "Praat erover met iemand die niet oordeelt. Kijk op geldfit.nl of bel gratis "
        "0800-8115. U kunt ook naar het sociaal wijkteam van uw gemeente.",
        "Talk to someone who does not judge. Visit geldfit.nl (in Dutch) or call free "
        "on 0800-8115. You can also go to the social neighbourhood team of your "
        "municipality.",
    ),
    "next_participant": ("Volgende deelnemer", "Next participant"),
    "stop_title": ("Wilt u stoppen?", "Do you want to stop?"),
    "stop_body": (
        "Dat mag altijd. De antwoorden die u al gaf, blijven bewaard. Wilt u dat we ze "
        "wissen? Dat kan ook.",
        "You can always stop. The answers you already gave stay saved. Do you want us "
        "to delete them? That is possible too.",
    ),
    "stop_keep": ("Stoppen, antwoorden bewaren", "Stop and keep my answers"),
    "stop_delete": ("Stoppen en mijn antwoorden wissen", "Stop and delete my answers"),
    "stop_continue": ("Toch verder gaan", "Continue after all"),
    "stopped_title": ("U bent gestopt", "You have stopped"),
    "stopped_kept": (
        "Uw antwoorden tot nu toe zijn bewaard. Bedankt voor uw hulp.",
        "Your answers so far have been saved. Thank you for your help.",
    ),
    "withdraw_title": ("Antwoorden wissen", "Delete your answers"),
    "withdraw_intro": (
        "Vul de code in die u aan het einde kreeg. Wij wissen dan al uw antwoorden.",
        "Enter the code you got at the end. We will then delete all your answers.",
    ),
    "withdraw_label": ("Uw code", "Your code"),
    "withdraw_hint": (
        "Bijvoorbeeld: ABCD-2345-EFGH-6789",
        "For example: ABCD-2345-EFGH-6789",
    ),
    "withdraw_submit": ("Wis mijn antwoorden", "Delete my answers"),
    "withdraw_done": (
        "Uw antwoorden zijn gewist. Wij gebruiken ze niet in het onderzoek.",
        "Your answers have been deleted. We will not use them in the research.",
    ),
    "withdraw_unknown": (
        "Wij kennen deze code niet. Controleer de code en probeer het opnieuw.",
        "We do not know this code. Please check it and try again.",
    ),
    "error_title": ("Dat lukte niet", "That did not work"),
    "error_400": (
        "Wij konden deze gegevens niet gebruiken. Er is niets bewaard of veranderd.",
        "We could not use this information. Nothing was saved or changed.",
    ),
    "error_403": (
        "Wij herkennen deze sessie niet. Misschien is de link oud. Er is niets "
        "bewaard of veranderd.",
        "We do not recognise this session. Perhaps the link is old. Nothing was "
        "saved or changed.",
    ),
    "error_404": ("Deze pagina bestaat niet.", "This page does not exist."),
    "error_host": (
        "Dit adres kennen wij niet. Gebruik de link die u kreeg. Er is niets "
        "bewaard of veranderd.",
        "We do not know this address. Use the link you were given. Nothing was "
        "saved or changed.",
    ),
    "error_410": (
        "Deze sessie is verlopen of gestopt. Er is niets bewaard of veranderd.",
        "This session has expired or was stopped. Nothing was saved or changed.",
    ),
    "error_413": (
        "U stuurde te veel tekst in één keer. Er is niets bewaard.",
        "You sent too much text at once. Nothing was saved.",
    ),
    "error_405": ("Dat kan op deze pagina niet.", "That is not possible on this page."),
    "error_429": (
        "Te veel pogingen. Wacht een paar minuten en probeer het opnieuw.",
        "Too many attempts. Wait a few minutes and try again.",
    ),
    "error_500": (
        "Er ging iets mis aan onze kant. Probeer het later opnieuw.",
        "Something went wrong on our side. Please try again later.",
    ),
    "error_409": (
        "Uw antwoorden op deze pagina waren al bewaard. Wij hebben niets dubbel "
        "opgeslagen of veranderd.",
        "Your answers on this page were already saved. Nothing was saved twice or "
        "changed.",
    ),
    "continue": ("Verder", "Continue"),
    "error_503": (
        "Dit onderzoek is even niet beschikbaar. Probeer het later opnieuw. Er is "
        "niets bewaard.",
        "This research is not available right now. Please try again later. Nothing "
        "was saved.",
    ),
    "start_again": ("Naar het begin", "Back to the start"),
    "busy_title": ("Het is nu even te druk", "It is too busy right now"),
    "busy_body": (
        "Er is niets bewaard of veranderd. Wacht {seconds} seconden. Probeer het "
        "dan opnieuw.",
        "Nothing was saved or changed. Wait {seconds} seconds, then try again.",
    ),
    "try_again": ("Opnieuw proberen", "Try again"),
    "broken_title": ("Dit bericht werkt nu niet", "This message does not work now"),
    "broken_body": (
        "Er ging iets mis met dit bericht. Daarom staat het onderzoek even stil. "
        "Uw antwoorden tot nu toe zijn bewaard. Probeer het later nog eens.",
        "Something went wrong with this message, so the study is paused for now. "
        "Your answers so far have been saved. Please try again later.",
    ),
    "paused_title": ("Dit onderzoek staat even stil", "This study is paused"),
    "paused_body": (
        "U kunt nu niet meedoen. Probeer het later nog eens. Er is niets van u "
        "bewaard.",
        "You cannot take part right now. Please try again later. Nothing about you "
        "was saved.",
    ),
    "closed_title": ("Dit onderzoek is afgelopen", "This study has ended"),
    "closed_body": (
        "U kunt niet meer meedoen. Bedankt voor uw interesse. Er is niets van u "
        "bewaard.",
        "You can no longer take part. Thank you for your interest. Nothing about you "
        "was saved.",
    ),
}


def translate(key, language, **values):
    """The sentence KEY in LANGUAGE, with VALUES filled in."""
    text = STRINGS[key][
        LANGUAGES.index(language if language in LANGUAGES else DEFAULT_LANGUAGE)
    ]
    return text.format(**values) if values else text


def translator(language):
    """A function that translates keys into LANGUAGE, for templates."""
    return lambda key, **values: translate(key, language, **values)
