"""cnprivacy: China's data-protection regime as executable, dated, cited software."""

__version__ = "0.1.0"
__all__ = ["__version__"]
