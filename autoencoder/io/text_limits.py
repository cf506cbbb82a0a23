"""How long each pasted text (or read file) may be: longer is refused before it is read, so
a paste cannot ask for unbounded work. The page's text boxes take the same limits."""

MAX_PASTED_WEIGHTS_CHARS = 50_000  # W1, b1, W2 and b2 pasted in "Load weights"
MAX_ARRAY_CHARS = 200_000  # one printed array (textarrays.parse_array)
MAX_CHECK_FILE_BYTES = 2_000_000  # the file the command line's check reads
MAX_NOTEBOOK_CHARS = 500_000  # a notebook's printed text or a check JSON ("Check my notebook")


def refuse_longer(text: str, limit: int, error: type[Exception] = ValueError) -> None:
    """Raise ``error`` if ``text`` has more than ``limit`` characters."""
    if len(text) > limit:
        raise error(f"the text is longer than {limit} characters")


def read_text_file(path, limit: int, error: type[Exception] = ValueError, name: str = "") -> str:
    """The UTF-8 text of the file at ``path``, of at most ``limit`` bytes; ``error`` (never
    OSError) saying what is wrong, after ``name`` (e.g. the path and ': ') where given."""
    try:
        with open(path, "rb") as fh:
            data = fh.read(limit + 1)
    except OSError as exc:
        raise error(f"cannot read {path}: {exc.strerror or exc}") from None
    if len(data) > limit:
        raise error(f"{name}file is larger than {limit // 1000} kB")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise error(f"{name}file is not UTF-8 text") from None
