"""The reader on the corpus's printouts (tests/student_corpus) cut, repeated, altered and
relabelled as expressions: a report or a one-line ValueError, never another exception
(the command line's exit 2 with one line rests on that)."""

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from student_corpus import CORPUS, printed_run
from test_recognise_fuzz import check_or_refuse

from autoencoder.cli import main

TEXTS = {name: printed_run(make).text for name, make in CORPUS.items()}
FUZZ = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
LABEL = re.compile(r"^(\s*)([A-Za-z_]\w*)", re.MULTILINE)
FORMS = ["self.{}", "net['{}']", 'params[0]["{}"]', "model.layers[1].{}", "{}[0]", "nn.{}.T"]


@FUZZ
@given(
    name=st.sampled_from(sorted(TEXTS)),
    edits=st.lists(st.tuples(st.integers(0, 200), st.integers(0, 5)), max_size=8),
    form=st.sampled_from(FORMS),
    junk=st.sampled_from(["", "[", "]]", "array(", "1e309", "nan", "...", "= =", ":", "In [ ]:"]),
)
def test_corpus_printouts_cut_repeated_altered_and_relabelled(name, edits, form, junk):
    lines = TEXTS[name].split("\n")
    for where, how in edits:
        i = where % len(lines)
        if how == 0:
            del lines[i]
        elif how == 1:
            lines.insert(i, lines[i])
        elif how == 2:
            lines[i] = LABEL.sub(lambda m: m[1] + form.format(m[2]), lines[i], count=1)
        elif how == 3:
            lines[i] = lines[i] + junk
        elif how == 4:
            lines[i] = lines[i].replace("0.", "7.", 1)
        else:
            lines[i] = junk + lines[i]
        if not lines:
            break
    check_or_refuse("\n".join(lines))


@settings(max_examples=25, deadline=None)
@given(st.sampled_from(sorted(TEXTS)), st.integers(0, 3000))
def test_the_command_line_exits_2_with_one_line_on_a_cut_printout(tmp_path_factory, name, cut):
    path = tmp_path_factory.mktemp("cut") / "p.txt"
    path.write_text(TEXTS[name][:cut] + "[[")
    import contextlib
    import io

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            status = main(["check", str(path), "--json"])
        except SystemExit as exit_:
            status = exit_.code
    if status == 2:
        assert err.getvalue().startswith("autoencoder check: error: ")
        assert err.getvalue().count("\n") == 1 and out.getvalue() == ""
    else:
        assert status == 0 and out.getvalue().startswith("{")
