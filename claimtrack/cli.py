"""claimtrack command line: thin click commands over plain functions."""

from __future__ import annotations

import click


@click.group()
@click.version_option()
def cli():
    """Source attribution and claim tracking for conflict news."""
