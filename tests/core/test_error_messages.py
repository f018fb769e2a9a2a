"""Public forms say what to do when something is missing or wrong (GOV.UK's
"Enter your email address"), not Django's "This field is required"."""

import pytest
from django import forms
from django.utils import translation

from engagement_hub.core.forms import ClearErrorsMixin
from engagement_hub.mailings.forms import SubscribeForm


class ExampleForm(ClearErrorsMixin, forms.Form):
    name = forms.CharField(label="Name", max_length=5)
    people = forms.IntegerField(label="Personen", min_value=1, max_value=9)
    day = forms.DateField(label="Tag")
    kind = forms.ChoiceField(label="Art", choices=[("a", "A")])
    own = forms.CharField(label="Eigenes", error_messages={"required": "Selbst."})
    rules = forms.BooleanField(label="Ich akzeptiere die Regeln")


def errors(data, language="de"):
    with translation.override(language):
        form = ExampleForm(data)
        form.is_valid()
        return {name: [str(e) for e in errs] for name, errs in form.errors.items()}


def test_missing_answers_say_what_to_enter():
    assert errors({}) == {
        "name": ["Geben Sie „Name“ an."],
        "people": ["Geben Sie „Personen“ an."],
        "day": ["Geben Sie ein Datum für „Tag“ an."],
        "kind": ["Wählen Sie „Art“ aus."],
        "own": ["Selbst."],  # a form's own message stays
        "rules": [
            "Setzen Sie das Häkchen, wenn Sie einverstanden sind; ohne geht es "
            "nicht weiter."
        ],
    }
    assert errors({}, "en")["name"] == ["Enter “Name”."]


def test_wrong_answers_say_how_it_is_right():
    found = errors({"name": "zu lang", "people": "x", "day": "31.02.2026", "kind": "z"})
    assert found["name"] == ["„Name“ darf höchstens 5 Zeichen haben (es sind 7)."]
    assert found["people"] == [
        "Geben Sie „Personen“ als ganze Zahl an, zum Beispiel 12."
    ]
    assert found["day"] == [
        "Geben Sie für „Tag“ ein gültiges Datum an, zum Beispiel 24.12.2026."
    ]
    assert found["kind"] == ["Wählen Sie für „Art“ eine der angebotenen Möglichkeiten."]
    assert errors({"people": "12"})["people"] == ["„Personen“ darf höchstens 9 sein."]
    assert errors({"people": "0"}, "en")["people"] == ["“Personen” must be 1 or more."]


def test_a_label_with_a_percent_sign_is_shown_as_it_is():
    class Percent(ClearErrorsMixin, forms.Form):
        share = forms.CharField(label="Anteil in %", max_length=2)

    with translation.override("de"):
        form = Percent({"share": "100"})
        assert not form.is_valid()
    assert form.errors["share"] == [
        "„Anteil in %“ darf höchstens 2 Zeichen haben (es sind 3)."
    ]


@pytest.mark.django_db
def test_newsletter_sign_up_in_both_languages():
    with translation.override("de"):
        form = SubscribeForm({"email": "kein-at-zeichen", "language": "de"})
        assert not form.is_valid()
        assert form.errors["email"] == [
            "Geben Sie eine E-Mail-Adresse im richtigen Format an, zum Beispiel "
            "name@beispiel.de."
        ]
    with translation.override("en"):
        form = SubscribeForm({"language": "en"})
        assert not form.is_valid()
        assert form.errors["email"] == ["Enter “Email address”."]
