"""Reading a number someone typed or put in an address."""


def is_digits(text: str) -> bool:
    """Whether `text` is ASCII digits only, so int() can read it. str.isdigit() alone also
    accepts characters such as "²", which int() refuses (a server error, found by the
    fuzzer in tests/fuzz)."""
    return text.isascii() and text.isdigit()
