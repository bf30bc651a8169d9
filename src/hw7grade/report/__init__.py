"""Report values and writers (console, JSON, ...); each writer is one module."""
