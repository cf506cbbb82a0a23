"""The one verdict on a whole check, honest about what it covered.

A step is judged when its end is checked: the updated parameters (``W2 b2`` and ``W1 b1``;
the biases only where the net has them). Each phase is judged on the student's own inputs,
so updated parameters that are the rule's mean the step is right even where the phases
before them were not printed. The verdict is ``wrong`` (some array is a known mistake or a
mismatch), ``correct`` (nothing wrong and the step's end checked) or ``incomplete``
(nothing wrong among too little to judge the step: the summary says what to print). The page
and the command line both show :func:`summarise`'s ``text``; nothing else says "well done".
"""

from autoencoder.core.phases import PHASE_NAMES, UPDATES

WRONG = ("known-mistake", "mismatch")
WELL_DONE = "Every phase you gave matches the rule"


def needed_arrays(biases: bool = True) -> list[str]:
    """The arrays that judge a step: the updated parameters, as ``after.W2`` ..."""
    names = [n for phase in ("update_output", "update_hidden") for n in UPDATES[phase][:2]]
    return [f"after.{n}" for n in names if biases or n.startswith("W")]


def _shown_name(key: str, names: dict) -> str:
    """``after.W2`` as the student names W2 (their variable), or W2 itself."""
    bare = key.removeprefix("after.")
    return names.get(bare, bare)


def summarise(
    phases: dict, biases: bool = True, names: dict | None = None, caveat: str = ""
) -> dict:
    """``{"verdict", "checked", "not_checked", "to_print", "text"}`` for ``phases`` (the
    checker's verdict per phase, each with its ``arrays``). ``names``: the student's own
    variable for a key (``{"W2": "wout"}``), to say what to print in their words;
    ``caveat``: what a "correct" rests on that the numbers could not settle."""
    names = names or {}
    checked = [p for p in PHASE_NAMES if phases[p]["status"] != "missing"]
    wrong = [p for p in checked if phases[p]["status"] in WRONG]
    given = {
        f"after.{name}" if phase in UPDATES else name
        for phase in PHASE_NAMES
        for name, verdict in phases[phase]["arrays"].items()
        if verdict["status"] != "missing"
    }
    to_print = [key for key in needed_arrays(biases) if key not in given]
    not_checked = [p for p in PHASE_NAMES if p not in checked]
    summary = {"checked": checked, "not_checked": not_checked, "to_print": to_print}
    if wrong:
        more = f"; {len(wrong) - 1} more after it" if len(wrong) > 1 else ""
        text = f"Not right yet: the first phase that is not the rule's is {wrong[0]}{more}."
        return {"verdict": "wrong", **summary, "text": text}
    if to_print:
        what = ", ".join(_shown_name(key, names) for key in to_print)
        if not checked:
            done = "Nothing could be checked"
        else:
            done = (
                f"Nothing you gave is wrong, but only {len(checked)} of the "
                f"{len(PHASE_NAMES)} phases were checked ({', '.join(checked)})"
            )
        text = (
            f"{done}, so the step is not judged. To judge it, print the updated "
            f"parameters after the update: {what} (and, to find a slip where it happens, "
            f"each phase's array: {', '.join(not_checked) or 'all given'})."
        )
        return {"verdict": "incomplete", **summary, "text": text}
    if not_checked:
        text = (
            f"{WELL_DONE}, and your updated parameters are the rule's: the step is right. "
            f"({', '.join(not_checked)} not printed, so not checked one by one.)"
        )
    else:
        text = f"{WELL_DONE}. Well done."
    return {"verdict": "correct", **summary, "text": f"{text} {caveat}".strip()}
