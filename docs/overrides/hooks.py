"""MkDocs hooks: stamp every page with the torch version the build ran against."""

from typing import Any

import torch


def on_config(config: Any) -> Any:
    # Taken from the running torch, never typed by hand.
    config.extra["torch_version"] = torch.__version__
    return config
