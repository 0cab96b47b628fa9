"""Recall@5 of the free-text skill suggestions, on ESCO alternative labels held out of the index.

Construction (seeded): among the skills with at least two alternative labels in a language, `n` are drawn
and one alternative label of each is drawn; those labels are taken out of the index, and each is then
given as free text. A hit is the skill among the first five suggestions. A language whose ESCO data has
no alternative labels gets no figure (`None`): the repository's Finnish and Swedish ESCO labels are
preferred labels only (shared/reference/data/SOURCES.md).

Hand-written phrases as people write them (`PHRASES`, 41 per language) are scored the same way, with the
whole index. The first 14 per language were written while improving the ranking (a check, not a held-out
measure); the other 27 were written and committed before the ranking was changed for them, and their
figure was measured before and after that change (docs/benchmarks.md). `DEVELOPMENT_PHRASES` (20 per
language, Finnish and Swedish) were written and committed before the English field of Finnish and Swedish
text was tuned on them; `phrase_groups` gives the three groups' figures. `UNSEEN_PHRASES` (12, fi and sv) and
`HELDOUT_DEC7` (22 per language, fi, sv and en), `HELDOUT_DEC8` (20, Finnish), `HELDOUT_DEC8_SV_EN` (20 per
language, sv and en), `HELDOUT_DEC9` (20 per language, fi, sv and en, written on 2026-12-07 evening) and
`HELDOUT_DEC10` (20 per language, fi, sv and en, written on 2026-12-07 night) are held-out sets the command does
not print.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

LANGS = ("fi", "sv", "en")

_SKILL = "http://data.europa.eu/esco/skill/"


def _skills(uuids: str) -> tuple[str, ...]:
    """ESCO skill URIs from their ids, separated by spaces."""
    return tuple(_SKILL + u for u in uuids.split())


_SERVICE = _skills("15a33d76-4640-438d-ae64-fdc0c1d3eebc")
_CASH = _skills("279101c1-e325-4349-bf58-401b6c8ff208 0cb013af-6dd9-4fb2-b34e-63dda1a5cf82")
_COFFEE = _skills("a37afd64-1022-48ba-a8e7-e41b29fe056e e4fb4f26-1c0c-45e4-9250-5be32cee2a48")
_BAKE = _skills("5626b3b1-5415-47f6-acf1-b573d457d180 587530c9-149c-4078-9f64-b58097aea0ae")
_CLEAN = _skills("7bb01a18-4637-4535-ba18-258f48f705b8 4f1b6304-f54a-42f0-9604-5427a28d240f")
_FORKLIFT = _skills("28cb374e-6261-4133-8371-f9a5470145da")
_WELD = _skills("2ee57de4-bffd-4194-b009-0060edec77cc 2fcd95a4-1f9a-41cf-95a9-4701bde476b4 "
                "530cb489-d900-46ab-9350-4d50ccd49eea")
_ELDERLY = _skills("261e740b-d32d-4356-94a8-3ea29128b70b")
_SHELVES = _skills("7e9daad3-8604-4839-af9b-dc6f8db3ef68")
_SERVE = _skills("42a6eff0-e9d9-423d-877b-e48fe91ff26f")
_COMPLAINTS = _skills("28d715e3-3e5b-4fb6-8dd2-4be4919c8587")
_SELL = _skills("29a50780-f81b-429c-b410-7f23a492e19d")
_PROGRAMMING = _skills("21d2f96d-35f7-4e3f-9745-c533d2dd6e97")
_DISHWASHER = _skills("f20aedf0-6543-498d-b88e-0a32e604acbb")
# Written on 2026-12-06 before the ranking was changed for them (docs/benchmarks.md): 27 more situations.
_DRIVE = _skills("2a82241a-216e-44d8-bb50-6b9a0ef82084 8215bbba-2f6d-4530-bf41-904d871eaf72")
_PAINT = _skills("b826a56a-811d-477c-b165-271729f644a4")
_CHILDREN = _skills("f8d4a24c-fb62-444e-9525-7aa5662f440d 94b01483-f13d-48ba-b8a9-ef8f18fcb2dc "
                    "a65fb963-6faf-47b2-a3d9-c4e5e4d833c5")
_COOK = _skills("f3934441-4bff-4076-9945-e6c51a01c467 f19f0cda-73f4-417e-8ec9-c0cacf5e7149 "
                "555d83ff-dbf9-481a-b726-2d502a11904e b72395ea-623b-4204-abef-a67592b0781a")
_WORD_PROCESSING = _skills("81633a44-f1db-4a01-a940-804c6905e330")
_TRANSLATE = _skills("449f0945-4943-49f9-bd98-edfdfd7c00ba 2ca8f0db-2c2a-4d07-af6c-effb99fed08b")
_GARDEN = _skills("8a1942a8-bebd-4cc5-bdff-fe215aaa3de5 69c865d1-39d6-48ae-b33f-75a7e9cc1811 "
                  "90a504b8-29ba-4c54-8e78-158719e0af72")
_HAIR = _skills("96d1e352-6cfe-4400-bd4d-1e11c03aa20b 03d8e93a-861a-45d3-a2d6-80781d6af1c9 "
                "0b6c4174-a862-480d-8d55-44f7cf7ac365")
_IRON = _skills("562b1180-83e7-4041-8468-2f28d03b7893")
_FIRST_AID = _skills("1d21f6ad-340f-45da-a0a3-4e83867f47a6 f7464f30-662b-4177-85a0-3df9693e9e58 "
                     "169239b5-3644-4e23-8a85-4f5896dbdb8e")
_BOOKKEEPING = _skills("faf8943c-72ff-4736-a587-25508695d6f0 2ff405ec-f59c-4a7b-84b6-9776a49582c4")
_PHONE = _skills("5a0bffcf-4ff6-49cf-a7db-4142e63f5f04 de2f0ce8-f8d6-48c5-a213-4d065251cecf")
_PACK = _skills("667cbbaf-f377-46d8-8f2d-1f6d8a55d74a bd2f7603-5e58-4d71-8f13-44c632782b02 "
                "9e406af9-6561-43ef-9138-e5befeefd856")
_LOAD = _skills("048affec-04db-4bd5-b7a6-c666d16c0fef 77397348-2ce4-4edb-81cc-9eb19f6a3ed7 "
                "0b05cfa0-5f2a-4c74-850f-094d32fd1c1b 1b4dedad-290e-48cd-a44d-7f801f9ad423 "
                "5f6c74c9-c49c-400d-bdd9-314e8bf348a1")
_FLOORS = _skills("a2cd3b30-2d6c-473e-a5d4-4e7cb576babe 6ff01827-907d-43d8-b6e4-7162c1cf0aca")
_DISHES = _skills("c662be22-f17a-4ba0-894f-d720b20c44cf")
_SOCIAL_MEDIA = _skills("64e09849-a7db-4d6b-a932-66264420eb97 5303169c-75d6-4751-9136-a4b88343388c "
                        "509909a2-4a8f-4ead-8ad0-968df63b77cc 74cb80c4-df6b-4d79-a153-cb7b3b3b6eb0")
_PHOTO = _skills("441da17f-5560-43d3-920e-2865931c96d2 38509fa4-7c06-4a4b-9622-f521f03c37b8")
_SPREADSHEET = _skills("1973c966-f236-40c9-b2d4-5d71a89019be")
_CARPENTRY = _skills("19858dd3-a5fe-4855-b644-6ecfefd1c384 0f9098d1-9bcd-453c-a9ec-e8b635705976 "
                     "4c06a716-6363-4308-b548-88f7a3e70097")
_SEW = _skills("a3ef84f9-c436-437a-bc6f-4956ae13e1eb 0d207bf2-b0dd-4a36-933f-d2cd3da2933d "
               "80cf93a8-4436-4c89-aa4d-14086536ae81")
_DOGS = _skills("75f797a1-fa35-44ac-bf72-6f229c3b1561")
_PLUMBING = _skills("8755734c-2919-41a3-9ca6-1e3d1f169213 d809a1d2-b80e-43e4-8984-de7517fb68f1 "
                    "0f58f88f-d46d-45d7-b0a1-46364e5f7013")
_ELECTRIC = _skills("52797dce-911c-4e6d-b0cb-491f6469014f af1c7b89-679b-4fae-b67c-ed05c669719c "
                    "fd60bbcc-c3b6-4fa5-936c-eef5ae0a2d44 52d6eb67-56c0-4ad7-b5c2-71e7c2362ece "
                    "c3d1ada5-1d97-4a23-be2a-9ff39296775b")
_STOCK = _skills("44f6a65f-6be7-4818-9a66-73908797283f cfa0114b-01e8-43ca-ad0f-eea07adc27c9 "
                 "05281013-f5ae-4bf2-ad23-d5d6f7573b46")
_GUESTS = _skills("26a6e6d2-1c9a-4d7e-8c04-5ba16d1f53da 99b95aca-221d-415c-9de5-564e1a273701")
_ASSIST = _skills("61970f8b-099c-4e7e-82e0-9ccdced0baf3")

# (language, free text as people write it, ESCO skills of which one should be among the first five)
PHRASES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("fi", "Olen tehnyt asiakaspalvelua kaupoissa", _SERVICE),
    ("fi", "olen ollut kassalla töissä", _CASH),
    ("fi", "keitin kahvia kahvilassa", _COFFEE),
    ("fi", "leivoin pullia ja leipää", _BAKE),
    ("fi", "hotellihuoneiden siivous", _CLEAN),
    ("fi", "trukin ajaminen varastossa", _FORKLIFT),
    ("fi", "hitsaustyöt", _WELD),
    ("fi", "vanhusten hoitaminen", _ELDERLY),
    ("fi", "täytin hyllyjä marketissa", _SHELVES),
    ("fi", "ruoan tarjoilu ravintolassa", _SERVE),
    ("fi", "asiakkaiden valitusten käsittely", _COMPLAINTS),
    ("fi", "tuotteiden myynti", _SELL),
    ("fi", "ohjelmointi ja koodaus", _PROGRAMMING),
    ("fi", "astianpesukoneen käyttö keittiössä", _DISHWASHER),
    ("fi", "ajoin pakettiautoa kuljetusfirmassa", _DRIVE),
    ("fi", "seinien maalaaminen remonteissa", _PAINT),
    ("fi", "lastenhoito päiväkodissa", _CHILDREN),
    ("fi", "ruoanlaitto koulun keittiössä", _COOK),
    ("fi", "kirjoitin tekstejä Wordillä", _WORD_PROCESSING),
    ("fi", "käännöstyöt englannista suomeen", _TRANSLATE),
    ("fi", "pihatyöt ja nurmikon leikkaus", _GARDEN),
    ("fi", "hiusten leikkaaminen kampaamossa", _HAIR),
    ("fi", "vaatteiden silittäminen pesulassa", _IRON),
    ("fi", "minulla on ensiapukortti", _FIRST_AID),
    ("fi", "kirjanpito pienelle yritykselle", _BOOKKEEPING),
    ("fi", "vastasin puhelimeen toimistolla", _PHONE),
    ("fi", "tavaroiden pakkaaminen", _PACK),
    ("fi", "kuorma-autojen lastaus ja purku", _LOAD),
    ("fi", "lattioiden pesu toimistossa", _FLOORS),
    ("fi", "tiskasin astioita ravintolassa", _DISHES),
    ("fi", "somemarkkinointi Instagramissa", _SOCIAL_MEDIA),
    ("fi", "otin valokuvia häissä", _PHOTO),
    ("fi", "Excel-taulukoiden tekeminen", _SPREADSHEET),
    ("fi", "puutyöt ja puusepän työt", _CARPENTRY),
    ("fi", "ompelin vaatteita ompelukoneella", _SEW),
    ("fi", "koirien ulkoiluttaminen", _DOGS),
    ("fi", "putkiasennukset", _PLUMBING),
    ("fi", "sähköasennukset omakotitaloihin", _ELECTRIC),
    ("fi", "varastosaldojen seuranta", _STOCK),
    ("fi", "vieraiden vastaanottaminen hotellissa", _GUESTS),
    ("fi", "neuvoin asiakkaita myymälässä", _ASSIST),
    ("sv", "kundservice i butik", _SERVICE),
    ("sv", "jag har jobbat i kassan", _CASH),
    ("sv", "kokade kaffe på ett café", _COFFEE),
    ("sv", "bakade bullar och bröd", _BAKE),
    ("sv", "städning av hotellrum", _CLEAN),
    ("sv", "körde truck på lagret", _FORKLIFT),
    ("sv", "svetsning", _WELD),
    ("sv", "tog hand om äldre", _ELDERLY),
    ("sv", "fyllde på hyllor i butiken", _SHELVES),
    ("sv", "serverade mat på restaurang", _SERVE),
    ("sv", "hanterade klagomål från kunder", _COMPLAINTS),
    ("sv", "försäljning av produkter", _SELL),
    ("sv", "programmering", _PROGRAMMING),
    ("sv", "skötte diskmaskinen i köket", _DISHWASHER),
    ("sv", "körde skåpbil åt ett budföretag", _DRIVE),
    ("sv", "målade väggar i lägenheter", _PAINT),
    ("sv", "passade barn på dagis", _CHILDREN),
    ("sv", "lagade mat i ett storkök", _COOK),
    ("sv", "skrev dokument i Word", _WORD_PROCESSING),
    ("sv", "översatte texter från engelska", _TRANSLATE),
    ("sv", "trädgårdsarbete och gräsklippning", _GARDEN),
    ("sv", "klippte hår på en frisörsalong", _HAIR),
    ("sv", "strök kläder på ett tvätteri", _IRON),
    ("sv", "har gått en kurs i första hjälpen", _FIRST_AID),
    ("sv", "skötte bokföringen för ett litet företag", _BOOKKEEPING),
    ("sv", "svarade i telefon på kontoret", _PHONE),
    ("sv", "packade varor på ett lager", _PACK),
    ("sv", "lastade och lossade lastbilar", _LOAD),
    ("sv", "golvtvätt på kontor", _FLOORS),
    ("sv", "diskade i en restaurang", _DISHES),
    ("sv", "marknadsföring i sociala medier", _SOCIAL_MEDIA),
    ("sv", "fotograferade bröllop", _PHOTO),
    ("sv", "arbetade med kalkylark i Excel", _SPREADSHEET),
    ("sv", "snickeri och träarbete", _CARPENTRY),
    ("sv", "sydde kläder på symaskin", _SEW),
    ("sv", "rastade hundar", _DOGS),
    ("sv", "rörläggning i badrum", _PLUMBING),
    ("sv", "elinstallationer i hus", _ELECTRIC),
    ("sv", "höll koll på lagersaldot", _STOCK),
    ("sv", "tog emot gäster i receptionen", _GUESTS),
    ("sv", "hjälpte kunder i butiken", _ASSIST),
    ("en", "customer service in shops", _SERVICE),
    ("en", "worked at the till", _CASH),
    ("en", "making coffee in a cafe", _COFFEE),
    ("en", "baked buns and bread", _BAKE),
    ("en", "cleaning hotel rooms", _CLEAN),
    ("en", "forklift driving in a warehouse", _FORKLIFT),
    ("en", "welding", _WELD),
    ("en", "looking after elderly people", _ELDERLY),
    ("en", "filling shelves in a supermarket", _SHELVES),
    ("en", "serving food in a restaurant", _SERVE),
    ("en", "dealing with customer complaints", _COMPLAINTS),
    ("en", "selling products", _SELL),
    ("en", "coding and programming", _PROGRAMMING),
    ("en", "running the dishwasher in a kitchen", _DISHWASHER),
    ("en", "drove a delivery van", _DRIVE),
    ("en", "painted walls and ceilings", _PAINT),
    ("en", "babysitting and looking after children", _CHILDREN),
    ("en", "cooking meals in a school kitchen", _COOK),
    ("en", "typing documents in Word", _WORD_PROCESSING),
    ("en", "translating documents from Arabic to English", _TRANSLATE),
    ("en", "gardening and mowing lawns", _GARDEN),
    ("en", "cutting hair at a salon", _HAIR),
    ("en", "ironing clothes in a laundry", _IRON),
    ("en", "I have a first aid certificate", _FIRST_AID),
    ("en", "did the bookkeeping for a small firm", _BOOKKEEPING),
    ("en", "answering the phone in an office", _PHONE),
    ("en", "packing goods for shipping", _PACK),
    ("en", "loading and unloading lorries", _LOAD),
    ("en", "mopping floors in offices", _FLOORS),
    ("en", "washing up dishes in a restaurant", _DISHES),
    ("en", "social media marketing on Instagram", _SOCIAL_MEDIA),
    ("en", "taking photos at weddings", _PHOTO),
    ("en", "making spreadsheets in Excel", _SPREADSHEET),
    ("en", "carpentry and woodwork", _CARPENTRY),
    ("en", "sewing clothes on a sewing machine", _SEW),
    ("en", "walking dogs for neighbours", _DOGS),
    ("en", "plumbing work in bathrooms", _PLUMBING),
    ("en", "electrical installation in houses", _ELECTRIC),
    ("en", "keeping track of stock levels", _STOCK),
    ("en", "welcoming guests at the hotel reception", _GUESTS),
    ("en", "helping customers find what they need", _ASSIST),
)


# A development set written on 2026-12-07 (issue 19) before the Finnish and Swedish text was matched against
# the English labels too, and committed before any result on it was seen: 20 situations the 41 phrases above
# do not cover, in Finnish and Swedish, each with the ESCO skills that answer it (chosen from ESCO's English
# labels, not from suggestions). Changes may be tuned on it and on the first 14 phrases, never on the 27.
_WINDOWS = _skills("d05ae693-dc7d-4073-8806-2782f117c24a")
_CAR_WASH = _skills("d283f0ad-aff5-4d08-9098-81151ec6c511 c8b5b67b-d8d9-4857-bb26-1e35faf2ce22 "
                    "62c65f51-b92f-43f7-bf66-a0ae1df19ef0")
_BRICKS = _skills("13e1c0a2-b90d-46f4-be51-11730360b38d")
_INVOICES = _skills("e3e42d54-78bd-4337-aa87-bb31a7670c9a")
_SNOW = _skills("63dd281f-f980-4c0f-b0fc-eb13a679ae90 07dcecd9-b629-40cf-aea9-dbd62e77f841")
_WALLPAPER = _skills("3816bddd-0765-48d6-b972-0f9aa7296a46")
_PIZZA = _skills("298ead56-f11b-4c5d-a4d9-282f7a1489b6")
_BLOOD_PRESSURE = _skills("502ca51c-e818-4ec8-a1ae-026a2162beda 60f826be-0c1b-413b-aad5-4f7546622e16")
_BUS = _skills("4f8f9d1e-6672-4e58-abb2-258e8b1c700f")
_TILES = _skills("504d99c7-395b-479c-815b-2f77ef769e75")
_HORSES = _skills("540e80b9-0e1e-4842-a9d8-e46804e567f0")
_SWIMMING = _skills("8dd42bbd-0c08-461d-8790-a2ef21adbb73")
_WEBSITE = _skills("d04ee340-5378-4601-8181-19da6d5cbfe0")
_ORDERS = _skills("704bed2c-737a-4585-b840-1d28bbcab9b4")
_CAR_REPAIR = _skills("65155435-1c5b-41ee-8812-e0b9b03ae480 0ea0b260-617b-4d04-bf00-988dd0b122e5")
_TOILETS = _skills("58a15a33-2b41-4a7e-bb8a-777328b5d82a")
_COUNT_CASH = _skills("42cad89f-afd4-4418-8439-8ce87eff1f26 279101c1-e325-4349-bf58-401b6c8ff208")
_SOFTWARE = _skills("c8de8023-ab8a-402b-a828-b2b57cd3b2f7")
_FEED = _skills("5b1d43d1-e063-4d07-8ba1-6f08d4e46279")
_WASTE = _skills("110d7aa3-e44e-4cce-a927-8d4de615f3d9")

DEVELOPMENT_PHRASES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("fi", "pesin ikkunoita siivousfirmassa", _WINDOWS),
    ("fi", "autojen pesu huoltoasemalla", _CAR_WASH),
    ("fi", "muurasin tiiliseiniä rakennuksella", _BRICKS),
    ("fi", "tein laskuja asiakkaille", _INVOICES),
    ("fi", "lumitöitä talvella", _SNOW),
    ("fi", "tapetoin huoneita", _WALLPAPER),
    ("fi", "tein pizzoja pizzeriassa", _PIZZA),
    ("fi", "mittasin potilaiden verenpaineen", _BLOOD_PRESSURE),
    ("fi", "ajoin linja-autoa", _BUS),
    ("fi", "laatoitin kylpyhuoneita", _TILES),
    ("fi", "hoidin hevosia tallilla", _HORSES),
    ("fi", "opetin lapsia uimaan", _SWIMMING),
    ("fi", "päivitin yrityksen kotisivuja", _WEBSITE),
    ("fi", "otin tilauksia vastaan ravintolassa", _ORDERS),
    ("fi", "korjasin autoja korjaamolla", _CAR_REPAIR),
    ("fi", "siivosin vessoja", _TOILETS),
    ("fi", "laskin kassan rahat illalla", _COUNT_CASH),
    ("fi", "asensin ohjelmia tietokoneisiin", _SOFTWARE),
    ("fi", "ruokin lehmiä maatilalla", _FEED),
    ("fi", "lajittelin jätteitä kierrätyskeskuksessa", _WASTE),
    ("sv", "putsade fönster åt ett städföretag", _WINDOWS),
    ("sv", "tvättade bilar på en bensinstation", _CAR_WASH),
    ("sv", "murade tegelväggar på ett bygge", _BRICKS),
    ("sv", "skrev fakturor till kunder", _INVOICES),
    ("sv", "skottade snö på vintern", _SNOW),
    ("sv", "tapetserade rum", _WALLPAPER),
    ("sv", "gjorde pizzor på en pizzeria", _PIZZA),
    ("sv", "mätte blodtrycket på patienter", _BLOOD_PRESSURE),
    ("sv", "körde buss i linjetrafik", _BUS),
    ("sv", "kaklade badrum", _TILES),
    ("sv", "skötte hästar i ett stall", _HORSES),
    ("sv", "lärde barn att simma", _SWIMMING),
    ("sv", "uppdaterade företagets hemsida", _WEBSITE),
    ("sv", "tog emot beställningar på restaurangen", _ORDERS),
    ("sv", "reparerade bilar på en verkstad", _CAR_REPAIR),
    ("sv", "städade toaletter", _TOILETS),
    ("sv", "räknade pengarna i kassan på kvällen", _COUNT_CASH),
    ("sv", "installerade program på datorer", _SOFTWARE),
    ("sv", "utfodrade kor på en gård", _FEED),
    ("sv", "sorterade avfall på en återvinningscentral", _WASTE),
)


# A second held-out set, written on 2026-12-07 (issue 19) after the 27 phrases above had been looked at while a
# change was chosen, and committed before any result on it was seen: 12 situations none of the sets above covers,
# each with the ESCO skills that answer it (chosen from ESCO's English labels). It is not printed by the evaluation
# command and has not been measured: the next change is to be chosen without it and measured on it once
# (`phrase_recall(lang, UNSEEN_PHRASES)`), before and after.
_TRACTOR = _skills("a95f88b8-11b1-406a-aa30-c5a891cb41a8")
_TYRES = _skills("202d0d2b-f6b9-48fe-b70e-cff49fa1d087")
_TICKETS = _skills("2d823e3d-7b19-46d9-88a8-31bacac76a5d")
_BEVERAGES = _skills("beeaddc7-fe69-4b97-a286-0bd595432eb9")
_TREES = _skills("b8cfe3d0-15a7-4be4-a7f1-f5141ed11f16")
_EVENTS = _skills("a4b7f1be-7058-45e4-ac90-66580499187f")
_MILK = _skills("cacb30e8-eb78-40bf-b664-b7a4c8a018a3")
_SANDWICHES = _skills("493a1805-6caa-4cda-8fd3-6495ec8ea451")
_LEAFLETS = _skills("5c350ac7-57f4-492f-a5b6-4e5d7241b771")
_PETS = _skills("256d1577-2a4f-4959-8aea-eb24ac0f8288")
_MAIL = _skills("76f22707-8d30-453f-9eb7-3376e2960311 3fc4af68-4d22-4be0-82d7-fa7267577612")
_PATROL = _skills("e95dc989-ae49-49c6-bfc4-9aef35e92f35")

UNSEEN_PHRASES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("fi", "ajoin traktoria maatilalla", _TRACTOR),
    ("fi", "vaihdoin autoihin renkaat rengasliikkeessä", _TYRES),
    ("fi", "myin lippuja elokuvateatterissa", _TICKETS),
    ("fi", "tarjoilin juomia baarissa", _BEVERAGES),
    ("fi", "kaadoin puita metsätöissä", _TREES),
    ("fi", "suunnittelin tapahtumia nuorisotalolle", _EVENTS),
    ("fi", "lypsin lehmiä navetassa", _MILK),
    ("fi", "tein voileipiä kahvilaan", _SANDWICHES),
    ("fi", "jaoin mainoksia postilaatikoihin", _LEAFLETS),
    ("fi", "ruokin naapurin kissoja", _PETS),
    ("fi", "lajittelin postia postissa", _MAIL),
    ("fi", "vartioin kauppakeskusta", _PATROL),
    ("sv", "körde traktor på en gård", _TRACTOR),
    ("sv", "bytte däck på bilar", _TYRES),
    ("sv", "sålde biljetter på en biograf", _TICKETS),
    ("sv", "serverade drinkar i en bar", _BEVERAGES),
    ("sv", "fällde träd i skogen", _TREES),
    ("sv", "planerade evenemang för ungdomsgården", _EVENTS),
    ("sv", "mjölkade kor i ladugården", _MILK),
    ("sv", "gjorde smörgåsar på ett kafé", _SANDWICHES),
    ("sv", "delade ut reklamblad i brevlådor", _LEAFLETS),
    ("sv", "matade grannens katter", _PETS),
    ("sv", "sorterade post på posten", _MAIL),
    ("sv", "patrullerade i ett köpcentrum", _PATROL),
)


# A third held-out set, written on 2026-12-07 late morning (issue 19, item 6) before the ranking of general skills
# was changed, and committed before any result on it was seen: 22 everyday situations none of the sets above covers,
# in Finnish, Swedish and English, each with the ESCO skills that answer it (found by searching ESCO's English
# preferred and alternative labels for the situation's words, not from suggestions). It is not printed by the
# evaluation command; it is measured once before and once after that change (`phrase_recall(lang, HELDOUT_DEC7)`).
_BICYCLES = _skills("fab8e95a-448d-4784-aa50-9ef10e924829 1f9cd253-7d74-45a2-acf6-0bd2354aed2f")
_FURNITURE = _skills("fb370da8-255b-41c6-af69-ffe5676cfe62")
_CONCRETE = _skills("46994031-5490-4a02-9937-c61f6e2d4fc9")
_LAMINATE = _skills("706a96f9-e824-47e9-a39b-e8558e8aa018")
_HARVEST = _skills("2e4e8114-e579-453d-918e-b0262818ab76")
_VIDEO = _skills("5ce80f97-b385-4a41-9339-a6593d0709c1 9ce52938-fe28-4548-b38d-0c783933e19a")
_PHONE_REPAIR = _skills("55cd5608-1497-4ed1-96d0-cb9494749a09 b4877620-c375-45f3-a678-2ddb4dae6a29")
_DIGITAL_HELP = _skills("c8fa4313-80b0-4f37-8b1b-1739707bc362")
_HOMEWORK = _skills("12efe5f2-f7ec-4f03-b359-afba5b9f62de 63b9a087-a5db-424e-96ef-3212c8b5311e "
                    "d5e1e30e-44ab-4aba-abab-b8263e801b7a")
_SPORT = _skills("dbadb531-2fb9-4361-b80b-9be8c3c54229 9bb41cd3-eb0e-4fb3-a345-c9c6ed5d43dd")
_TOURISTS = _skills("a7c51c48-802c-44ee-a40e-79b18b1d4365 a0c277a6-1ca6-4798-a5c9-cd199dbdff45")
_MASSAGE = _skills("2b16031c-6278-4929-adc1-127f40c3c76e f8bc0c97-e56f-4f19-bedc-fededf7bea26")
_NAILS = _skills("b8c301a1-e00e-4c68-82e7-9540762d5481 4ff89a5c-b4be-491e-aaa2-3f31fb00a2d5 "
                 "5c81d08b-5a60-4582-87dd-7ad82d9c57b5 8afc36b7-9a70-44cb-95df-6625e76ca89d "
                 "24bd5079-e4f3-4bff-8ed7-7540080ce7ec")
_INSTRUMENTS = _skills("8f8a8803-dc72-4488-9991-7c7d373e01fa")
_FILING = _skills("3d427a49-4f85-42cd-8a92-62d4a34f41a1 6451e645-67b5-4cc7-aafd-fab19629fa82")
_PRICE_TAGS = _skills("6ffdcb09-16bc-4480-9ac8-40fdbf915712")
_WINDOW_DISPLAYS = _skills("42ce6826-1bab-4c67-8534-5f21643fbcbd 7a450b0e-7b4f-446f-a045-fd7d2bf9361e")
_LAUNDRY = _skills("04838ae5-a737-48a0-a782-3d1b6b6cb75b 2eacf2eb-24ad-4e0f-9003-fe226d74b381")
_FLOWERS = _skills("24a776a7-73f2-48a0-9b3e-93b8c78997e4 274ba318-ab30-4d16-87fd-58af75cd6a22")
_SHOES = _skills("b5b70429-a806-4b99-b435-3f46bb71f54f")
_HEAVY = _skills("3ab2b4be-e304-4c3c-98f5-ce0620218bc6 ab2bb44a-3956-4028-8715-8b70b1960b99")
_HIKING = _skills("4a1d8069-717c-461a-a3e5-746b226e7be7")

HELDOUT_DEC7: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("fi", "korjasin polkupyöriä pyöräkorjaamossa", _BICYCLES),
    ("fi", "kokosin huonekaluja asiakkaiden koteihin", _FURNITURE),
    ("fi", "betonivalut rakennustyömaalla", _CONCRETE),
    ("fi", "asensin laminaattia olohuoneisiin", _LAMINATE),
    ("fi", "poimin mansikoita marjatilalla", _HARVEST),
    ("fi", "editoin videoita YouTubeen", _VIDEO),
    ("fi", "korjasin kännyköiden rikkinäisiä näyttöjä", _PHONE_REPAIR),
    ("fi", "neuvoin vanhuksia tietokoneen käytössä", _DIGITAL_HELP),
    ("fi", "autoin lapsia läksyissä", _HOMEWORK),
    ("fi", "valmensin junioreiden jalkapallojoukkuetta", _SPORT),
    ("fi", "opastin turisteja kaupunkikierroksilla", _TOURISTS),
    ("fi", "annoin hierontaa urheilijoille", _MASSAGE),
    ("fi", "lakkasin kynsiä kynsistudiossa", _NAILS),
    ("fi", "soitan pianoa ja kitaraa", _INSTRUMENTS),
    ("fi", "arkistoin papereita toimistossa", _FILING),
    ("fi", "hintalappujen laittaminen tuotteisiin", _PRICE_TAGS),
    ("fi", "somistin näyteikkunoita vaatekaupassa", _WINDOW_DISPLAYS),
    ("fi", "pyykinpesu hoivakodissa", _LAUNDRY),
    ("fi", "tein kukkakimppuja kukkakaupassa", _FLOWERS),
    ("fi", "kenkien korjaus suutarilla", _SHOES),
    ("fi", "kannoin huonekaluja muuttofirmassa", _HEAVY),
    ("fi", "vedin vaelluksia Lapissa", _HIKING),
    ("sv", "reparerade cyklar i en cykelverkstad", _BICYCLES),
    ("sv", "monterade möbler hemma hos kunder", _FURNITURE),
    ("sv", "gjöt betong på bygget", _CONCRETE),
    ("sv", "lade laminatgolv i lägenheter", _LAMINATE),
    ("sv", "plockade jordgubbar på en gård", _HARVEST),
    ("sv", "redigerade videor till YouTube", _VIDEO),
    ("sv", "lagade trasiga skärmar på mobiltelefoner", _PHONE_REPAIR),
    ("sv", "hjälpte äldre att använda datorer", _DIGITAL_HELP),
    ("sv", "läxhjälp för skolbarn", _HOMEWORK),
    ("sv", "tränade ett juniorlag i fotboll", _SPORT),
    ("sv", "guidade turister i stan", _TOURISTS),
    ("sv", "gav massage till idrottare", _MASSAGE),
    ("sv", "målade naglar på en nagelsalong", _NAILS),
    ("sv", "spelar piano och gitarr", _INSTRUMENTS),
    ("sv", "arkiverade papper på kontoret", _FILING),
    ("sv", "satte prislappar på varor", _PRICE_TAGS),
    ("sv", "gjorde skyltfönster i en klädbutik", _WINDOW_DISPLAYS),
    ("sv", "tvättade kläder på ett äldreboende", _LAUNDRY),
    ("sv", "band blombuketter i en blomsteraffär", _FLOWERS),
    ("sv", "lagade skor hos en skomakare", _SHOES),
    ("sv", "bar möbler åt en flyttfirma", _HEAVY),
    ("sv", "ledde vandringar i fjällen", _HIKING),
    ("en", "fixed bikes at a bike shop", _BICYCLES),
    ("en", "put together flat-pack furniture for customers", _FURNITURE),
    ("en", "poured concrete on a building site", _CONCRETE),
    ("en", "laid laminate flooring in flats", _LAMINATE),
    ("en", "picked strawberries on a farm", _HARVEST),
    ("en", "edited videos for YouTube", _VIDEO),
    ("en", "replaced cracked phone screens", _PHONE_REPAIR),
    ("en", "helped older people use computers", _DIGITAL_HELP),
    ("en", "helped kids with their homework", _HOMEWORK),
    ("en", "coached a junior football team", _SPORT),
    ("en", "showed tourists around the old town", _TOURISTS),
    ("en", "gave massages to athletes", _MASSAGE),
    ("en", "did nails at a nail salon", _NAILS),
    ("en", "I play piano and guitar", _INSTRUMENTS),
    ("en", "filing paperwork in an office", _FILING),
    ("en", "put price labels on products", _PRICE_TAGS),
    ("en", "decorated shop windows for a clothing store", _WINDOW_DISPLAYS),
    ("en", "did the laundry at a care home", _LAUNDRY),
    ("en", "made flower bouquets at a florist", _FLOWERS),
    ("en", "repaired shoes at a cobbler's", _SHOES),
    ("en", "carried furniture for a removal company", _HEAVY),
    ("en", "led hiking trips in the mountains", _HIKING),
)

# A fourth held-out set, Swedish and English only, written on 2026-12-07 afternoon (issue 19, item 6) and committed
# before this round's Swedish and English ranking changes, before any result on it was seen: 20 situations as young
# people with little work history write them (summer jobs, school, hobbies, volunteering; inflection, past tense,
# compounds, particle verbs, slang, brand names), none covered by the sets above. The skills that answer each were
# found by searching ESCO's English and Swedish preferred labels (and English alternative labels) for the
# situation's words, not from suggestions. Not printed by the evaluation command; measured once before and once
# after that round's changes (`phrase_recall(lang, HELDOUT_DEC8_SV_EN)`). Never tuned on.
_SVEN_LIFEGUARD = _skills("be125781-7266-450a-945e-7a7ed94860dc")
_SVEN_BURGERS = _skills("b72395ea-623b-4204-abef-a67592b0781a f19f0cda-73f4-417e-8ec9-c0cacf5e7149")
_SVEN_ORDER_PICKING = _skills("ee5e2297-39cc-4ed6-89e5-d58016118a7f")
_SVEN_TUTORING = _skills("63b9a087-a5db-424e-96ef-3212c8b5311e 71a6ac5f-f220-4bdc-95b7-b1b2e640fec5")
_SVEN_INTERPRETING = _skills("8b5962d7-b195-4459-addb-d15a48cc4b64 2ca8f0db-2c2a-4d07-af6c-effb99fed08b")
_SVEN_CAKES = _skills("2f1168be-b456-4d47-ba56-f122d0b79085 587530c9-149c-4078-9f64-b58097aea0ae")
_SVEN_BAGGAGE = _skills("6e93befa-b682-4644-aa9a-46d658478056 9652ceb0-7f3c-4aff-87f0-2c1477cd1ce1 "
                        "2945dc58-5b5c-4023-97ee-34ec05905b81")
_SVEN_TABLES = _skills("113d5db5-4fb4-418c-a4e0-2f01a71b26a1 03353964-657a-4737-9afc-1ca9ec04195b")
_SVEN_SCHOOL_PAPER = _skills("3391d6dd-d584-4c8c-9af9-d2f0c45e2b4b")
_SVEN_REFEREE = _skills("d596e3d0-5bae-4d1f-87bf-bd5c3442c690 45fce913-bbf7-4796-a190-4f9f4ac439a4")
_SVEN_VEGETABLES = _skills("73b97efd-49fe-49d7-89dd-444f870cd210 555d83ff-dbf9-481a-b726-2d502a11904e")
_SVEN_DELIVERIES = _skills("2cae39d6-78c2-4ce3-bee8-628504371463 f7f56b20-8f05-4731-a1bf-79fdcffc72ce")
_SVEN_SECOND_HAND = _skills("d38f2c46-d887-4ba5-a69b-92b613f75b22")
_SVEN_CHOIR = _skills("e50a68c5-2a5d-4815-8bd1-e4334aed7683 e78ac0fc-7a1d-4462-960a-a560c2e152ce")
_SVEN_KNITTING = _skills("148fc290-6363-4b0a-90a6-fe2f998f2037")
_SVEN_PHONES = _skills("0de365a1-ca10-4563-8fc9-3e5787c6990e a46c1df8-9885-4036-98d8-b225a8d13c19")
_SVEN_CAMP = _skills("114f2179-b625-4333-b9f9-fe6a846a7c36 f8d4a24c-fb62-444e-9525-7aa5662f440d "
                     "7ba2ce03-ac36-4cf5-9383-e665ed0d86c3")
_SVEN_CLASSROOM = _skills("a13566a2-4461-4dcc-82b2-8280fb5bb993 d39a5880-7d0a-4573-9f70-a75ff875bf83")
_SVEN_SONGS = _skills("6034b475-1c5c-4695-a0db-46a7bfa4537c")
_SVEN_FENCES = _skills("8bb1142a-06ca-41fa-a434-444d95d8b8c9")

HELDOUT_DEC8_SV_EN: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("sv", "jobbade som badvakt på badhuset i somras", _SVEN_LIFEGUARD),
    ("sv", "stekte burgare på Max", _SVEN_BURGERS),
    ("sv", "plockade ordrar med scanner på ett lager", _SVEN_ORDER_PICKING),
    ("sv", "gav privatlektioner i matte till högstadieelever", _SVEN_TUTORING),
    ("sv", "tolkade åt mina föräldrar hos läkaren", _SVEN_INTERPRETING),
    ("sv", "dekorerade tårtor på ett konditori", _SVEN_CAKES),
    ("sv", "lastade väskor på planen på Arlanda", _SVEN_BAGGAGE),
    ("sv", "dukade borden inför bröllopsmiddagen", _SVEN_TABLES),
    ("sv", "skrev artiklar till skoltidningen", _SVEN_SCHOOL_PAPER),
    ("sv", "dömde knattematcher i fotboll", _SVEN_REFEREE),
    ("sv", "skalade potatis och hackade grönsaker i köket", _SVEN_VEGETABLES),
    ("sv", "tog emot leveranser och kollade följesedlar", _SVEN_DELIVERIES),
    ("sv", "sålde grejer på loppis", _SVEN_SECOND_HAND),
    ("sv", "sjunger i kör sen lågstadiet", _SVEN_CHOIR),
    ("sv", "stickar mössor och vantar", _SVEN_KNITTING),
    ("sv", "sålde mobiler och abonnemang på Elgiganten", _SVEN_PHONES),
    ("sv", "var ledare på ett sommarläger för barn", _SVEN_CAMP),
    ("sv", "hjälpte läraren i klassrummet som elevassistent", _SVEN_CLASSROOM),
    ("sv", "skriver egna låtar", _SVEN_SONGS),
    ("sv", "satte upp stängsel runt hästhagen", _SVEN_FENCES),
    ("en", "worked as a lifeguard at the local pool over the summer", _SVEN_LIFEGUARD),
    ("en", "flipped burgers at McDonald's", _SVEN_BURGERS),
    ("en", "picked orders with a handheld scanner in a warehouse", _SVEN_ORDER_PICKING),
    ("en", "tutored year 9 kids in maths", _SVEN_TUTORING),
    ("en", "translated for my parents at doctor's appointments", _SVEN_INTERPRETING),
    ("en", "decorated birthday cakes at a bakery", _SVEN_CAKES),
    ("en", "loaded suitcases onto planes at the airport", _SVEN_BAGGAGE),
    ("en", "laid the tables for wedding dinners", _SVEN_TABLES),
    ("en", "wrote articles for the school paper", _SVEN_SCHOOL_PAPER),
    ("en", "refereed under-10s football matches", _SVEN_REFEREE),
    ("en", "peeled spuds and chopped veg in a kitchen", _SVEN_VEGETABLES),
    ("en", "took in deliveries and checked them against the delivery notes", _SVEN_DELIVERIES),
    ("en", "sold my old stuff at car boot sales", _SVEN_SECOND_HAND),
    ("en", "I sing in a choir", _SVEN_CHOIR),
    ("en", "I knit hats and scarves", _SVEN_KNITTING),
    ("en", "sold phones and contracts at Carphone Warehouse", _SVEN_PHONES),
    ("en", "camp counsellor at a kids' summer camp", _SVEN_CAMP),
    ("en", "teaching assistant helping out in a year 3 classroom", _SVEN_CLASSROOM),
    ("en", "I write my own songs", _SVEN_SONGS),
    ("en", "put up fencing around a horse paddock", _SVEN_FENCES),
)


# A fourth held-out set, Finnish only, written on 2026-12-07 afternoon (issue 19, item 6, ninth round) and
# committed before the Finnish ranking was changed in that round, before any result on it was seen: 20 situations
# as young people with little work history write them (hobbies, school, volunteering, home; slang, brand names,
# past tense), none of them covered by the sets above, each with the ESCO skills that answer it, found by searching
# ESCO's English and Finnish labels for the situation's words, not from suggestions. It is not printed by the
# evaluation command and is not used for tuning; it is measured once before and once after that round's change
# (`phrase_recall("fi", HELDOUT_DEC8)`).
_SING = _skills("e50a68c5-2a5d-4815-8bd1-e4334aed7683 e78ac0fc-7a1d-4462-960a-a560c2e152ce")
_DANCE = _skills("2aeadb90-7ddc-4329-9268-8d5a6bf76b99 39beb3af-9314-4b17-aa57-449cc70d3d9c "
                 "7abc9d2b-5792-4283-baaf-b5c74d24e758")
_PRESENTATION = _skills("234aeb8d-56c3-4531-9193-1c5e6a8d16cb")
_GRAPHIC = _skills("7fb699d9-182a-430e-b7a0-6d8ed05c284b f058bf62-70d1-4f5e-be2a-8b26fac24a96 "
                   "a71577b2-7550-4222-88ee-dcbd2d881516 8ff314a8-57d7-4b8c-bf41-79f9572fedd0")
_MAKE_UP = _skills("8599fe11-e263-4e6c-a4a2-d6e8d2498b5a 5769c02b-01f0-4bfc-b5e4-02f80ae6daf6")
_KNIT = _skills("148fc290-6363-4b0a-90a6-fe2f998f2037 50833e34-8e85-4cf7-9b7b-c2a9f1893d5b")
_LIFEGUARD = _skills("be125781-7266-450a-945e-7a7ed94860dc 717c792a-806a-42ca-9d19-f48f0bd6a830")
_FUNDRAISING = _skills("526a0eaa-2bee-4e80-989f-cb36f9fbee47")
_BUDGET = _skills("21c5790c-0930-4d74-b3b0-84caf5af12ea 51b53bb3-7a67-4ce8-b959-c7f6c4af3456")
_SCHOOL_PAPER = _skills("3391d6dd-d584-4c8c-9af9-d2f0c45e2b4b 4f63aec2-fa72-49e7-b5c9-c1aad17f1937 "
                        "049de1f6-34ec-46f9-a0b1-8fc6f0199413")
_ACTING = _skills("b983e86d-61d5-4ebf-8810-2650c91da096 74be20a7-fcfe-4715-bb62-8937a547a982 "
                  "f34ee429-b36d-49f9-a927-80b67a467cc8")
_EMAILS = _skills("cace7a77-38b7-4cdf-8171-e17692bef5f6 0fe57279-53a8-478f-bcf9-dfe8172f0fb6 "
                  "87cadd76-4e3a-47e5-b66d-559fbc1e8993")
_MOPEDS = _skills("ac6e266a-5362-4690-8937-b71a2d9311d1")
_GAMING_PC = _skills("3dc6fd8e-6ff7-432e-a262-04d487858efb c77db25e-bb51-4a10-b2ad-99b48b1b4a37")
_CAMP = _skills("a50d5e4e-3375-433b-a365-c3e4133a570e f8d4a24c-fb62-444e-9525-7aa5662f440d "
                "b5af495b-61f1-4330-9891-dca56d97d714 4b1f6b75-6d0e-40e2-8d30-5a8ef5d006b0 "
                "114f2179-b625-4333-b9f9-fe6a846a7c36")
_DRAWING = _skills("325ef602-74c0-4944-9cc2-95c9af86857b 50373f03-3e81-4d2e-99c6-d0f2ff42b138 "
                   "8ff314a8-57d7-4b8c-bf41-79f9572fedd0 fc4fcb4b-993f-4f2c-b158-c2171ec18ed8")
_PLANTS = _skills("7b3717e4-e963-44e0-b94f-1088a7242da0 0ae3af47-dc33-4cb0-a2a3-01c6a5bcd968 "
                  "9d3490b2-a0e6-415b-81a4-a3a4a63268b0 94812554-043f-4ffd-838e-583eccf3e297")
_HEDGES = _skills("51097602-8e4e-4830-8f35-d77afc713fc0 af9b6098-7d2f-4990-b4eb-d7dd73fdb933")
_ERRANDS = _skills("82c1ddba-af60-4061-a572-b33fc71d1baa")
_LIBRARY = _skills("b661befa-db9b-46d7-b89d-95a8c394f82f bcdfc41b-1fca-43ee-b07b-2b574dae763d")

HELDOUT_DEC8: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("fi", "laulan kuorossa ja bändissä", _SING),
    ("fi", "tanssin hiphoppia tanssikoulussa", _DANCE),
    ("fi", "tein PowerPoint-esityksiä koulun projekteihin", _PRESENTATION),
    ("fi", "suunnittelin logoja ja julisteita Canvalla", _GRAPHIC),
    ("fi", "meikkasin kavereita bileisiin", _MAKE_UP),
    ("fi", "neuloin villasukkia mummolle", _KNIT),
    ("fi", "olin uimavalvojana maauimalassa", _LIFEGUARD),
    ("fi", "keräsin rahaa Nenäpäivä-keräykseen", _FUNDRAISING),
    ("fi", "vastasin luokkaretken budjetista", _BUDGET),
    ("fi", "kirjoitin juttuja koulun lehteen", _SCHOOL_PAPER),
    ("fi", "näyttelin koulun teatteriesityksessä", _ACTING),
    ("fi", "vastailin asiakkaiden sähköposteihin", _EMAILS),
    ("fi", "korjasin mopoja kaverin kanssa", _MOPEDS),
    ("fi", "kokosin ittelleni pelikoneen", _GAMING_PC),
    ("fi", "olin isosena rippileirillä", _CAMP),
    ("fi", "piirsin mangaa ja sarjakuvia", _DRAWING),
    ("fi", "kastelin naapurin kukkia kesälomalla", _PLANTS),
    ("fi", "leikkasin pensasaitoja omakotitalojen pihoilla", _HEDGES),
    ("fi", "kävin kaupassa ja apteekissa naapurin mummon puolesta", _ERRANDS),
    ("fi", "järjestin kirjoja kirjaston hyllyihin", _LIBRARY),
)


# A fifth held-out set, written by a helper on 2026-12-07 evening (issue 19, item 6) and committed before any result on
# it was seen: 20 Finnish, 20 Swedish and 20 English situations as young people in Satakunta write them (summer and
# part-time jobs, vocational and university studies, hobbies, volunteering, home, sports, digital things; slang,
# abbreviations, brand and place names, past tense), a different set of situations in each language and none of them
# covered by the sets above. The skills that answer each were chosen by meaning from a search of ESCO's English,
# Finnish and Swedish labels, before any measurement and never from suggestions. Held out: not printed by the
# evaluation command, never tuned on; measured only as counts by `phrase_recall(lang, HELDOUT_DEC9)`.
_D9_CROWD = _skills("753f2b67-ba47-49c2-a3fd-c40c4cfb4421 412d1d99-5624-478e-8bc7-dddebed44bab")
_D9_CNC = _skills("c4949dcf-bbcc-40f2-8584-6c6299beb7fb e4a9ec84-4eb3-494b-8a70-0fcf0d687f03")
_D9_3D_PRINT = _skills("2afb2b59-c9a3-4cf3-b1dd-1a2fad51e583 5f8e1bde-a2f9-4742-a4f4-309dfc2f6311")
_D9_TRANSFER = _skills("949c119b-3433-439f-8ca9-1a9ce04b696d 8ef1b45e-8499-4b1b-91f7-f8278bbb7767")
_D9_MODERATION = _skills("f6d294f4-db62-4fc5-a7b8-778e5071c112 c9b6aa32-6c42-4903-8e5a-23e43edf03fc")
_D9_METAL_ROOF = _skills("6e64c679-17c6-46ac-849c-2336e16fe069 69ce43f9-c8f9-4efb-8b8c-3c4a9ba3db88")
_D9_WEEDS = _skills("94a1b3c5-2a95-4703-8559-973bc6d14747")
_D9_PODCAST = _skills("c2218533-3e2a-4f50-b4fd-afde71dcf442 cae4c053-05d1-413d-8499-f37793aad56e")
_D9_LUMBER = _skills("787cc6d2-d3e1-4e9a-8664-787ac7f1d15b 071f0eca-4189-433f-9d6c-edde50593300")
_D9_CAD = _skills("b34e2ba1-9080-48c9-9b42-ee9192a4d3f1 a2b5dcf3-5b6a-453d-876c-cff540c0faf1")
_D9_HYGIENE = _skills("0ff99f51-40d9-42f1-a1ec-377b2bb5e15f 791fa659-3382-49f8-a8dd-505226d0da48")
_D9_SCAFFOLDING = _skills("91991706-cd8e-4795-9784-715fc0250c8d da4f5079-b45d-4e5b-bda0-06e65585ab3d")
_D9_CHIMNEY = _skills("f2a19f30-399e-4257-9681-9edaa9917875 ef6aeca0-e93e-4345-9f5a-347db844f26b")
_D9_CHAINSAW = _skills("b2b8ec41-d6d1-470d-9e78-4eee515aaa3d")
_D9_HUNTING = _skills("e6b9e649-1df0-43bc-bb4c-b732e868ec67 31eede0c-9dac-49b8-b61b-1f9f22e79e1e")
_D9_TELESALES = _skills("16132f2b-cf61-4c53-ae8d-9023a8bab90b 29a50780-f81b-429c-b410-7f23a492e19d")
_D9_RESEARCH_INTERVIEWS = _skills("896563fc-6255-4419-89c2-ffed30159ad6 324f0243-1a21-4f5c-9f71-52eebc2596ed")
_D9_BOATS = _skills("781c558a-8bb7-457b-865b-15b64193ca59 6cdaa773-3b80-465b-bba3-46fde74816d8")
_D9_HONEY = _skills("185b57ee-48e0-4753-a6e1-20a4e257c773 a589be22-4266-4f16-b000-0fabe4accfaa")
_D9_STAGE_SETS = _skills("7372ea5d-5d77-4a1b-85fc-f419d4a764e1 b3afe118-6631-4640-942b-5acf7a0e7ada "
                         "cb58bfc2-696d-4b45-8f01-283b612a6c9a")
_D9_APPOINTMENTS = _skills("933e7ccf-5d56-46ba-aca4-857f826a6b3a 220b7796-c5d8-4b8e-a0d8-fd1934f0f0dd")
_D9_HENS = _skills("f9cb8fbf-0358-4f9f-8ced-f8beb67fa184 fbc604e2-2574-4f2d-a8aa-0a9f9a89c635")
_D9_WATERCOLOURS = _skills("d7be0e5d-157f-410f-91f0-4c790f2fe458 24301020-af48-4532-a1a6-e58567789436")
_D9_MINUTES = _skills("5fa6cd2f-9bab-4afa-a184-2d2f1401b770")
_D9_JEWELLERY = _skills("44fea655-139f-445d-aae5-8474fc86307b 6377cf07-2b3c-432f-9ba5-0db9698b5fa2")
_D9_MEAT = _skills("ae5b462a-c1eb-4209-979b-3da8b1ad01de d8a0bd55-b701-4284-b075-43c098ff1d77")
_D9_CARETAKER = _skills("6768f208-f11e-4a07-8644-c59d5e035b76 1ff161c5-756d-414b-afda-41fff0f74d81")
_D9_AQUARIUMS = _skills("21ff9798-5ab7-4997-8a29-a5065d739780 744ac49f-9964-41ec-a798-b49329c6437a")
_D9_SOLDERING = _skills("26ed52cf-30ca-451e-9699-a6c04a30649f f30a7ea4-77dd-452c-8a2d-b06c12606a7f")
_D9_GRANTS = _skills("c8c32b0c-acaa-42b0-ae3d-dc92624a8133 0ffce932-cec4-4fec-87e6-df23fb6bdc12")
_D9_FISH = _skills("213873ff-2b1e-47ce-bd00-84fe82864449 256203c5-80f6-4467-81fc-431058741fcf")
_D9_SAILING = _skills("334da06a-c45c-47eb-86c9-222267135e94 9b696239-fbf2-4031-84b7-eccdeaa2f11c")
_D9_SCOUTS = _skills("2002512b-b7de-4dfd-a5b0-95cda89080d2 698dccfd-c6e9-4a39-b3bf-0715d6246e44 "
                     "256e45bb-b918-4ac8-b87c-01a2e48ddb33")
_D9_RECORDING = _skills("16ac3d37-dd72-40c3-863d-dab1ded961be 9a8f5432-fb04-498d-9ba4-a4e1444ff056")
_D9_3D_MODELS = _skills("97965983-0da4-4902-9daf-d5cd2693ef73 f5b33464-4df9-4cf3-b468-b0a2d6b3ee85")
_D9_CHURCH = _skills("f2833704-a4ef-4dbb-934c-ba2234212d3e")
_D9_WOOD_FINISH = _skills("88ea614f-7e96-48fd-bf0b-96bf00bdb098 59fa75d2-b3bf-4929-9410-80c381861e08 "
                          "e040fb97-ac17-4cd0-bf74-7e96c83811b6")
_D9_SIGHTED_GUIDE = _skills("ab89ad86-1098-44bb-9465-05af5624557c 54a0974e-a8d1-4b2d-9dfa-e1da028a58e3")
_D9_SPINNING = _skills("108ac398-6a84-454a-b56c-8bb0dee1bbf2 3f1a52c4-7df0-4f88-a50b-c345714a917e")
_D9_BEDDING_PLANTS = _skills("8ce4a4af-969b-4d1c-8bfe-891cff82f913")
_D9_DATA = _skills("2b92a5b2-6758-4ee3-9fb4-b6387a55cc8f ccd0a1d9-afda-43d9-b901-96344886e14d")
_D9_STAGE_LIGHTS = _skills("20afa37b-4b6d-49c1-81c6-2941dd2762ab 13afe9ee-803d-4de1-a8e0-bb529c959f9d "
                           "9cc78400-9ba9-4ffd-9ef5-59e2cd657035")
_D9_DJ = _skills("c45cc902-6a91-4449-9ee8-8c1c8e1347ae 84bbad5b-6560-440a-89f0-0e61729e80a0")
_D9_FOOD_BANK = _skills("149274a7-4c6e-436f-9607-ec7135a615b2")
_D9_QUALITY = _skills("1a3660c2-011c-4e96-9b1d-529afc305428")
_D9_GAME_TESTING = _skills("5489b6f6-ec0f-4536-a9e2-072ee8ec03b2 913e7e83-b8f8-4574-b1ca-1b38f3fd974a")
_D9_LANGUAGE_CLUB = _skills("a9ead737-a7cd-4046-adea-1ff7326db09f")
_D9_ARABIC = _skills("227accd5-5e70-4cc3-8f1c-3f7b52eb6848 2de4572a-4724-4f76-afc2-72a568a264ac")
_D9_FIRE = _skills("301a6581-e983-4bb6-8b31-b3ee2cbc2392 ab27ebf6-3738-4785-b030-02d81e8808ee")
_D9_AUTISM = _skills("586c5e11-b70d-499b-8589-b67e1ff3cc93 54411e8e-d62f-46d8-b87b-fce23f8e3bc8")
_D9_BUSINESS_PLAN = _skills("ead58f22-0af5-467c-ac1e-b750e4e1ac6a")
_D9_SOLAR = _skills("08a5f6dd-d3dd-4371-9919-6d730f34499c 18d3f89a-6ac5-4ca6-bf93-0baec4e13bcd")
_D9_SEEDLINGS = _skills("a281365c-a432-4e82-97ce-2dcc4907685f")
_D9_SURVEYS = _skills("5f00bf83-f776-4488-b312-6725f8b6783a 5b6fb4d6-582e-4187-9f17-f6e582f8714f")
_D9_ELECTRONICS = _skills("4ed385bf-3e87-476a-9f06-08c2e801133a 415cb0c2-e169-4f99-ba3e-d1c433b75368")
_D9_DOG_GROOMING = _skills("f37dd722-72b4-4550-bca1-d19176208deb 758ddaf4-c2c0-4681-8724-d685de5ace17")
_D9_SOUND_DESK = _skills("72812eb6-5a0f-48e8-815d-3d2a16b8e963 b5b09dac-5b28-40a5-b671-5f9aa31f65d8")
_D9_LIVESTREAM = _skills("10cade4f-df4d-4408-8924-5994976fc798 4e039fe9-e7d3-4d9b-82e5-381269a38ceb")
_D9_TRAFFIC = _skills("87454307-a3ad-40ce-8024-1aeb7c94f1e3")
_D9_RENTALS = _skills("aafb8d62-1592-4488-bd40-7bdfb751ff98 c39677dc-8a4f-4433-b678-1097eaec65da")

HELDOUT_DEC9: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("fi", "olin järkkärinä Pori Jazzeilla", _D9_CROWD),
    ("fi", "opin Sataedussa ajamaan CNC-sorvia", _D9_CNC),
    ("fi", "tulostin 3D-tulostimella osia koulun projektiin", _D9_3D_PRINT),
    ("fi", "siirsin vuodepotilaita pyörätuoliin lähihoitajaharjoittelussa", _D9_TRANSFER),
    ("fi", "modetin Discord-serveriä ja bannasin spämmääjiä", _D9_MODERATION),
    ("fi", "uusittiin mökin peltikatto faijan kanssa", _D9_METAL_ROOF),
    ("fi", "kitkin rikkaruohoja taimitarhalla Ulvilassa", _D9_WEEDS),
    ("fi", "editoin meidän podcastin jaksoja Audacityllä", _D9_PODCAST),
    ("fi", "lajittelin ja rimoitin lautoja sahalla Raumalla", _D9_LUMBER),
    ("fi", "piirsin sähkökuvia AutoCADillä sähköalan opinnoissa", _D9_CAD),
    ("fi", "mulla on hygieniapassi ja olin kesän grillikioskilla Yyterissä", _D9_HYGIENE),
    ("fi", "olin telinemiehen apuna Olkiluodon vuosihuollossa", _D9_SCAFFOLDING),
    ("fi", "kävin nuohoojan mukana nuohoomassa piippuja", _D9_CHIMNEY),
    ("fi", "sahasin polttopuita moottorisahalla mummolassa", _D9_CHAINSAW),
    ("fi", "suoritin metsästäjätutkinnon ja käyn hirvijahdissa", _D9_HUNTING),
    ("fi", "myin puhelimessa sähkösopimuksia", _D9_TELESALES),
    ("fi", "haastattelin asiakkaita SAMKin opinnäytetyötä varten", _D9_RESEARCH_INTERVIEWS),
    ("fi", "pesin ja huolsin veneitä Reposaaren venesatamassa", _D9_BOATS),
    ("fi", "linkosin hunajaa ukin mehiläistarhalla", _D9_HONEY),
    ("fi", "rakensin ja maalasin lavasteita kesäteatteriin", _D9_STAGE_SETS),
    ("sv", "bokade tider åt patienterna i receptionen på en tandläkarmottagning", _D9_APPOINTMENTS),
    ("sv", "skötte hönsen på morfars gård och samlade in äggen", _D9_HENS),
    ("sv", "målar akvareller på fritiden", _D9_WATERCOLOURS),
    ("sv", "var sekreterare i elevkåren och skrev protokollen", _D9_MINUTES),
    ("sv", "gör egna örhängen och armband av pärlor och säljer dem på Etsy", _D9_JEWELLERY),
    ("sv", "styckade och skar kött i charkdisken på Citymarket", _D9_MEAT),
    ("sv", "jobbade som fastighetsskötare och fixade småsaker i hyreshusen", _D9_CARETAKER),
    ("sv", "skötte akvarierna i en zoobutik", _D9_AQUARIUMS),
    ("sv", "lödde ihop en förstärkare på elektroniklektionerna", _D9_SOLDERING),
    ("sv", "skrev bidragsansökningar åt vår idrottsförening", _D9_GRANTS),
    ("sv", "filéade strömming och sålde fisk i fiskdisken", _D9_FISH),
    ("sv", "seglar varje sommar och har varit gast på en segelbåt i skärgården", _D9_SAILING),
    ("sv", "var scoutledare och lärde barnen slå upp tält och göra upp eld", _D9_SCOUTS),
    ("sv", "spelar in och mixar låtar i GarageBand", _D9_RECORDING),
    ("sv", "gör 3D-modeller i Blender", _D9_3D_MODELS),
    ("sv", "hjälpte till vid gudstjänsterna i församlingen", _D9_CHURCH),
    ("sv", "slipade och lackade gamla möbler från loppis", _D9_WOOD_FINISH),
    ("sv", "var ledsagare åt en synskadad dam och följde med henne på promenader", _D9_SIGHTED_GUIDE),
    ("sv", "höll i spinningpass på gymmet", _D9_SPINNING),
    ("sv", "planterade sommarblommor i stadens rabatter", _D9_BEDDING_PLANTS),
    ("en", "did a data analysis project in Python at SAMK", _D9_DATA),
    ("en", "rigged and ran the stage lights for our school musical", _D9_STAGE_LIGHTS),
    ("en", "DJ'd at student parties in Pori", _D9_DJ),
    ("en", "volunteered at the food bank handing out food parcels", _D9_FOOD_BANK),
    ("en", "did quality checks on metal parts at a factory in Ulvila", _D9_QUALITY),
    ("en", "beta tested indie games and reported bugs to the devs", _D9_GAME_TESTING),
    ("en", "ran an English conversation club for kids at the youth centre", _D9_LANGUAGE_CLUB),
    ("en", "I speak Arabic and English fluently and some Finnish", _D9_ARABIC),
    ("en", "I'm in the volunteer fire brigade and trained to put out fires", _D9_FIRE),
    ("en", "helped look after my little brother who has autism", _D9_AUTISM),
    ("en", "wrote a business plan for our student company in an entrepreneurship course", _D9_BUSINESS_PLAN),
    ("en", "helped my dad put solar panels on our roof", _D9_SOLAR),
    ("en", "planted spruce seedlings for a forestry company one summer", _D9_SEEDLINGS),
    ("en", "called people for a market research company to do phone surveys", _D9_SURVEYS),
    ("en", "assembled circuit boards on a production line at an electronics factory", _D9_ELECTRONICS),
    ("en", "groomed dogs at a pet salon, washing, drying and clipping them", _D9_DOG_GROOMING),
    ("en", "ran the sound desk at church on Sundays", _D9_SOUND_DESK),
    ("en", "filmed and livestreamed Ässät junior hockey games", _D9_LIVESTREAM),
    ("en", "held the stop/go sign at road works on highway 8", _D9_TRAFFIC),
    ("en", "rented out SUP boards and kayaks at Yyteri beach", _D9_RENTALS),
)


# A sixth held-out set, written by a helper on 2026-12-07 night (issue 19, item 6) while another helper changed the
# suggester without seeing it, and committed before any result on it was seen: 20 Finnish, 20 Swedish and 20 English
# situations as young people in Satakunta write them into a CV or tell a service manager (summer jobs, vocational and
# university studies, internships, military and civil service, the family farm, gig work, hobbies; colloquial Finnish,
# Finland-Swedish, non-native English, inflected forms, place and brand names), spread over care, trade, logistics,
# ICT, construction, hospitality, agriculture, culture, office work, technology, cleaning and sports, a different set
# of situations in each language and none of them covered by the sets above. The 1-3 skills of each are what the
# sentence plainly says the person did, chosen by reading ESCO's English labels and descriptions (found with a plain
# text search of the labels), before any measurement and never from suggestions. Held out: not printed by the
# evaluation command, never tuned on; measured only as counts by `phrase_recall(lang, HELDOUT_DEC10)`.
_D10_MEDICATION = _skills("d2f78372-c23b-41ef-bce3-2874f587579c be5d0d1c-780c-49f9-a809-e72458e5be38")
_D10_PAYROLL = _skills("9d916d7c-89b3-4084-a6d9-e2b0b3091404 3ee090a1-9d1c-44ed-bd93-f6b7c9b68a97")
_D10_PLC = _skills("6468e5fb-f3be-4025-87be-4b6556755c61")
_D10_PRESSURE_WASH = _skills("6f4ea676-cb82-428f-949b-629747a34366 bdee730b-9409-4947-ad7a-b67c6da9966e")
_D10_RADIO = _skills("0256f6b0-f4a9-4c5e-9cfd-96d58a2a70fe 30d926ba-1615-417c-a799-e24a3ea239b9 "
                     "75de3aa9-6208-4563-a31a-be0b680e5786")
_D10_PRODUCT_DEMO = _skills("de7b8c6c-9ed4-4776-924c-4265dd1d9cde 95751eb0-9d70-4d9c-9146-e471030abf2a")
_D10_SHEET_METAL = _skills("d98c1a49-4616-4500-9109-05e445b705cf dfb76ee8-1e49-4371-b0ef-ea132d93aaca")
_D10_INSULATION = _skills("7eea6974-d606-4175-b95e-f66554816783 1889010b-f796-4a79-ba6e-7451dc6e3e4a")
_D10_ARTWORK = _skills("e9a00b7e-e071-48c0-b6f8-4ab376dc8c7c")
_D10_IT_SUPPORT = _skills("118efbcd-8fc5-4668-81d1-c383a0d16070 c2296e2e-5fef-4f24-a24f-e5b3792268be")
_D10_CARGO = _skills("b1e4b6b3-c32e-426f-91a1-41b8adac086c 3818c3ab-c20b-404e-b59b-09ef2d34c263")
_D10_GYM_PROGRAMMES = _skills("e402a6d8-0ca8-4230-9bbe-c559a80b7624 14db3283-8b66-4649-9192-41defda9c33e")
_D10_DENTAL = _skills("f7fd1900-b7f3-4f7c-88ac-a1c199bb41d7")
_D10_CALVES = _skills("92dfcb21-863c-4fa8-9458-3760e53e966a 5b1d43d1-e063-4d07-8ba1-6f08d4e46279")
_D10_GRAVES = _skills("d27ec978-29f1-4a6f-aee2-358b4cef502c")
_D10_BEDS = _skills("e0c6fdd1-336a-4e2f-91d1-ab4a2f9c385d")
_D10_FACIALS = _skills("cbe6e2a5-f7bc-4162-9803-fcb9ecd86052 2c349a48-7102-4621-a430-0972e84d3db9")
_D10_DISABILITY = _skills("0f298334-ae4a-4ab7-96c2-0d90d2883768 54411e8e-d62f-46d8-b87b-fce23f8e3bc8")
_D10_TICKET_CHECKS = _skills("aa12602b-ba4c-4b6c-ae0b-9a6ec798316d")
_D10_THERMAL = _skills("eeef9d73-f215-40fb-92cc-6498f13fc3f2")
_D10_WOUNDS = _skills("1c6736c2-77de-419c-9b84-8932e15abc21 fa845322-85c4-42cb-b230-c1d43d308f02")
_D10_CONTAINERS = _skills("3c73898b-04a6-4e3a-b84a-3a032277c916")
_D10_DATABASE = _skills("4da171e5-779c-4983-a76f-91c16751e99f 6c08403c-a5bb-4868-b8c2-b7d039c0e511")
_D10_DRYWALL = _skills("fd8a3c14-fe25-4490-a85d-0215d0a5aa6f 7adeafea-6aac-48d8-989c-5cc51a7c6f32")
_D10_EXCAVATOR = _skills("978a76ca-0d14-43b5-a69d-1996dfeb22de 425ddacc-bbf0-4a98-b925-40012d1b6060")
_D10_BOOKINGS = _skills("936a42f0-a586-4595-9e47-ca93210761fd 345486f3-f265-4fc8-8ed0-5e96e768e333")
_D10_PRUNING = _skills("8853dc46-e29e-4c6e-ab9c-f2553f7b2b8f a8f1c3cf-bd8b-4c85-80d3-c69955f6bd00")
_D10_POTTERY = _skills("f1a68bc3-fec2-45bb-bc87-ff7dcbd36df0 7ffe5ddd-abf1-4047-91e9-37c4e9f43d9c")
_D10_CUSTOMER_RECORDS = _skills("c753a3b5-d5cc-406d-adfe-3372bb267f4b")
_D10_CALIBRATION = _skills("6532ef3b-1685-4de7-a858-d31fdaa435ca 82fadde2-45cc-4734-bace-dadafdeaa41f")
_D10_STAIRWELLS = _skills("52eadbe6-db74-421a-a7f1-356567dc8248 4f1b6304-f54a-42f0-9604-5427a28d240f")
_D10_SKIING = _skills("dbadb531-2fb9-4361-b80b-9be8c3c54229 a9ae583b-176c-4774-afcf-3f541400a1fd")
_D10_ORDERING = _skills("210827e3-3129-45a2-8683-70399f3f561f 015b0162-6dd3-4d46-bbfd-325086155dd5")
_D10_BOAT = _skills("938973e2-c084-4c34-9dd4-382128caee6d")
_D10_TRANSCRIPTION = _skills("ca8fae74-46ff-4e1b-94ef-ce22393e02e7 78e33506-eecf-482f-a8c2-6b5d421f24cf "
                             "f695332a-245a-4c6a-9eee-ed202928f99e")
_D10_DEMOLITION = _skills("a68d4de0-99a3-4c26-b84a-040e706e4714")
_D10_PRESS_RELEASES = _skills("7800332c-a8eb-4792-8d72-50d509616154")
_D10_SHEEP = _skills("f313b675-d15b-4ed9-94ac-7ad3f83649eb")
_D10_PAINT_MIXING = _skills("9714490e-b162-4bd3-af1f-0031f111581e 322a8b34-af40-438c-ac67-882d482b7643")
_D10_ROBOTS = _skills("7ffae77a-93ce-40a3-af99-fae5729e8b15 e87ec79a-c9ff-46f5-84fa-7a0f394cdf40")
_D10_DRESSING = _skills("497b85db-c3ba-4d41-bc90-c2fd72eaa899")
_D10_BIKE_DELIVERY = _skills("e7f63440-6007-486b-948f-ea124839c418")
_D10_USABILITY = _skills("be0ff6d8-5e61-4021-9c89-e40cf0b75cc6")
_D10_PAVING = _skills("0232e2ee-5535-46e0-9c64-ea80c896c62f")
_D10_BUFFET = _skills("efd806d5-8390-4591-9c52-14d8f74bfa43")
_D10_SHIFTS = _skills("a9e4a63b-6b88-44f6-b37f-94309856f5ba 85aa1871-db96-42f7-801f-c39f924de2d7")
_D10_WATER = _skills("2db2667c-bbaf-4e30-8640-c9a647bd2512 b5a1fc87-c9f2-41f4-a1ae-28e023715592")
_D10_KEYS = _skills("748c2921-e878-4ebd-98d4-36a6b692add7")
_D10_UPHOLSTERY = _skills("ca99a4f9-4ead-4d17-a430-dda2cd6fb5ed 1da6ee69-335b-48a7-b806-ee487807c0e4")
_D10_PESTICIDES = _skills("9c2f2331-960f-41ee-a2c9-d26e258a156e")
_D10_APPLIANCES = _skills("2959dba4-05ad-41b3-915a-d72d46108a63 aeb5c424-120a-4d80-82a9-e24c5044714c")
_D10_ONLINE_SHOP = _skills("d5fa1ed6-6cd8-41b9-8e78-2ba168ff3457")
_D10_BUS_INTERIORS = _skills("d4a4ec38-63e1-4fcf-8768-debc0dc382e8")
_D10_SKATING = _skills("dbadb531-2fb9-4361-b80b-9be8c3c54229 ec112344-c88b-444a-be66-3e39781bad38")
_D10_WINDOWS_DOORS = _skills("c1f78abb-c9ee-4d0c-abbd-2d3b5da35a35 cd70c768-aab6-46e6-8fb4-3aad7fe4b4cb")
_D10_VET = _skills("0e9fbf47-0cec-4d82-97f9-12a3334819fe 14728ad1-fe4a-4921-8962-ab10a585c521")
_D10_SUBTITLES = _skills("a5d03670-794a-4f2d-8bb4-3087c7b5aa06")
_D10_SNACKS = _skills("945f9b80-f20e-4d73-81aa-e90d02deb96c")
_D10_FIREWALL = _skills("e5b5053e-0ef6-4c4e-a3f2-42f955f4322c")
_D10_ROAD_MARKING = _skills("6d7dd4ac-f2f8-47e1-8ddb-fcfbb619677a")

HELDOUT_DEC10: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("fi", "jaoin asukkaiden lääkkeet dosetteihin työssäoppimisjaksolla palvelutalossa", _D10_MEDICATION),
    ("fi", "kirjasin työtunnit ja tein palkanlaskennan tilitoimistossa Kankaanpäässä", _D10_PAYROLL),
    ("fi", "ohjelmoin logiikoita automaatiolinjalle Sataedun automaatiopuolella", _D10_PLC),
    ("fi", "painepesin terasseja ja pihakiveyksiä kesätyönä", _D10_PRESSURE_WASH),
    ("fi", "intissä olin viestimiehenä ja hoidin radioliikennettä", _D10_RADIO),
    ("fi", "esittelin ja maistatin uutuustuotteita Prismassa viikonloppuisin", _D10_PRODUCT_DEMO),
    ("fi", "särmäsin peltejä särmäyspuristimella konepajassa Harjavallassa", _D10_SHEET_METAL),
    ("fi", "laitoin villat ullakolle ja leikkasin eristelevyt mittaan", _D10_INSULATION),
    ("fi", "ripustin teoksia näyttelyyn Rauman taidemuseossa", _D10_ARTWORK),
    ("fi", "olin lukion IT-tuessa resetoimassa salasanoja ja selvittämässä opettajien konepulmia", _D10_IT_SUPPORT),
    ("fi", "sidoin kuormat rekan lavalle liinoilla ennen lähtöä", _D10_CARGO),
    ("fi", "tein salin asiakkaille omat treeniohjelmat", _D10_GYM_PROGRAMMES),
    ("fi", "olin hammashoitajaharkassa ja avustin hammaslääkäriä toimenpiteissä", _D10_DENTAL),
    ("fi", "hoidin vasikoita ja juotin niille maitoa kotitilalla Ulvilassa", _D10_CALVES),
    ("fi", "olin seurakunnalla kesätöissä ja kaivoin hautoja", _D10_GRAVES),
    ("fi", "petasin sängyt ja vaihdoin lakanat mökkikylässä", _D10_BEDS),
    ("fi", "tein kasvohoitoja asiakkaille kosmetologiopinnoissa", _D10_FACIALS),
    ("fi", "sivarina autoin kehitysvammaisia aikuisia pääsemään harrastuksiin ja kauppaan", _D10_DISABILITY),
    ("fi", "tarkastin lippuja jäähallin ovilla Ässien peleissä", _D10_TICKET_CHECKS),
    ("fi", "kuvasin taloja lämpökameralla SAMKin energiaprojektissa", _D10_THERMAL),
    ("sv", "skötte sår och bytte förband på hälsocentralen under praktiken", _D10_WOUNDS),
    ("sv", "stuvade varor i containrar i Björneborgs hamn", _D10_CONTAINERS),
    ("sv", "byggde en databas i MySQL för ett skolprojekt", _D10_DATABASE),
    ("sv", "satte upp gipsskivor och tejpade skarvarna på ett bygge", _D10_DRYWALL),
    ("sv", "grävde diken med minigrävare åt min morbrors firma", _D10_EXCAVATOR),
    ("sv", "tog emot bokningar till stugorna på campingen i Raumo", _D10_BOOKINGS),
    ("sv", "beskar äppelträd i en fruktodling på Åland", _D10_PRUNING),
    ("sv", "drejar skålar och muggar på keramikkursen vid medborgarinstitutet", _D10_POTTERY),
    ("sv", "matade in kunduppgifter i kundregistret på kontoret", _D10_CUSTOMER_RECORDS),
    ("sv", "kalibrerade mätinstrumenten i fabrikens laboratorium under praktiken", _D10_CALIBRATION),
    ("sv", "städade trapphusen i hyreshus åt ett fastighetsbolag", _D10_STAIRWELLS),
    ("sv", "var skidlärare i Ruka och lärde nybörjare åka slalom", _D10_SKIING),
    ("sv", "beställde varor till butiken när de höll på att ta slut", _D10_ORDERING),
    ("sv", "körde båt i Nylands brigad under beväringen", _D10_BOAT),
    ("sv", "transkriberade intervjuer åt en forskare", _D10_TRANSCRIPTION),
    ("sv", "rev gamla mellanväggar när vi renoverade vårt hus", _D10_DEMOLITION),
    ("sv", "skrev pressmeddelanden för en musikfestival i Vasa", _D10_PRESS_RELEASES),
    ("sv", "klippte fåren på min farbrors gård i Sastmola", _D10_SHEEP),
    ("sv", "blandade färg åt kunderna i en järnhandel i Björneborg", _D10_PAINT_MIXING),
    ("sv", "byggde och programmerade robotar i robotklubben", _D10_ROBOTS),
    ("en", "helped the elderly residents get dressed in the mornings at a care home in Ulvila", _D10_DRESSING),
    ("en", "delivered food for Wolt on my bike around Pori", _D10_BIKE_DELIVERY),
    ("en", "did usability testing of an app with real users for my SAMK thesis", _D10_USABILITY),
    ("en", "laid paving stones for driveways and patios", _D10_PAVING),
    ("en", "set up the breakfast buffet every morning at a hotel in Rauma", _D10_BUFFET),
    ("en", "made the work shift schedules for the cafe staff when my boss was away", _D10_SHIFTS),
    ("en", "tested water samples in the lab in my internship at the water plant", _D10_WATER),
    ("en", "cut keys and sold tools in a hardware store", _D10_KEYS),
    ("en", "reupholstered old chairs in my furniture course at vocational school", _D10_UPHOLSTERY),
    ("en", "sprayed pesticides on the fields on our family farm", _D10_PESTICIDES),
    ("en", "installed and fixed washing machines and fridges with my uncle", _D10_APPLIANCES),
    ("en", "packed and sent the orders from my mom's online shop", _D10_ONLINE_SHOP),
    ("en", "cleaned the inside of buses at the bus depot at nights", _D10_BUS_INTERIORS),
    ("en", "taught little kids to skate at the ice rink", _D10_SKATING),
    ("en", "fitted new windows and doors in old houses with a carpenter", _D10_WINDOWS_DOORS),
    ("en", "held the animals still when the vet examined them at an animal clinic", _D10_VET),
    ("en", "made subtitles for short films in our film club", _D10_SUBTITLES),
    ("en", "sold snacks and drinks at concerts in Kirjurinluoto", _D10_SNACKS),
    ("en", "set up a firewall for my uncle's small company network", _D10_FIREWALL),
    ("en", "painted road lines with a road marking machine for the city in summer", _D10_ROAD_MARKING),
)


@dataclass(frozen=True)
class Recall:
    """Recall@k of one language: hits of queries."""

    lang: str
    queries: int
    hits: int

    @property
    def recall(self) -> float | None:
        """Share of queries whose skill was among the first k (None without queries)."""
        return self.hits / self.queries if self.queries else None


def _recall(lang: str, queries: list[tuple[int, str]], index, k: int) -> Recall:
    """Recall@k of (skill, text) queries: a hit when the skill is among the first k the index ranks for the text."""
    from shared.reference._esco_lemma import rank

    hits = sum(1 for skill, text in queries if skill in [s for s, _ in rank(index, text, k)])
    return Recall(lang, len(queries), hits)


def held_out_queries(lang: str, n: int, seed: int) -> list[tuple[int, str]]:
    """(skill, alternative label) pairs drawn for `lang`, to leave out of the index and query with."""
    from shared.reference.esco import load_taxonomy

    tax = load_taxonomy()
    alt = tax.alt_labels.get(lang) or ()
    rng = np.random.default_rng(seed)
    eligible = [i for i, labels in enumerate(alt) if len(labels) >= 2]
    if not eligible:
        return []
    chosen = sorted(rng.choice(eligible, min(n, len(eligible)), replace=False).tolist())
    return [(i, str(alt[i][int(rng.integers(len(alt[i])))])) for i in chosen]


def held_out_recall(lang: str, n: int = 300, seed: int = 1, k: int = 5) -> Recall:
    """Recall@k on `n` held-out alternative labels of `lang`."""
    from shared.reference._esco_lemma import build_index

    queries = held_out_queries(lang, n, seed)
    if not queries:
        return Recall(lang, 0, 0)
    return _recall(lang, queries, build_index(lang, queries), k)


def label_variants(lang: str, n: int = 300, seed: int = 1) -> list[tuple[int, str]]:
    """(skill, text) pairs: `n` preferred labels of `lang` (seeded) with every word put in another of its
    inflected forms from simplemma's dictionary and the words in reverse order ("myydä tuotteita" ->
    "tuotteille myyvät"). The label itself stays in the index (in Finnish and Swedish it is the skill's
    only label), so this measures inflection and word order, not other wordings."""
    from simplemma.strategies.dictionaries import DefaultDictionaryFactory

    from shared.reference._esco_lemma import STOPWORDS, lemma
    from shared.reference._esco_search import tokens
    from shared.reference.esco import load_taxonomy

    tax = load_taxonomy()
    rng = np.random.default_rng(seed)
    chosen = sorted(rng.choice(len(tax.uris), n, replace=False).tolist())
    words = {i: tokens(tax.labels[lang][i]) for i in chosen}
    wanted = {lemma(w, lang) for ws in words.values() for w in ws}
    forms: dict[str, list[str]] = {}
    for form, base in DefaultDictionaryFactory().get_dictionary(lang).items():
        if base in wanted and form.isalpha() and form.lower() == form:
            forms.setdefault(base, []).append(form)
    out = []
    for i in chosen:
        varied = []
        for w in words[i]:
            options = sorted(set(forms.get(lemma(w, lang), ())) - {w})
            keep = w in STOPWORDS[lang] or not options
            varied.append(w if keep else options[int(rng.integers(len(options)))])
        out.append((i, " ".join(reversed(varied))))
    return out


def variant_recall(lang: str, n: int = 300, seed: int = 1, k: int = 5) -> Recall:
    """Recall@k on inflected, reordered preferred labels of `lang` (`label_variants`)."""
    from shared.reference._esco_lemma import lemma_index

    return _recall(lang, label_variants(lang, n, seed), lemma_index(lang), k)


def phrase_recall(lang: str, phrases=PHRASES, k: int = 5) -> Recall:
    """Recall@k of the hand-written phrases of `lang`."""
    from shared.reference._esco_lemma import lemma_index, rank
    from shared.reference.esco import load_taxonomy

    tax = load_taxonomy()
    mine = [(text, {tax.index[uri] for uri in uris}) for lg, text, uris in phrases if lg == lang]
    hits = sum(1 for text, skills in mine if skills & {s for s, _ in rank(lemma_index(lang), text, k)})
    return Recall(lang, len(mine), hits)


def phrase_groups(lang: str, k: int = 5) -> dict[str, Recall]:
    """Recall@k of the hand-written phrases of `lang` in their groups: the first 14 (written while changing the
    ranking), the other 27 (written before the changes they measure) and the development set."""
    mine = tuple(p for p in PHRASES if p[0] == lang)
    return {"first 14": phrase_recall(lang, mine[:14], k), "other 27": phrase_recall(lang, mine[14:], k),
            "development": phrase_recall(lang, DEVELOPMENT_PHRASES, k)}


def table(held_out: list[Recall], phrases: list[Recall], variants: list[Recall] | None = None) -> str:
    """Recall@5 per language as a text table."""
    def cell(r: Recall) -> str:
        return f"{r.recall:.3f} ({r.hits}/{r.queries})" if r.recall is not None else "no alt labels"
    variants = variants or []
    head = f"{'lang':<5} {'held-out alt labels':>22} {'hand-written phrases':>22}"
    lines = [head + (f" {'inflected labels':>22}" if variants else "")]
    for i, (a, b) in enumerate(zip(held_out, phrases)):
        lines.append(f"{a.lang:<5} {cell(a):>22} {cell(b):>22}" + (f" {cell(variants[i]):>22}" if variants else ""))
    return "\n".join(lines)
