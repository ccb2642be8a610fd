"""What a content editor reads: every message of `check` and the preview, in plain words.

Apart from the code that finds the problems (content.py, checker.py, interface.py, contacts.py,
languages.py, lint.py, walk.py), so the wording can be reviewed and translated in one place. Each key has
Dutch and English; a set in another language gets Dutch.
No message repeats the words of PyYAML or pydantic: those are for programmers.
"""

from __future__ import annotations

from typing import Any

MESSAGES: dict[str, dict[str, str]] = {
    "missing": {"nl": "Dit veld ontbreekt.", "en": "This field is missing."},
    "extra_forbidden": {
        "nl": "Dit veld bestaat niet. Is het een tikfout?",
        "en": "This field does not exist. Is it a typo?",
    },
    "extra_forbidden_close": {
        "nl": "Dit veld bestaat niet. Bedoel je '{name}'?",
        "en": "This field does not exist. Did you mean '{name}'?",
    },
    "text": {
        "nl": "Hier hoort tekst, of tekst per taal, zoals {{nl: Hoi, en: Hi}}.",
        "en": "This should be text, or text per language, like {{nl: Hoi, en: Hi}}.",
    },
    "string_type": {"nl": "Hier hoort tekst.", "en": "This should be text."},
    "int_type": {"nl": "Hier hoort een heel getal.", "en": "This should be a whole number."},
    "bool_type": {"nl": "Hier hoort true of false.", "en": "This should be true or false."},
    "list_type": {
        "nl": "Hier hoort een lijst: regels die met '- ' beginnen.",
        "en": "This should be a list: lines that start with '- '.",
    },
    "dict_type": {
        "nl": "Hier hoort een blok met velden (naam: waarde).",
        "en": "This should be a block of fields (name: value).",
    },
    "id_pattern": {
        "nl": "Gebruik alleen kleine letters, cijfers, - en _, zonder spaties.",
        "en": "Use only lower-case letters, digits, - and _, without spaces.",
    },
    "version_pattern": {
        "nl": "Schrijf de versie als getal, zoals 1 of 1.2.",
        "en": "Write the version as a number, like 1 or 1.2.",
    },
    "language_pattern": {
        "nl": "Gebruik een taalcode zoals nl, en, tr of ar.",
        "en": "Use a language code like nl, en, tr or ar.",
    },
    "pattern": {"nl": "Deze waarde heeft niet de goede vorm.", "en": "This value has the wrong form."},
    "icon_form": {
        "nl": "Eén emoji, zoals ⚽: hoogstens {most} tekens.",
        "en": "One emoji, like ⚽: at most {most} characters.",
    },
    "string_too_short": {"nl": "Dit mag niet leeg zijn.", "en": "This must not be empty."},
    "string_too_long": {
        "nl": "Te lang: hoogstens {max_length} tekens.",
        "en": "Too long: at most {max_length} characters.",
    },
    "too_short": {
        "nl": "Te weinig: minstens {min_length}.",
        "en": "Too few: at least {min_length}.",
    },
    "too_long": {"nl": "Te veel: hoogstens {max_length}.", "en": "Too many: at most {max_length}."},
    "greater_than_equal": {"nl": "Moet minstens {ge} zijn.", "en": "Must be at least {ge}."},
    "less_than_equal": {"nl": "Mag hoogstens {le} zijn.", "en": "Must be at most {le}."},
    "choose": {"nl": "Kies uit: {expected}.", "en": "Choose from: {expected}."},
    "unknown_type": {
        "nl": "Onbekend vraagtype '{tag}'. Kies uit: {expected}.",
        "en": "Unknown question type '{tag}'. Choose from: {expected}.",
    },
    "no_type": {
        "nl": "Elke vraag heeft een 'type' nodig. Kies uit: {expected}.",
        "en": "Every question needs a 'type'. Choose from: {expected}.",
    },
    "invalid": {"nl": "Deze waarde klopt niet: {detail}", "en": "This value is not valid: {detail}"},
    "invalid_plain": {"nl": "Deze waarde klopt hier niet.", "en": "This value does not fit here."},
    "number_type": {"nl": "Hier hoort een getal.", "en": "This should be a number."},
    "duplicate_id": {
        "nl": "De id '{id}' komt al eerder voor. Elke id moet anders zijn.",
        "en": "The id '{id}' is used before. Every id must be different.",
    },
    "duplicate_set": {
        "nl": "Er is al een vragenset met id '{id}'. Geef deze set een andere id.",
        "en": "Another question set already has id '{id}'. Give this set another id.",
    },
    "undeclared_language": {
        "nl": "De taal '{code}' staat niet bij 'languages'. Voeg hem toe of haal deze tekst weg.",
        "en": "The language '{code}' is not in 'languages'. Add it or remove this text.",
    },
    "unknown_source": {
        "nl": "'{id}' is geen eerdere vraag van het type people of places.",
        "en": "'{id}' is not an earlier question of type people or places.",
    },
    "plan_without_sources": {
        "nl": "Dit plan kan nergens naar verwijzen: zet eerst een vraag van het type people "
        "of places.",
        "en": "This plan can refer to nothing: put a people or places question before it.",
    },
    "need_shows_nowhere": {
        "nl": "need: true zet de antwoorden bij 'Wat ik nog nodig heb', maar deze vraag zet niets op "
        "de kaart. Geef de vraag een level, of haal need weg.",
        "en": "need: true puts the answers under 'What I still need', but this question puts nothing "
        "on the map. Give the question a level, or remove need.",
    },
    "too_many_sources": {
        "nl": "Met alle vragen samen kan een kaart {most} bronnen krijgen; hoogstens {limit} passen "
        "op één kaart. Haal vragen weg of maak er twee sets van.",
        "en": "All questions together can put {most} sources on one map; at most {limit} fit. "
        "Remove questions or split the set in two.",
    },
    "too_much_to_keep": {
        "nl": "Met alle vragen samen kan een gesprek {kb} kB worden; hoogstens {limit} kB kan een "
        "student bewaren en weer openen. Haal vragen weg of maak er twee sets van.",
        "en": "All questions together can make a conversation of {kb} kB; a student can keep and "
        "open at most {limit} kB. Remove questions or split the set in two.",
    },
    "empty": {"nl": "Het bestand is leeg.", "en": "The file is empty."},
    "unreadable": {
        "nl": "Het bestand kan niet gelezen worden.",
        "en": "The file cannot be read.",
    },
    "not_utf8": {
        "nl": "Het bestand is geen tekst (UTF-8). Sla het op als UTF-8.",
        "en": "The file is not text (UTF-8). Save it as UTF-8.",
    },
    "not_yaml": {
        "nl": "Dit is geen geldige YAML. Kijk op deze regel naar inspringen, dubbele punten en "
        "aanhalingstekens.",
        "en": "This is not valid YAML. Check the indentation, colons and quotes on this line.",
    },
    "yaml_tab": {
        "nl": "Gebruik spaties om in te springen, geen tab.",
        "en": "Use spaces to indent, not a tab.",
    },
    "yaml_tab_inline": {"nl": "Gebruik hier een spatie, geen tab.", "en": "Use a space here, not a tab."},
    "yaml_colon_text": {
        "nl": "Deze tekst heeft een dubbele punt. Zet de hele tekst tussen aanhalingstekens.",
        "en": "This text has a colon. Put the whole text between quotes.",
    },
    "yaml_colon_text_example": {
        "nl": 'Deze tekst heeft een dubbele punt. Zet de hele tekst tussen aanhalingstekens: "{text}".',
        "en": 'This text has a colon. Put the whole text between quotes: "{text}".',
    },
    "yaml_indent": {
        "nl": "Deze regel springt niet goed in, of er mist een dubbele punt na de veldnaam.",
        "en": "This line is not indented right, or a colon is missing after the field name.",
    },
    "yaml_quote": {
        "nl": "Dit aanhalingsteken wordt niet gesloten. Zet hetzelfde teken ook aan het eind van de tekst.",
        "en": "This quote is not closed. Put the same quote at the end of the text too.",
    },
    "yaml_after_quote": {
        "nl": "Na het aanhalingsteken staat nog tekst. Zet de aanhalingstekens om de hele tekst.",
        "en": "There is more text after the quote. Put the quotes around the whole text.",
    },
    "yaml_flow_text": {
        "nl": "Een tekst tussen {{ }} met een komma, dubbele punt of vraagteken moet tussen "
        "aanhalingstekens.",
        "en": "A text inside {{ }} with a comma, colon or question mark must be between quotes.",
    },
    "comma_in_text": {
        "nl": "Hier staat een komma in een tekst zonder aanhalingstekens. Zet de hele tekst tussen "
        "aanhalingstekens.",
        "en": "This text has a comma but no quotes. Put the whole text between quotes.",
    },
    "comma_in_text_example": {
        "nl": "Hier staat een komma in een tekst zonder aanhalingstekens. Zet de hele tekst tussen "
        'aanhalingstekens: "{text}".',
        "en": 'This text has a comma but no quotes. Put the whole text between quotes: "{text}".',
    },
    "top_is_list": {
        "nl": "Het bestand is een lijst; een vragenset begint met velden zoals 'id:' en 'title:'.",
        "en": "The file is a list; a question set starts with fields like 'id:' and 'title:'.",
    },
    "top_is_scalar": {
        "nl": "Het bestand bevat alleen een losse waarde; een vragenset begint met 'id:'.",
        "en": "The file holds a single value; a question set starts with 'id:'.",
    },
    "too_big": {
        "nl": "Het bestand is te groot (meer dan {max_kb} kB).",
        "en": "The file is too big (more than {max_kb} kB).",
    },
    "too_deep": {
        "nl": "Het bestand is te diep genest.",
        "en": "The file is nested too deeply.",
    },
    "too_many": {"nl": "Het bestand heeft te veel onderdelen.", "en": "The file has too many parts."},
    "anchor": {
        "nl": "Ankers (&) en verwijzingen (*) zijn niet toegestaan. Schrijf de tekst uit.",
        "en": "Anchors (&) and aliases (*) are not allowed. Write the text out.",
    },
    "duplicate_key": {
        "nl": "Dit veld staat er twee keer.",
        "en": "This field appears twice.",
    },
    "tag": {
        "nl": "Labels met ! (zoals {tag}) zijn niet toegestaan. Schrijf gewone tekst.",
        "en": "Tags with ! (like {tag}) are not allowed. Write plain text.",
    },
    "bad_key": {
        "nl": "Een veldnaam moet een gewoon woord zijn, zoals 'title'.",
        "en": "A field name must be a plain word, like 'title'.",
    },
    "bad_value": {
        "nl": "Deze waarde kan niet gelezen worden. Schrijf een gewoon getal of gewone tekst.",
        "en": "This value cannot be read. Write a plain number or plain text.",
    },
    "not_finite": {
        "nl": "Hier hoort een gewoon getal, zoals 10. .nan en .inf zijn geen getallen.",
        "en": "This should be a plain number, like 10. .nan and .inf are not numbers.",
    },
    "unshowable": {
        "nl": "Hier staat een onzichtbaar stuurteken ({char}) dat geen scherm kan tonen. Haal het weg.",
        "en": "There is an invisible control character ({char}) here that no screen can show. "
        "Remove it.",
    },
    "surrogate": {
        "nl": "Hier staat een half teken ({char}), bijvoorbeeld de helft van een emoji. Haal het weg "
        "of zet het hele teken erin.",
        "en": "There is half a character ({char}) here, for example half an emoji. Remove it or put "
        "in the whole character.",
    },
    "merge_key": {
        "nl": "'<<:' neemt velden over uit een ander blok; dat kan hier niet. Schrijf de velden zelf uit.",
        "en": "'<<:' copies fields from another block; that is not allowed here. Write the fields out.",
    },
    "explicit_key": {
        "nl": "Een veld met '?' ervoor kan hier niet. Schrijf het als 'naam: waarde'.",
        "en": "A field with '?' in front is not allowed here. Write it as 'name: value'.",
    },
    "key_too_long": {
        "nl": "Deze veldnaam is te lang: hoogstens {max} tekens voor de dubbele punt. Is dit een tekst? "
        "Zet hem dan achter een veldnaam, tussen aanhalingstekens.",
        "en": "This field name is too long: at most {max} characters before the colon. Is it a text? "
        "Then put it after a field name, between quotes.",
    },
    "yaml_flow_list": {
        "nl": "Deze lijst tussen [ ] is niet goed gesloten. Zet een komma tussen de onderdelen, een ] aan "
        "het eind, en tekst met een dubbele punt tussen aanhalingstekens.",
        "en": "This list between [ ] is not closed right. Put a comma between the items, a ] at the end, "
        "and a text with a colon between quotes.",
    },
    "yaml_flow_map": {
        "nl": "Dit blok tussen {{ }} is niet goed gesloten. Zet een komma tussen de velden en een }} aan "
        "het eind.",
        "en": "This block between {{ }} is not closed right. Put a comma between the fields and a }} at "
        "the end.",
    },
    "yaml_indicator": {
        "nl": "Een tekst mag niet beginnen met {char}. Zet de hele tekst tussen aanhalingstekens.",
        "en": "A text cannot start with {char}. Put the whole text between quotes.",
    },
    "yaml_escape": {
        "nl": "Na een \\ tussen dubbele aanhalingstekens hoort n, t, \" of \\. Gebruik enkele "
        "aanhalingstekens, of schrijf \\\\ voor één \\.",
        "en": "After a \\ between double quotes comes n, t, \" or \\. Use single quotes, or write "
        "\\\\ for one \\.",
    },
    "yaml_two_documents": {
        "nl": "Hier begint een tweede deel (na '---'). Een bestand is één vragenset: haal '---' weg of "
        "maak een tweede bestand.",
        "en": "A second part starts here (after '---'). A file holds one question set: remove '---' or "
        "make a second file.",
    },
    "too_many_problems": {
        "nl": "En nog {count} problemen in dit bestand. Los eerst de problemen hierboven op en kijk dan "
        "opnieuw.",
        "en": "And {count} more problems in this file. Fix the problems above first, then check again.",
    },
    # --- check across files: ids two sets share, paths that are not there, the summary ---------
    "duplicate_set_files": {
        "nl": "De id '{id}' heeft ook de set in {others}. Geef elke set een eigen id.",
        "en": "The id '{id}' is also the id of the set in {others}. Give every set its own id.",
    },
    "template_id": {
        "nl": "Deze set heeft nog de id van het sjabloon {others}. Geef je set een eigen id.",
        "en": "This set still has the id of the template {others}. Give your set its own id.",
    },
    "missing_path": {
        "nl": "Deze map of dit bestand bestaat niet.",
        "en": "This folder or file does not exist.",
    },
    "summary": {"nl": "{errors}, {warnings} in {files}", "en": "{errors}, {warnings} in {files}"},
    "summary_notes": {"nl": "{errors}, {warnings}, {notes} in {files}",
                      "en": "{errors}, {warnings}, {notes} in {files}"},
    "notes_one": {"nl": "{count} opmerking (let op)", "en": "{count} note"},
    "notes_many": {"nl": "{count} opmerkingen (let op)", "en": "{count} notes"},
    "errors_one": {"nl": "{count} fout", "en": "{count} error"},
    "errors_many": {"nl": "{count} fouten", "en": "{count} errors"},
    "warnings_one": {"nl": "{count} waarschuwing", "en": "{count} warning"},
    "warnings_many": {"nl": "{count} waarschuwingen", "en": "{count} warnings"},
    "files_one": {"nl": "{count} bestand", "en": "{count} file"},
    "files_many": {"nl": "{count} bestanden", "en": "{count} files"},
    "walk_summary": {
        "nl": "Elk scherm geprobeerd: {screens} in {walks} (set × taal × wie invult), {seconds} s",
        "en": "Every screen tried: {screens} in {walks} (set × language × who fills in), {seconds} s",
    },
    "walk_scope": {
        "nl": "(alleen de sets die dit bestand raakt: {sets}; 'make check' probeert alles)",
        "en": "(only the sets this file touches: {sets}; 'make check' tries everything)",
    },
    "schema_rewritten": {
        "nl": "het schema voor editors opnieuw geschreven, voor deze versie",
        "en": "the schema for editors written anew, for this version",
    },
    "screens_one": {"nl": "{count} scherm", "en": "{count} screen"},
    "screens_many": {"nl": "{count} schermen", "en": "{count} screens"},
    "walks_one": {"nl": "{count} ronde", "en": "{count} round"},
    "walks_many": {"nl": "{count} rondes", "en": "{count} rounds"},
    # --- interface words (content/interface/<lang>.yaml) -----------------------------------------
    "words_file_missing": {
        "nl": "De woorden voor taal '{lang}' ontbreken: maak dit bestand, als kopie van {reference}, "
        "en vertaal elke tekst.",
        "en": "The words for language '{lang}' are missing: make this file as a copy of {reference}, "
        "and translate every text.",
    },
    "words_not_fields": {
        "nl": "Een bestand met woorden begint met velden, zoals 'button:'.",
        "en": "A file of words starts with fields, like 'button:'.",
    },
    "words_missing_together": {
        "nl": "Hier ontbreken {count} woorden: {names}. Zet ze erbij, vertaald.",
        "en": "{count} words are missing here: {names}. Add them, translated.",
    },
    "untranslated_one": {
        "nl": "{count} tekst staat hier precies zoals in {reference}, de eerste bij {first}. Vertaal ze.",
        "en": "{count} text is exactly as in {reference}, the first at {first}. Translate them.",
    },
    "untranslated_many": {
        "nl": "{count} teksten staan hier precies zoals in {reference}, de eerste bij {first}. Vertaal ze.",
        "en": "{count} texts are exactly as in {reference}, the first at {first}. Translate them.",
    },
    "placeholder_form": {
        "nl": "schrijf een plekje als {{naam}}, en een losse accolade als {{{{ of }}}}",
        "en": "write a placeholder as {{name}}, and a single brace as {{{{ or }}}}",
    },
    "placeholder_form_names": {
        "nl": "schrijf een plekje als {{naam}}, en een losse accolade als {{{{ of }}}}; hier horen {shown}",
        "en": "write a placeholder as {{name}}, and a single brace as {{{{ or }}}}; here belong {shown}",
    },
    "placeholder_unknown": {
        "nl": "het plekje {wrong} bestaat hier niet; gebruik alleen {shown}, net als in {reference}",
        "en": "the placeholder {wrong} does not exist here; use only {shown}, as in {reference}",
    },
    "placeholder_none": {
        "nl": "het plekje {wrong} bestaat hier niet; hier horen geen plekjes",
        "en": "the placeholder {wrong} does not exist here; no placeholders belong here",
    },
    "placeholder_missing": {
        "nl": "het plekje {lost} ontbreekt; {reference} heeft hier {shown}",
        "en": "the placeholder {lost} is missing; {reference} has {shown} here",
    },
    "and": {"nl": "{first} en {last}", "en": "{first} and {last}"},
    "word_unfit": {
        "nl": "het woord {key} ({lang}) past niet: {error}",
        "en": "the word {key} ({lang}) does not fit: {error}",
    },
    "word_unknown": {
        "nl": "het woord {key} staat niet in de woorden van de app ({lang})",
        "en": "the word {key} is not in the app's words ({lang})",
    },
    "words_unfit_logged": {
        "nl": "{count} woorden passen niet (de eerste: {first}): een woord dat de app niet kent, of "
        "met andere plekjes tussen {{ }} dan de app invult",
        "en": "{count} words do not fit (the first: {first}): a word the app does not know, or with "
        "other placeholders between {{ }} than the app fills in",
    },
    "words_fallback_logged": {
        "nl": "Woorden van de app in {file}: {reason}. De app toont daar haar eigen woorden; "
        "'veerkracht check' zegt precies wat er mis is.",
        "en": "App words in {file}: {reason}. The app shows its own words there; 'veerkracht check' "
        "says exactly what is wrong.",
    },
    # --- content formats (veerkracht/formats.py) --------------------------------------------------
    "format_unknown": {
        "nl": "Onbekend formaat '{written}': deze versie van de app leest formaat {known}. Is dit "
        "bestand voor een nieuwere versie geschreven?",
        "en": "Unknown format '{written}': this version of the app reads format {known}. Was this file "
        "written for a newer version?",
    },
    "format_renamed": {
        "nl": "Dit woord heet nu '{new}'. De app leest het zo; 'veerkracht upgrade' past de naam aan.",
        "en": "This word is now called '{new}'. The app reads it so; 'veerkracht upgrade' renames it.",
    },
    "format_replaced": {
        "nl": "De app gebruikt dit woord niet meer; '{new}' staat ervoor in de plaats. 'veerkracht "
        "upgrade' haalt het weg en zet '{new}' erin.",
        "en": "The app no longer uses this word; '{new}' took its place. 'veerkracht upgrade' removes "
        "it and puts in '{new}'.",
    },
    "format_removed": {
        "nl": "De app gebruikt dit woord niet meer. Je mag het weghalen; 'veerkracht upgrade' doet "
        "het voor je.",
        "en": "The app no longer uses this word. You may remove it; 'veerkracht upgrade' does it for you.",
    },
    "format_added_one": {
        "nl": "{count} woord is nieuw in deze versie en staat hier nog niet: {names}. De app toont "
        "daar haar eigen woord ('{lang}'); 'veerkracht upgrade' zet het erin om na te kijken.",
        "en": "{count} word is new in this version and not here yet: {names}. The app shows its own "
        "word ('{lang}'); 'veerkracht upgrade' puts it in for you to review.",
    },
    "format_added_many": {
        "nl": "{count} woorden zijn nieuw in deze versie en staan hier nog niet: {names}. De app toont "
        "daar haar eigen woorden ('{lang}'); 'veerkracht upgrade' zet ze erin om na te kijken.",
        "en": "{count} words are new in this version and not here yet: {names}. The app shows its own "
        "words ('{lang}'); 'veerkracht upgrade' puts them in for you to review.",
    },
    "schema_line_nowhere": {
        "nl": "De schema-regel wijst naar {target}, maar dat bestand is er niet. Een editor controleert "
        "dit bestand dan niet. Schrijf: {expected}",
        "en": "The schema line points to {target}, but that file is not there. An editor then does not "
        "check this file. Write: {expected}",
    },
    "duplicate_title": {
        "nl": "De set in {others} heeft dezelfde titel ('{title}'). Een student ziet dan twee keer "
        "hetzelfde; geef elke set een eigen titel.",
        "en": "The set in {others} has the same title ('{title}'). A student would see the same twice; "
        "give every set its own title.",
    },
    # --- help contacts (content/help.yaml) --------------------------------------------------------
    "help_missing": {
        "nl": "Dit bestand ontbreekt. Zonder dit bestand toont 'Hulp nodig?' alleen 112.",
        "en": "This file is missing. Without it, 'Hulp nodig?' shows only 112.",
    },
    "markup_image": {
        "nl": "een plaatje ({found}) mag hier niet: de browser van elke student zou het van een andere "
        "server halen; zet een emoji bij 'icon'",
        "en": "a picture ({found}) is not allowed here: every student's browser would fetch it from "
        "another server; put an emoji under 'icon'",
    },
    "markup_html": {
        "nl": "HTML ({found}) mag hier niet; schrijf gewone tekst (**vet** en *schuin* mogen wel)",
        "en": "HTML ({found}) is not allowed here; write plain text (**bold** and *italics* are fine)",
    },
    "markup_link": {
        "nl": "een link ({found}) mag hier niet; een link hoort alleen bij 'website' of 'email' van "
        "een hulpcontact in help.yaml",
        "en": "a link ({found}) is not allowed here; links belong only in 'website' or 'email' of a "
        "help contact in help.yaml",
    },
    "markup_address": {
        "nl": "een web- of e-mailadres ({found}) mag hier niet; het hoort bij 'website' of 'email' "
        "van een hulpcontact in help.yaml",
        "en": "a web or e-mail address ({found}) is not allowed here; it belongs in 'website' or "
        "'email' of a help contact in help.yaml",
    },
    "markup_in_language": {
        "nl": "in de tekst voor '{lang}': {problem}", "en": "in the text for '{lang}': {problem}",
    },
    "website_chars": {
        "nl": "een website heeft alleen letters, cijfers en - . _ ~ / % ? = & # + (geen spaties, haakjes, "
        "! of [ ]), zoals https://www.113.nl",
        "en": "a website has only letters, digits and - . _ ~ / % ? = & # + (no spaces, brackets, ! or "
        "[ ]), like https://www.113.nl",
    },
    "email_form": {
        "nl": "schrijf een e-mailadres zoals zorg@school.nl",
        "en": "write an e-mail address like zorg@school.nl",
    },
    "checked_form": {
        "nl": "schrijf de datum van de controle als jaar-maand-dag, zoals 2026-12-07",
        "en": "write the date of the check as year-month-day, like 2026-12-07",
    },
    "VK301": {
        "nl": "'{name}' is nagekeken op {when}, {months} maanden geleden. Kijk op de website van de "
        "dienst of bel of het nummer, de tijden en de leeftijden nog kloppen, en zet de datum van "
        "vandaag bij 'checked'.",
        "en": "'{name}' was checked on {when}, {months} months ago. Check the service's website or call "
        "whether the number, hours and ages are still right, and put today's date under 'checked'.",
    },
    "VK301_never": {
        "nl": "Bij '{name}' staat niet wanneer het is nagekeken. Kijk of het nummer, de tijden en de "
        "leeftijden kloppen en zet de datum erbij, zoals checked: 2026-12-07.",
        "en": "'{name}' does not say when it was checked. Check the number, hours and ages and add the "
        "date, like checked: 2026-12-07.",
    },
    "VK301_future": {
        "nl": "Bij '{name}' staat {when} bij 'checked': dat is nog niet geweest. Zet de datum van de "
        "controle erbij.",
        "en": "'{name}' has {when} under 'checked', which has not come yet. Put the date of the check.",
    },
    "VK302": {
        "nl": "Bij '{name}' staat niet waar het is nagekeken. Zet de website van de dienst (of bij wie "
        "op school) bij 'source'.",
        "en": "'{name}' does not say where it was checked. Put the service's website (or who at school) "
        "under 'source'.",
    },
    "VK303": {
        "nl": "'{name}' is niet te bereiken: er staat geen telefoonnummer, lokaal ('room'), tijden "
        "('when'), website of e-mailadres bij. Zet er minstens één bij, zodat een student weet waar "
        "hij of zij heen kan.",
        "en": "'{name}' cannot be reached: it has no phone number, room, hours ('when'), website or "
        "e-mail address. Add at least one, so a student knows where to go.",
    },
    "VK304": {
        "nl": "{phone} lijkt geen nummer dat je kunt bellen: een gewoon nummer heeft 10 cijfers "
        "(010-1234567), een 0800- of 0900-nummer 8 tot 11. Kijk het na op de website van de dienst.",
        "en": "{phone} does not look like a number you can call: a normal number has 10 digits "
        "(010-1234567), a 0800 or 0900 number 8 to 11. Check it on the service's website.",
    },
    "VK305": {
        "nl": "'{name}' is een voorbeeld, geen echt contact. Zet hier de naam, het lokaal, de tijden en "
        "het nummer van jullie eigen school, en haal 'example: true' weg.",
        "en": "'{name}' is an example, not a real contact. Put the name, room, hours and number of your "
        "own school here, and remove 'example: true'.",
    },
    "VK306": {
        "nl": "Dit bestand heeft nog geen 'crisis'. Zet 112 en 113 Zelfmoordpreventie onder 'crisis': "
        "dan staan ze bovenaan, groot om op te tikken. Tot dan toont de app alleen 112 groot.",
        "en": "This file has no 'crisis' yet. Put 112 and 113 Zelfmoordpreventie under 'crisis', so they "
        "stand first, large to tap. Until then the app shows only 112 large.",
    },
    "phone_form": {
        "nl": "schrijf een telefoonnummer met cijfers, zoals 0800-0113",
        "en": "write a phone number in digits, like 0800-0113",
    },
    "website_form": {
        "nl": "schrijf een website die begint met https://, zoals https://www.113.nl",
        "en": "write a website that starts with https://, like https://www.113.nl",
    },
    # --- translations still in draft (veerkracht/review.py) ---------------------------------------
    "review_draft": {
        "nl": "De vertaling in {langs} is een concept (nagekeken door: {by}, {date}). Laat iemand die "
        "de taal als moedertaal spreekt alles nakijken voordat studenten het zien. Daarna: state: reviewed.",
        "en": "The translation into {langs} is a draft (checked by: {by}, {date}). Have a native speaker "
        "read everything before students see it. Then: state: reviewed.",
    },
    "review_date": {
        "nl": "schrijf de datum als jaar-maand-dag, zoals 2026-12-07",
        "en": "write the date as year-month-day, like 2026-12-07",
    },
    # --- languages a set cannot offer ------------------------------------------------------------
    "not_offered": {
        "nl": "Taal '{lang}' wordt niet aangeboden, want {reasons}.",
        "en": "Language '{lang}' is not offered, because {reasons}.",
    },
    "not_offered_words_broken": {
        "nl": "de woorden van de app in {file} hebben fouten",
        "en": "the app's words in {file} have mistakes",
    },
    "not_offered_words_missing": {
        "nl": "de woorden van de app in {file} ontbreken",
        "en": "the app's words in {file} are missing",
    },
    "not_offered_set_texts_one": {
        "nl": "{count} tekst in deze set heeft geen '{lang}' (eerste: {first})",
        "en": "{count} text in this set has no '{lang}' (first: {first})",
    },
    "not_offered_set_texts_many": {
        "nl": "{count} teksten in deze set hebben geen '{lang}' (eerste: {first})",
        "en": "{count} texts in this set have no '{lang}' (first: {first})",
    },
    "not_offered_help_texts_one": {
        "nl": "{count} tekst in {file} heeft geen '{lang}'",
        "en": "{count} text in {file} has no '{lang}'",
    },
    "not_offered_help_texts_many": {
        "nl": "{count} teksten in {file} hebben geen '{lang}'",
        "en": "{count} texts in {file} have no '{lang}'",
    },
    "help_lacks_language_one": {
        "nl": "{count} tekst heeft geen '{lang}', de eerste hier. Zonder die teksten wordt '{lang}' "
        "niet aangeboden.",
        "en": "{count} text has no '{lang}', the first here. Without those texts '{lang}' is not offered.",
    },
    "help_lacks_language_many": {
        "nl": "{count} teksten hebben geen '{lang}', de eerste hier. Zonder die teksten wordt '{lang}' "
        "niet aangeboden.",
        "en": "{count} texts have no '{lang}', the first here. Without those texts '{lang}' is not offered.",
    },
    # --- the render walk: every screen tried ---------------------------------------------------
    "walk_screen_failed": {
        "nl": "Dit scherm geeft een fout: {screen}, in taal {ways}. De student ziet dan een foutmelding. "
        "(Fout: {detail})",
        "en": "This screen fails: {screen}, in language {ways}. The student then sees an error. "
        "(Error: {detail})",
    },
    "walk_way": {"nl": "'{lang}' {mode}", "en": "'{lang}' {mode}"},
    "walk_mode_coach": {"nl": "samen met de coach", "en": "together with the coach"},
    "walk_mode_self": {"nl": "zelf ingevuld", "en": "filled in alone"},
    "walk_start_screen": {"nl": "het startscherm", "en": "the start screen"},
    "walk_end_screen": {"nl": "het eindscherm", "en": "the end screen"},
    "walk_step": {"nl": "stap {number} ({id})", "en": "step {number} ({id})"},
    "walk_back": {"nl": "{screen}, na een stap terug", "en": "{screen}, after a step back"},
    "walk_jump": {
        "nl": "{screen}, gekozen in het overzicht van de stappen",
        "en": "{screen}, chosen from the list of steps",
    },
    "walk_compare": {
        "nl": "het eindscherm, met het bewaarde gesprek ernaast om te vergelijken",
        "en": "the end screen, with the saved conversation beside it to compare",
    },
    "walk_new": {
        "nl": "het startscherm, na 'Nieuw gesprek'",
        "en": "the start screen, after 'Nieuw gesprek' (new conversation)",
    },
    "walk_continue": {
        "nl": "{screen}, verder met het bewaarde gesprek",
        "en": "{screen}, carrying on from the saved conversation",
    },
    "walk_session_unread": {
        "nl": "het gesprek dat de app bewaart, kan de app zelf niet teruglezen: {detail}",
        "en": "the app cannot read back the conversation it saves itself: {detail}",
    },
    "walk_failed": {
        "nl": "Het proberen van elk scherm lukte niet. (Fout: {detail})",
        "en": "Trying every screen did not work. (Error: {detail})",
    },
    # --- content rules (lint.py), by rule id; the rules themselves are lint.RULES --------------
    "VK101": {
        "nl": "Deze vraag heeft {count} woorden. Maak hem korter: hoogstens {max} woorden.",
        "en": "This question has {count} words. Make it shorter: at most {max} words.",
    },
    "VK102": {
        "nl": "Deze vraag heeft {count} zinnen. Houd één zin over; zet uitleg bij 'help'.",
        "en": "This question has {count} sentences. Keep one sentence; put explanation in 'help'.",
    },
    "VK103": {
        "nl": "Deze tekst is moeilijk te lezen (Flesch-Douma {score}, doel {target} of hoger). "
        "Gebruik kortere, gewone woorden.",
        "en": "This Dutch text is hard to read (Flesch-Douma {score}, target {target} or more). "
        "Use shorter, everyday words.",
    },
    "VK104": {
        "nl": "'{found}' gaat over de verre toekomst. Vraag naar morgen of deze week, zoals "
        "'Wat wil je morgen bereiken?' of 'Welke kleine stap zet je deze week?'",
        "en": "'{found}' is about the far future. Ask about tomorrow or this week, like "
        "'What do you want to achieve tomorrow?' or 'Which small step will you take this week?'",
    },
    "VK105": {
        "nl": "'{found}' begint bij wat niet goed gaat. Begin bij sterke kanten, zoals "
        "'Waar ben je goed in?' of 'Wat helpt jou?'",
        "en": "'{found}' starts from what goes wrong. Start from strengths, like "
        "'What are you good at?' or 'What helps you?'",
    },
    "VK106": {
        "nl": "Deze keuze heeft geen plaatje. Voeg een emoji toe bij 'icon', zoals ⚽ of 🏠.",
        "en": "This option has no picture. Add an emoji under 'icon', like ⚽ or 🏠.",
    },
    "VK107": {
        "nl": "De vertaling ontbreekt voor: {missing}. Schrijf de tekst per taal, zoals "
        "{{nl: Hoi, en: Hi}}.",
        "en": "The translation is missing for: {missing}. Write the text per language, like "
        "{{nl: Hoi, en: Hi}}.",
    },
    "VK108": {
        "nl": "Deze intro stelt een vraag. De vraag staat al op het scherm; zet de toon met een "
        "gewone zin, zoals 'We beginnen bij wat jij goed kunt.'",
        "en": "This intro asks a question. The screen already asks one; set the scene with a plain "
        "sentence, like 'We start with what you are good at.'",
    },
    "VK109": {
        "nl": "Het plaatje {icon} staat ook bij '{other}' ({where}). Geef elke betekenis een eigen "
        "emoji, zodat een student de keuzes op de kaart uit elkaar houdt.",
        "en": "The picture {icon} is also used for '{other}' ({where}). Give each meaning its own "
        "emoji, so a student can tell the choices apart on the map.",
    },
    "VK110": {
        "nl": "Hier staat {stated} minuten, maar deze set duurt ongeveer {estimate} minuten "
        "({screens} schermen, {questions} vragen, {options} keuzes). Zet 'minutes' op {estimate}, "
        "of maak de set korter.",
        "en": "This says {stated} minutes, but this set takes about {estimate} minutes ({screens} "
        "screens, {questions} questions, {options} choices). Set 'minutes' to {estimate}, or make "
        "the set shorter.",
    },
}


