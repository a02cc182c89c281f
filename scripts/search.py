"""The site's search: `python scripts/search.py choose auto --seeds seeds` prints lunr or pagefind;
`python scripts/search.py index site` indexes a built site with Pagefind (scripts/briefing/search.py)."""

import sys

from briefing.search import main

if __name__ == "__main__":
    sys.exit(main())
