"""``python -m eventplan``: the same as the ``eventplan`` command."""

import sys

from eventplan.cli import main

sys.exit(main())
