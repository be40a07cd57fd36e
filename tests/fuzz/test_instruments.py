"""The fuzzer's own instruments, so that "nothing written" and "the form's fields"
mean what the fuzz tests take them to mean."""

import pytest
from django.contrib.sessions.backends.db import SessionStore

from sites.models import Site
from tests.factories import SiteFactory

from .html_forms import post_forms
from .writes import counting_writes

pytestmark = pytest.mark.django_db


def test_writes_are_counted_by_table_and_the_session_is_left_out():
    site = SiteFactory()
    with counting_writes() as nothing:
        assert Site.objects.filter(pk=site.pk).exists()
    assert not nothing

    with counting_writes() as writes:
        SiteFactory()  # an INSERT (with RETURNING where the database has it)
        Site.objects.filter(pk=site.pk).update(name="Renamed")
        Site.objects.filter(pk=site.pk).delete()
        session = SessionStore()
        session["seen"] = True
        session.save()
    assert writes.tables[Site._meta.db_table] == 3
    assert "django_session" not in writes.tables


PAGE = """
<form method="get" action="/search/"><input name="q"></form>
<form method="post" action="/things/1/edit/?next=/x/">
  <input type="hidden" name="version" value="4">
  <input name="title" value="A &amp; B">
  <input type="email" name="email">
  <input type="checkbox" name="tags" value="a" checked><input type="checkbox" name="tags" value="b">
  <input type="radio" name="rag" value="red"><input type="radio" name="rag" value="green" checked>
  <select name="site">
    <option value="">Choose</option><option value="3" selected>Three</option>
  </select>
  <select name="many" multiple><option>One</option><option value="2">Two</option></select>
  <textarea name="notes">
Line one</textarea>
  <button type="submit" name="action" value="save">Save</button>
  <button name="action" value="submit" formaction="/things/1/submit/">Submit</button>
</form>
"""


def test_a_post_form_is_read_with_every_kind_of_field_and_its_buttons():
    (form,) = post_forms(PAGE, "/things/1/edit/")
    assert form.action == "/things/1/edit/?next=/x/"
    fields = {name: (f.kind, f.initial, f.choices) for name, f in form.fields.items()}
    assert fields == {
        "version": ("hidden", ["4"], []),
        "title": ("text", ["A & B"], []),
        "email": ("email", [""], []),
        "tags": ("checkbox", ["a"], ["a", "b"]),
        "rag": ("radio", ["green"], ["red", "green"]),
        "site": ("select", ["3"], ["", "3"]),
        "many": ("select-multiple", [], ["One", "2"]),
        "notes": ("textarea", ["Line one"], []),
    }
    assert [(b.name, b.value, b.action) for b in form.buttons] == [
        ("action", "save", None),
        ("action", "submit", "/things/1/submit/"),
    ]
