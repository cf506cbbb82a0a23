"""The short link (issue 14 item 8): a state named by settings, seed and recipe, replayed
bit-exact; anything else keeps the full link. Both forms round-trip bit for bit."""

import pytest

from autoencoder.core.model import init_params
from autoencoder.io import url as urlstate
from autoencoder.io.recipe import MAX_PHASES, Recipe
from autoencoder.session import transfer
from autoencoder.session.session import Session, Settings, StateError
from autoencoder.session.shortlink import check_recipe, short_query


def act(s: Session, script: str):
    for word in script.split():
        if word == "n":
            s.next_phase()
        elif word == "f":
            s.full_step()
        elif word == "u":
            s.train(until_learned=True)
        elif word == "z":
            s.undo()
        elif word.startswith("t"):
            s.train(int(word[1:]))
        elif word.startswith("g"):
            s.go_to(int(word[1:]))
        elif word.startswith("P"):  # train as the page does, watching the progress
            s.train(int(word[1:]), progress=lambda done: None)
    return s


SCRIPTS = [
    (Settings(), ""),
    (Settings(), "n n n"),
    (Settings(), "n n n n n n n n n n n f f n"),
    (Settings(seed=3, lr=0.5), "n n f t3 n n n z f"),
    (Settings(lr=1.3, momentum=0.6), "f n n t20 n f t7 f"),
    (Settings(dataset="notebook", rule="notebook", activation="shifted-sigmoid"), "f f t5 n"),
    (Settings(dataset="custom", pattern="10110010", loss="cross-entropy"), "n n f u n"),
    (Settings(seed=9), "u n n n n"),
    (Settings(seed=2), "P600 n n"),  # chunked training (progress) replays as it ran
    (Settings(), "f f g4 n"),  # back in the step without undo points (as after a reload)
]


@pytest.mark.parametrize("settings, script", SCRIPTS)
def test_short_link_replays_bit_exact_and_full_link_too(settings, script):
    s = act(Session(settings=settings), script)
    query = short_query(s)
    assert query is not None and "p" not in query
    assert len("&".join(f"{k}={v}" for k, v in query.items())) < 120
    back = transfer.session_from_query(query)
    assert back.to_state().key() == s.to_state().key()  # every bit, all the loss curve
    full = transfer.session_from_query(transfer.query_of(s))  # the full form, after a reload
    assert full.to_state().key() == s.to_state(max_losses=urlstate.URL_LOSSES).key()
    assert short_query(full) == query  # the short link survives the reload
    assert transfer.session_from_query(short_query(back)).to_state().key() == back.to_state().key()


def test_settings_change_before_any_step_keeps_the_short_link():
    s = act(Session(), "n n")
    s.update_settings(lr=0.25, dataset="notebook")
    act(s, "f t4")
    assert transfer.session_from_query(short_query(s)).to_state().key() == s.to_state().key()
    s.update_settings(seed=5)  # a new seed: a fresh network
    assert short_query(s) == {"seed": "5", "lr": "0.25", "dataset": "notebook", "go": ""}


def test_anything_else_keeps_the_full_link():
    s = act(Session(), "f n")
    s.update_settings(lr=0.7)  # after a step: the weights are not this lr's from the seed
    assert short_query(s) is None and "go" not in transfer.query_of(s)
    s.undo()
    assert short_query(s) is not None  # undo brings the recipe back
    s.load_params(init_params(4))
    assert short_query(s) is None
    s.reset()
    assert short_query(s) == {"seed": "0", "go": ""}
    full = transfer.query_of(act(Session(), "f"))
    assert transfer.session_from_query({k: v for k, v in full.items() if k != "go"}).recipe is None


def test_a_full_link_whose_recipe_does_not_give_its_state_has_no_short_link():
    query = transfer.query_of(act(Session(), "f f"))
    query["go"] = "p17"  # one phase short of what p and pos say
    s = transfer.session_from_query(query)
    assert check_recipe(s) is None and short_query(s) is None


@pytest.mark.parametrize(
    "go", ["x3", "p0", "p1.", "t", "p-1", f"p{MAX_PHASES + 1}", ".".join(["u"] * 3), "p01"]
)
def test_bad_recipes_are_refused_naming_go(go):
    with pytest.raises(StateError, match="'go'"):
        transfer.session_from_query({"go": go})


def test_recipe_bounds():
    assert Recipe(("p5000",)).fits() and not Recipe(("p5001",)).fits()
    assert not Recipe(tuple(["p1", "t1"] * 13)).fits()


def test_a_link_without_a_network_is_the_seeds_and_has_a_short_link():
    assert short_query(transfer.session_from_query({})) == {"seed": "0", "go": ""}
    opened = transfer.session_from_query({"seed": "4", "pos": "3.0.0.0"})
    assert short_query(opened) == {"seed": "4", "go": "p3"}
