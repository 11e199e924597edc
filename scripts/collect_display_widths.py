#!/usr/bin/env python3
"""Writes the code point ranges docutils measures as 2 columns (East Asian Width W or F) and as
0 columns (a non-zero canonical combining class), as docutils.utils.column_width does, so a
README.rst title gets an over/underline docutils accepts.

Usage: python3 scripts/collect_display_widths.py core/generator/display-width-ranges.json
"""
import json
import sys
import unicodedata


def ranges(test):
    found = []
    for cp in range(0x110000):
        if test(chr(cp)):
            if found and found[-1][1] == cp - 1:
                found[-1][1] = cp
            else:
                found.append([cp, cp])
    return [number for pair in found for number in pair]


def main():
    document = {
        'unicode': unicodedata.unidata_version,
        'wide': ranges(lambda c: unicodedata.east_asian_width(c) in 'WF'),
        'combining': ranges(lambda c: unicodedata.combining(c) != 0),
    }
    with open(sys.argv[1], 'w', encoding='utf-8') as handle:
        json.dump(document, handle, separators=(',', ':'))
        handle.write('\n')


if __name__ == '__main__':
    main()
