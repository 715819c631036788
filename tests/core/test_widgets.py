from gen.core.widgets import FastSelect


def test_fast_select_marks_the_chosen_option_and_escapes_labels():
    widget = FastSelect(choices=[("", "Toutes"), ("32", "Hauts-de-France"), ("x", "<b>é & co</b>")])

    html = widget.render("region", "32", attrs={"id": "id_region", "class": "fr-select"})

    assert html.startswith('<select name="region" ')
    assert ' id="id_region"' in html and ' class="fr-select"' in html
    assert html.endswith(
        '<option value="">Toutes</option>'
        '<option value="32" selected>Hauts-de-France</option>'
        '<option value="x">&lt;b&gt;é &amp; co&lt;/b&gt;</option>'
        "</select>"
    )
