"""What one position of the stepping view says in words and equations: the phase panel
(title, one plain sentence, the equation as MathML, the arrays as the notebook prints them),
the inspector for a selected element, and the caption under the status (which example the
step trains on; for a batch step, which of its patterns the graph's nodes show). Pure
functions of a Step; every text is built from numbers and fixed words, and escaped.
"""

from html import escape

from autoencoder.core.model import bits_to_str
from autoencoder.core.phases import Step
from autoencoder.figures.equations import phase_equation_html
from autoencoder.figures.inspector import describe, element_details, inspector_rows
from autoencoder.figures.inspector_equations import element_equations_html
from autoencoder.io.numbers import short

from .phase_text import TITLES, phase_arrays, step_printout
from .phase_text import caption as phase_caption


def panel_html(step: Step, next_bits: str) -> str:
    """The phase panel at ``step``: title, one plain sentence, equation, the arrays as the
    notebook prints them, and every array of the step so far (folded)."""
    name = step.phase
    parts = [
        f"<h4>{escape(TITLES[name])}</h4>",
        f"<p class='sv-lead'>{escape(phase_caption(step))}</p>",
        f"<div class='sv-eq'>{phase_equation_html(step)}</div>",
    ]
    arrays = phase_arrays(step, name)
    if arrays:
        text = "\n".join(f"{n}\n{t}" for n, t in arrays)
        parts.append(f"<pre class='sv-arrays'>{escape(text)}</pre>")
    if step.complete and step.batch:
        parts.append(
            "<p class='sv-caption'>Batch step complete (one epoch): the next click starts "
            f"the next one, again on all {step.n_patterns} patterns.</p>"
        )
    elif step.complete:
        parts.append(
            "<p class='sv-caption'>Step complete: the next click starts the next step on "
            f"x = {escape(next_bits)}.</p>"
        )
    parts.append(
        "<details class='sv-printout'><summary>Every array of this step, as the notebook "
        f"prints them</summary><pre>{escape(step_printout(step))}</pre></details>"
    )
    return "".join(parts)


def batch_note(step: Step, details: dict, pattern: int) -> str:
    """In a batch step, which pattern a node's numbers are for, or that a parameter's
    gradient and change sum all patterns; empty online."""
    if not step.batch:
        return ""
    n = step.n_patterns
    if details["kind"] in ("input", "hidden", "output"):
        bits = bits_to_str(step.x[pattern])
        return f"Pattern {pattern + 1} of {n} (x = {bits}); the batch has a row for each."
    return f"Its gradient and change sum the {n} patterns' products (batch mode)."


def inspector_html(step: Step, element_id: str, rule: str, pattern: int = 0) -> str:
    """The inspector at ``step`` for one element: what it is, its numbers, its equations
    (a batch step: a node's for pattern ``pattern``)."""
    pattern = min(pattern, step.n_patterns - 1)
    details = element_details(step, element_id, pattern)
    rows = "".join(
        f"<tr><td>{escape(q)}</td><td class='sv-num'>{escape(v)}</td></tr>"
        for q, v in inspector_rows(details, rule)
    )
    head = (
        f"<p><b>{escape(element_id)}</b> ({escape(details['kind'])}): "
        f"{escape(describe(element_id, details))}, after phase <code>{escape(step.phase)}</code></p>"
    )
    note = batch_note(step, details, pattern)
    if note:
        head += f"<p class='sv-caption'>{escape(note)}</p>"
    equations = element_equations_html(step, element_id, pattern, details)
    how = (
        "<p class='sv-caption'>How it was computed, in the order of the phases:</p>"
        + "".join(f"<div class='sv-eq'>{e}</div>" for e in equations)
        if equations
        else f"<p class='sv-caption'>Nothing computed for {escape(element_id)} yet in this "
        "step: click Next phase.</p>"
    )
    return f"{head}<table class='sv-table'>{rows}</table>{how}"


def batch_caption(step: Step, pattern: int, rule: str) -> str:
    """A batch step: on what it trains, which pattern the nodes show, what comes next."""
    n = step.n_patterns
    shown = f"x = {bits_to_str(step.x[pattern])}"
    nodes = f"nodes show pattern {pattern + 1} of {n}, {shown}" if n > 1 else f"nodes: {shown}"
    what = "Batch step done" if step.complete else "Batch step"
    head = f"{what} on all {n} patterns (one epoch) · {nodes}; the weight updates sum all {n}"
    if n == 1:
        head = f"{what} on the set's one pattern (one epoch; the same as an online step) · {nodes}"
    next_name = step.next_name or "hidden_z of the next batch step"
    return f"{head} · next: {next_name} · {rule}"


def caption(step: Step, example: int, patterns, next_bits: str, settings, pattern=0) -> str:
    """Which example the step trains on, what comes next, the rule and rate (a batch step:
    which pattern of it the nodes show, ``pattern``)."""
    n = len(patterns)
    rule = f"rule: {settings.rule} · η = {short(settings.lr)}"
    if step.batch:
        return batch_caption(step, min(pattern, step.n_patterns - 1), rule)
    if step.complete:
        return f"Step done on x = {bits_to_str(step.x)}; next step: x = {next_bits} · {rule}"
    where = f" (example {example % n + 1} of {n})" if n > 1 else ""
    return f"Training on x = {bits_to_str(step.x)}{where} · next: {step.next_name} · {rule}"
