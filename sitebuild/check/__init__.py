"""Check the loaded content: first against questions.schema.json, then the rules a schema
cannot say, then the markup. Each concern is a module here:

- schema.py: the schema's errors, and YAML 1.1's surprises, in plain words;
- rules.py: ids, references between sections, bands, reference profiles, scoring;
- markup.py: markup that could run code, HTML and Markdown the site would not show, stray quotes;
- words.py: how every message names a place, a count and a near miss.

Every problem is collected, none stops the others, and each says what is wrong and how
to fix it. The checks after the schema are written defensively: they look only at the
parts whose shape is right (`invalid` says which are not), so one mistake is not reported
ten times, and no content, however wrong, makes them fail.
"""

from .markup import ACTIVE_MARKUP, MAX_BRACKETS, TAG, check_markdown, check_markup, check_stray_quotes, strings
from .rules import (
    check_advice_levels,
    check_bands,
    check_dimension_statements,
    check_floor,
    check_not_sure_words,
    check_reference_profiles,
    check_references,
    check_role_views,
    check_statement_wording,
    check_unique_ids,
    scale_points,
)
from .schema import check_number_forms, check_schema, read_single_reference_as_list
from .words import closest, describe

# Used elsewhere (the translation checks, bench/worst.py, tests): kept importable from here.
__all__ = [
    "ACTIVE_MARKUP",
    "MAX_BRACKETS",
    "TAG",
    "check_content",
    "check_markdown",
    "check_markup",
    "closest",
    "describe",
    "strings",
]

OVERSIZED = {"maxItems", "maxProperties"}  # a list or group longer than the schema allows


def check_content(loaded, schema, problems):
    """Add every problem of `loaded` to `problems`: the schema's first, as every later
    rule skips the paths it found wrong (`invalid`); none of the rules when a list or group
    is longer than the schema allows; the bands only when the schema found them sound."""
    read_single_reference_as_list(loaded)
    invalid = check_schema(loaded, schema, problems)
    check_number_forms(loaded, invalid, problems)
    check_stray_quotes(loaded, invalid, problems)
    if any(validators & OVERSIZED for validators in invalid.values()):
        return  # the schema said what to cut; the rules below would be slow and noisy until then
    data = loaded.data if isinstance(loaded.data, dict) else {}
    ids = check_unique_ids(data, invalid, problems)
    check_references(data, ids, invalid, problems)
    check_dimension_statements(data, ids, invalid, problems)
    check_statement_wording(data, invalid, problems)
    points = scale_points(data, invalid)
    if not any(path[:1] == ("bands",) for path in invalid):
        check_bands(data, ids, points, problems)
    check_reference_profiles(data, ids, points, problems)
    check_not_sure_words(data, problems)
    check_advice_levels(data, problems)
    check_floor(data, problems)
    check_role_views(data, problems)
    check_markup(loaded, schema, invalid, problems)
