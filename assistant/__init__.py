"""samarbeid: which form of collaboration between Nav and a social entrepreneur fits, and what it takes."""

import os

__version__ = "0.1.0"

# samarbeid uses no pydantic plugins. Without this, pydantic's first model scans the entry points of every
# installed distribution for them, some 50 ms of each start (`decide`, the server, the assistant's first
# model); the variable is pydantic's documented switch. Set by the caller, it is left as they set it.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
