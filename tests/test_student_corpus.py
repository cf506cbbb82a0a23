"""The checker on a corpus of students' printouts (tests/student_corpus): every convention
and notation, with and without biases, and one bug of each kind. The expected verdict, the
first wrong phase or none, is derived from central finite differences of each student's own
loss (student_corpus/judge.py), never written by hand."""

import pytest
from student_corpus import CORPUS, first_wrong, printed_run

from autoencoder.check.checker import check_text

# Not yet judged right (strict: each must fail until it is fixed, then leave this list).
NOT_YET: set[str] = set()


@pytest.fixture(
    scope="module",
    params=[
        pytest.param(name, marks=pytest.mark.xfail(strict=True) if name in NOT_YET else ())
        for name in sorted(CORPUS)
    ],
)
def judged(request):
    run = printed_run(CORPUS[request.param])
    return run, first_wrong(run)


def corpus_score() -> tuple[int, list[str]]:
    """How many of the corpus get the first wrong phase right, and which do not (for the
    report; the test below holds each one)."""
    wrong = []
    for name, make in sorted(CORPUS.items()):
        run = printed_run(make)
        try:
            got = check_text(run.text)["first_mismatch"]
        except ValueError as exc:
            got = f"refused: {exc}"
        if got != first_wrong(run):
            wrong.append(f"{name}: {got} (expected {first_wrong(run)})")
    return len(CORPUS) - len(wrong), wrong


def test_the_first_wrong_phase_is_the_referees(judged):
    run, expected = judged
    report = check_text(run.text)
    assert report["first_mismatch"] == expected
    if expected is None:
        assert report["summary"]["verdict"] == "correct", report["summary"]
    else:
        assert report["summary"]["verdict"] == "wrong"


if __name__ == "__main__":
    score, misses = corpus_score()
    print(f"{score} of {len(CORPUS)}")
    print("\n".join(misses))
