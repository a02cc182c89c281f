"""Generate, build and serve the site with live reload: `python scripts/serve.py [--seeds DIR] [--dev-addr HOST:PORT]`."""

import sys

from briefing.serve import main

if __name__ == "__main__":
    sys.exit(main())
