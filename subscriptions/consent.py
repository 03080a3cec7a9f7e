"""The consent text shown on the form. Change the version whenever the text changes:
each subscriber's record keeps the version and the exact text they agreed to."""

CONSENT_VERSION = "2026-1"

CONSENT_TEXT = (
    "Vi sparar din e-postadress, vilka ämnen du följer, hur ofta du vill ha e-post och när du "
    "anmälde och bekräftade prenumerationen. Vi använder uppgifterna bara för att skicka dig "
    "nyheter från VästKom. Du kan när som helst ändra eller avsluta prenumerationen, eller "
    "radera alla dina uppgifter, via länken i varje e-post eller på sidan "
    "/prenumeration/avsluta/. Obekräftade anmälningar raderas efter några dagar."
)
