"""Generate docs/ from seeds/: `python scripts/build.py [--seeds DIR] [--out DIR]`."""

import sys

from briefing.build import main

if __name__ == "__main__":
    sys.exit(main())
