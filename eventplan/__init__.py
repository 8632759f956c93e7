"""eventplan: security deployment planning for large public events."""

__version__ = "0.1.0"
