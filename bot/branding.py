"""The foundation's branding and data controller, from a data file (data/content/branding.yml, or
BRANDING_FILE): name, logo, colours, privacy links. Checked at load time with errors that name the
file, the key and what is wrong."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
ADDRESS = re.compile(r"^(https://[^\s\"'<>]+|/[^\s\"'<>]*)$")


class BrandingError(ValueError):
    """The branding file cannot be used; the message names the file, the key and the fix."""


@dataclass(frozen=True)
class Link:
    title: str
    url: str


@dataclass(frozen=True)
class Branding:
    foundation_name: str
    tagline: str
    logo_url: str
    logo_alt: str
    primary: str
    link: str
    controller_name: str
    controller_address: str
    controller_email: str
    privacy_links: tuple[Link, ...]


def _text(source: str, data: dict[str, Any], key: str, required: bool = True) -> str:
    value = data.get(key, "")
    if not isinstance(value, str) or (required and not value.strip()):
        raise BrandingError(f"{source}: {key!r} must be {'a non-empty' if required else 'a'} text")
    return value.strip()


def load_branding(path: Path) -> Branding:
    source = str(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as error:
        raise BrandingError(f"{source}: cannot be read ({error})") from error
    colours = data.get("colours") or {}
    controller = data.get("data_controller") or {}
    if not isinstance(colours, dict) or not isinstance(controller, dict):
        raise BrandingError(f"{source}: 'colours' and 'data_controller' must be mappings")
    for key in ("primary", "link"):
        if not COLOUR.match(str(colours.get(key, ""))):
            raise BrandingError(f"{source}: colours.{key} must be a colour like '#0b3d6b'")
    logo = _text(source, data, "logo_url", required=False)
    if logo and not ADDRESS.match(logo):
        raise BrandingError(f"{source}: logo_url must start with https:// or / (or be empty)")
    links = []
    for index, raw in enumerate(data.get("privacy_links") or []):
        if not isinstance(raw, dict) or not ADDRESS.match(str(raw.get("url", ""))):
            raise BrandingError(f"{source}: privacy_links[{index}] needs a title and an https:// or / url")
        links.append(Link(_text(source, raw, "title"), raw["url"]))
    return Branding(
        foundation_name=_text(source, data, "foundation_name"),
        tagline=_text(source, data, "tagline", required=False),
        logo_url=logo,
        logo_alt=_text(source, data, "logo_alt", required=False),
        primary=colours["primary"],
        link=colours["link"],
        controller_name=_text(source, controller, "name"),
        controller_address=_text(source, controller, "address"),
        controller_email=_text(source, controller, "email"),
        privacy_links=tuple(links),
    )


@lru_cache(maxsize=4)
def branding_from(path: Path) -> Branding:
    return load_branding(path)
