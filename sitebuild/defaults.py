"""Fill in the schema's defaults: the step between the check and the render.

The check reads the content as its author wrote it; once it passes, every optional
field left out gets the schema's `default` (`reverse: false`, `min_group_size: 5`), so
templates and scripts can read every field of checked content without asking first.
"""

import copy


def fill_defaults(data, schema):
    """Write in the schema's default for every optional field left out of `data`, in place."""
    if isinstance(data, dict):
        for key, sub in schema.get("properties", {}).items():
            if key not in data and "default" in sub:
                data[key] = copy.deepcopy(sub["default"])
            if key in data:
                fill_defaults(data[key], sub)
    elif isinstance(data, list) and isinstance(schema.get("items"), dict):
        for value in data:
            fill_defaults(value, schema["items"])
