"""Contacts as vCards (RFC 6350 readers accept this vCard 3.0), one file per public contact."""
from __future__ import annotations

import vobject

from .model import uid


def vcard(contact: dict, lang: str, country: str | None) -> str:
    """country: the contact's country's name in lang, if any."""
    card = vobject.vCard()
    name = contact["name"][lang]
    card.add("fn").value = name
    # A contact may be an office rather than a person: keep the whole name as the given name.
    card.add("n").value = vobject.vcard.Name(family="", given=name)
    card.add("org").value = [contact["organisation"][lang]]
    if "role" in contact:
        card.add("title").value = contact["role"][lang]
    if "email" in contact:
        email = card.add("email")
        email.value = contact["email"]
        email.type_param = "INTERNET"
    if country:
        card.add("adr").value = vobject.vcard.Address(country=country)
    card.add("uid").value = uid(contact["id"])
    return card.serialize()
