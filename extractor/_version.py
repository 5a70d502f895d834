"""The package version, alone in its module so that any stage can read it without importing the package root."""

__version__ = "0.1.0"
