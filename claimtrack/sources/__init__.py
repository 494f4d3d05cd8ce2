"""Known sources: registry data, aliases, affiliations, cross-article identity."""
