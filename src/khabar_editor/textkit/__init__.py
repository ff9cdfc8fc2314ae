"""Devanagari text primitives: normalization, words, graphemes, digits.

Offsets are Python code points everywhere in the core; only ``ui/`` converts
them to Qt's UTF-16 positions.
"""
