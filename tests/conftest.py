"""The built sites several test modules read: each is generated and built once per test run."""

import pytest

from site_build import ENGINES, ROOT, build_site


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    """The real site from seeds/, built by `mkdocs build --strict`. Tests only read it."""
    return build_site(ROOT / "seeds", tmp_path_factory.mktemp("seed-site"))


@pytest.fixture(scope="session", params=list(ENGINES))
def hostile_site(request, tmp_path_factory):
    """The site built from the hostile seed of test_hostile.py, by each engine (README: Engines)."""
    from test_hostile import _seed

    folder = tmp_path_factory.mktemp(f"hostile-{request.param}")
    return build_site(_seed(folder), folder / "project", request.param)
