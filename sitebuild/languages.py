"""What the team report needs to read a survey export made in any of the site's languages.

A French team's export names statements by their French text and gives French scale
labels and roles; the report on the English pages still has to match them. match_texts
gathers, from every language's content, the words the report matches by text; the build
writes the result once, as texts.json at the site's root, and teampage.js fetches it when
a report is first read on a site with several languages (a one-language site has no
texts.json: its pages carry their own words).
"""

TEXTS_FILE = "texts.json"  # at the site's root; static/js/teampage.js fetches it from there


def match_texts(contents):
    """The words to match, in every language: `contents` are the merged contents, the
    source's first, all with the same ids (as the translation check ensures). Returns

        {"statements": {statement id: [text, ...]},
         "labels": [[label of 1, ...], [label of 2, ...], ...],
         "notSure": [label, ...],             (empty when the scale has no "not sure")
         "roles": {role id: [label, ...]},
         "roleQuestion": [ui.team_kit_role_question, ...]}

    each list in the order of `contents`, a word given twice (a text a translation left as
    it was) once. Pure: it reads nothing and writes nothing."""
    source = contents[0]

    def every(words):
        return list(dict.fromkeys(word for word in words if word))

    def by_id(section, field):
        words = [{item["id"]: item[field] for item in content[section]} for content in contents]
        return {item["id"]: every(language.get(item["id"]) for language in words) for item in source[section]}

    return {
        "statements": by_id("statements", "text"),
        "labels": [
            every(content["scale"]["labels"][index] for content in contents)
            for index in range(len(source["scale"]["labels"]))
        ],
        "notSure": every(content["scale"].get("not_sure") for content in contents)
        if "not_sure" in source["scale"]
        else [],
        "roles": by_id("roles", "label"),
        "roleQuestion": every(content["ui"]["team_kit_role_question"] for content in contents),
    }
