"""The bundle's entry point: the same `ceocto` command a pip install gets."""

import sys

from ceocto_desktop.cli.launch import main

if __name__ == "__main__":
    sys.exit(main())
