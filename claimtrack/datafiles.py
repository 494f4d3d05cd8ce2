"""Reading the bundled data files (lexicons, registries, gazetteers).

They are large enough that PyYAML's pure-Python loader cost about a second of
every process's start-up; libyaml's loader, when PyYAML was built with it,
reads the same YAML several times faster."""

import yaml

_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def parse_yaml(text: str):
    """`yaml.safe_load`, through libyaml when it is there."""
    return yaml.load(text, Loader=_SAFE_LOADER)
