"""Write the hostile-Markdown corpus: one seed file per class of super-linear input.

Each ``<class>.txt`` holds the unit that is repeated to build a body of any size
(``tests/render/test_linear_render.py`` grows it from n to 4n). Run from anywhere:
``python tests/data/hostile/markdown/make_corpus.py``.
"""

from pathlib import Path

HERE = Path(__file__).resolve().parent

# class -> (seed unit, shape). Shapes: "run" repeats the unit in one block, "blocks"
# repeats it as separate paragraphs (N becomes the paragraph number), "lines" repeats
# it as lines of one block, "nest" is "step|line": line i is step * i + line.
CORPUS = {
    "unclosed_tag": ("<a ", "run"),            # 36 KB took 25 s to export
    "open_bracket": ("[", "run"),              # link text scanned to the end per "["
    "link_open": ("[a](", "run"),              # link target scanned to the end per "]("
    "image_open": ("![", "run"),
    "emphasis": ("*a", "run"),
    "underscore": ("_a", "run"),
    "double_quote": ('"', "run"),              # smarty: a placeholder per quote
    "single_quote": ("'", "run"),
    "mixed_quotes": ("'\"", "run"),
    "comment_open": ("<!--", "run"),
    "attribute_open": ('a="', "run"),
    "quoted_gt": ('<a x=">"', "run"),          # quoted values hide ">" from the tag end
    "backslash": ("\\", "run"),                # 400 KB made every save take 21 s
    "backtick": ("`", "run"),
    "less_than": ("<", "run"),
    "autolink_open": ("<http://", "run"),
    "entities": ("&amp;", "run"),
    "cdata_open": ("<![CDATA[", "run"),
    "line_breaks": ("x  \n", "lines"),
    "smarty_dashes": ("-- ... ", "run"),
    "blockquote_depth": (">", "run"),
    "list_nesting": ("  |- <b>x</b>", "nest"),  # "step|line": each line one step deeper
    "blockquote_nesting": (">| x", "nest"),
    "unclosed_format": ("<b title=N>x", "blocks"),  # reopened in every later paragraph
    "raw_div_nesting": ("<div>", "run"),
    "raw_list_nesting": ("<ul><li>", "run"),
    "tiny_paragraphs": ("x", "blocks"),        # quadratic in the number of blocks
    "loose_list": ("- a", "blocks"),
    "emphasis_paragraphs": ("*a*a*a*a", "blocks"),
}


def main() -> None:
    for name, (unit, shape) in CORPUS.items():
        (HERE / f"{name}.txt").write_text(f"{shape}\n{unit}", encoding="utf-8")


if __name__ == "__main__":
    main()
