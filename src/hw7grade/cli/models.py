"""`hw7grade models`: the model aliases, and which keys and endpoints are set (never the keys)."""

from __future__ import annotations

import os

import typer


def models() -> None:
    """List model aliases for `ask --model` and whether each provider's key is set."""
    from urllib.parse import urlsplit

    from ..providers.models import PROVIDERS, aliases
    from ..providers.registry import prefixes

    lines = [f"Aliases (or use {prefixes()}):"]
    width = max(len(a) for a in aliases())
    for alias, spec in aliases().items():
        lines.append(f"  {alias:<{width}}  {spec.qualified}")
    lines.append("")
    lines.append("Environment:")
    for info in PROVIDERS.values():
        key_state = "set" if os.environ.get(info.key_env, "").strip() else "not set"
        lines.append(f"  {info.key_env}: {key_state}")
        url = os.environ.get(info.base_url_env)
        if url:
            # Show where requests go, without any user:password in the URL.
            parts = urlsplit(url)
            shown = f"{parts.scheme}://{parts.hostname or ''}{':' + str(parts.port) if parts.port else ''}{parts.path}"
            lines.append(f"  {info.base_url_env}: {shown}")
        else:
            lines.append(f"  {info.base_url_env}: not set (the provider's default endpoint)")
    typer.echo("\n".join(lines))