# Every problem carries a rule code, so CI can name, count and silence it. Errors VK0xx, content
# rules VK1xx (lint.py), languages VK2xx, formats VK3xx; each message key belongs to one rule.
RULE_KEYS: dict[str, tuple[str, ...]] = {
    "VK001": ("empty", "unreadable", "not_utf8", "too_big", "too_deep", "too_many", "too_many_problems",
              "missing_path", "words_not_fields", "top_is_list", "top_is_scalar", "help_missing"),
    "VK002": ("not_yaml", "yaml_tab", "yaml_tab_inline", "yaml_colon_text", "yaml_colon_text_example",
              "yaml_indent", "yaml_quote", "yaml_after_quote", "yaml_flow_text", "yaml_flow_list",
              "yaml_flow_map", "yaml_indicator", "yaml_escape", "yaml_two_documents", "anchor", "tag",
              "bad_key", "merge_key", "explicit_key", "duplicate_key", "key_too_long", "comma_in_text",
              "comma_in_text_example", "unshowable", "surrogate", "bad_value", "not_finite"),
    "VK003": ("missing", "extra_forbidden", "extra_forbidden_close", "words_missing_together",
              "words_file_missing"),
    "VK004": ("text", "string_type", "int_type", "bool_type", "list_type", "dict_type", "id_pattern",
              "version_pattern", "language_pattern", "pattern", "string_too_short", "string_too_long",
              "too_short", "too_long", "greater_than_equal", "less_than_equal", "choose", "unknown_type",
              "no_type", "invalid", "invalid_plain", "number_type", "undeclared_language"),
    "VK005": ("duplicate_id", "duplicate_set", "duplicate_set_files", "duplicate_title", "template_id",
              "unknown_source", "plan_without_sources"),
    "VK006": ("walk_screen_failed", "walk_session_unread", "walk_failed"),
    "VK007": ("schema_line_nowhere",),
}
_RULE_OF = {key: rule for rule, keys in RULE_KEYS.items() for key in keys}


def rule_of(key: str) -> str:
    """The rule code of a message: VK004 for "Hier hoort tekst.", and so on."""
    return _RULE_OF.get(key, key if key.startswith("VK") else "VK000")


def rule_of_text(text: str) -> str:
    """The rule code of a message without {params}, from its words; "" when none is known."""
    if not _RULE_OF_TEXT:
        for key, texts in MESSAGES.items():
            for template in texts.values():
                if "{" not in template.replace("{{", "").replace("}}", ""):
                    _RULE_OF_TEXT[template.replace("{{", "{").replace("}}", "}")] = rule_of(key)
    return _RULE_OF_TEXT.get(text, "")


_RULE_OF_TEXT: dict[str, str] = {}


def message(key: str, language: str, /, **params: Any) -> str:
    texts = MESSAGES[key]
    return texts.get(language, texts["nl"]).format(**params)


def counted(key: str, language: str, count: int, /, **params: Any) -> str:
    """The message for one (`key_one`) or for more or none (`key_many`), with {count} filled in."""
    return message(f"{key}_one" if count == 1 else f"{key}_many", language, count=count, **params)
