"""The browser's tests here use the system's Chromium, as tests/web's do, with no way out to the network."""

from tests.web.conftest import browser_type_launch_args  # noqa: F401  (a fixture, used by name)
