"""The server settings the speed figures depend on (see README, Benchmarks)."""

import tomllib
from pathlib import Path

from streamlit import config as streamlit_config

CONFIG = Path(__file__).resolve().parents[1] / ".streamlit" / "config.toml"


def test_no_full_garbage_collection_after_every_run():
    """Streamlit's default gc.collect(2) after each run was ~80% of a click's server CPU."""
    settings = tomllib.loads(CONFIG.read_text())
    assert settings["runner"]["postScriptGC"] is False
    # A misspelt option would be ignored by Streamlit, not refused: check the name is real.
    assert "runner.postScriptGC" in streamlit_config.get_config_options()


def test_every_option_in_the_config_file_is_one_streamlit_knows():
    settings = tomllib.loads(CONFIG.read_text())
    known = streamlit_config.get_config_options()
    names = [f"{section}.{key}" for section, values in settings.items() for key in values]
    assert names and all(name in known for name in names), names
