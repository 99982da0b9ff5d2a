"""`python -m ceocto_desktop` runs the `ceocto` command."""

import sys

from ceocto_desktop.cli.launch import main

sys.exit(main())
