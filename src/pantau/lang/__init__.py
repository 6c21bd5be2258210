"""Language packs: the words of each human language, as validated data."""

from .loader import Pack, available_tags, load_all, load_pack

__all__ = ["Pack", "available_tags", "load_all", "load_pack"]
