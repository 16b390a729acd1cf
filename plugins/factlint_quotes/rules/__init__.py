"""The rules of the quotes plugin, one per module."""
