"""Entry point of `python -m macros`."""
import sys

from .cli import main

sys.exit(main())
