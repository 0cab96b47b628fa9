"""Compound words split into known words (no dictionaries loaded: the known words and base forms are given)."""

from shared.reference._compounds import split

GENITIVES = {"hevosten": "hevonen", "ikkunan": "ikkuna", "lasten": "lapsi"}


def base(piece):
    return GENITIVES.get(piece, piece)


def test_a_modifier_in_the_genitive_is_given_as_its_base_form_and_the_head_as_written():
    assert split("hevostenhoito", {"hevonen", "hoito"}, base) == ("hevonen", "hoito")
    assert split("lastenhoito", {"lapsi", "hoito"}, base) == ("lapsi", "hoito")


def test_three_parts():
    assert split("ikkunanpesuväline", {"ikkuna", "pesu", "väline"}, base) == ("ikkuna", "pesu", "väline")


def test_the_fewest_parts_win():
    known = {"asia", "kas", "asiakas", "palvelu"}
    assert split("asiakaspalvelu", known, base) == ("asiakas", "palvelu")  # not asia + kas + palvelu


def test_a_known_word_is_not_split_into_itself():
    assert split("hoito", {"hoito"}, base) == ()
    assert split("lasipinta", {"lasipinta", "lasi", "pinta"}, base) == ("lasi", "pinta")


def test_no_split_without_known_parts_or_with_pieces_too_short():
    assert split("kotisivu", {"koti"}, base) == ()  # sivu is unknown
    assert split("autotalli", {"au", "totalli"}, base) == ()  # au is shorter than three letters
    assert split("autotalli", {"au", "totalli"}, base, min_part=2) == ("au", "totalli")
