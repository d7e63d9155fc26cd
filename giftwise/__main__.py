"""Allow ``python -m giftwise``."""

from giftwise.cli import main

main()
