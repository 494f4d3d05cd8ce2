"""claimtrack: source attribution and claim tracking for conflict news."""

__version__ = "0.1.0"
