"""Sijill's Pelican plugin: seeds in, a right-to-left, searchable, citable archive out."""

from .plugin import register

__all__ = ["register"]
