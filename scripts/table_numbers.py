"""Where a PDF's numbers sit: in ruled tables, in unruled (aligned) tables, or in other lines.

    .venv/bin/python scripts/table_numbers.py eval/real/docs/*.pdf [--pages]

Per file, the numbers (a decimal, or an integer of two or more digits) inside the cells of
the layout stage's ruled tables, inside its unruled tables (``extractor.layout.unruled``),
and outside both; of the latter, how many sit on lines that look aligned (two or more cells
at wide gaps, one a figure: what an unruled-table detector could still be missing). Pages
that need OCR are skipped. ``--pages`` lists the pages with such aligned-looking lines.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pypdfium2

from extractor.geometry import Box, union
from extractor.ingest.pdf import page_geometry, usable_text_layer
from extractor.ingest.pdfium import read_page
from extractor.layout import lines_of, ruled_tables
from extractor.layout.unruled import segments, unruled_tables

NUMBER = re.compile(r"(?<![\d.])-?\d[\d,]*\.\d+|(?<![\d.])\d{2,}(?![\d.])")


def _inside(box: Box, area: Box) -> bool:
    cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    return area[0] <= cx < area[2] and area[1] <= cy < area[3]


def count(path: Path) -> tuple[dict[str, int], list[int]]:
    counts = {"ruled": 0, "unruled": 0, "other": 0, "aligned-looking": 0}
    pages: list[int] = []
    pdf = pypdfium2.PdfDocument(str(path))
    try:
        for number in range(1, len(pdf) + 1):
            page = pdf[number - 1]
            try:
                objects = read_page(page)
            finally:
                page.close()
            if not usable_text_layer(objects):
                continue
            geometry = page_geometry(objects, number)
            chars = [(ch, box) for w in geometry.words for ch, box in zip(w.text, w.char_boxes(), strict=True)]
            areas = [a for a in (union(cells) for cells in ruled_tables(geometry.rules)) if a is not None]
            ruled = [c for c in chars if any(_inside(c[1], a) for a in areas)]
            rest = [c for c in chars if not c[0].isspace() and not any(_inside(c[1], a) for a in areas)]
            counts["ruled"] += sum(len(NUMBER.findall(line.text)) for line in lines_of(ruled))
            grids, lines = unruled_tables(lines_of(rest))
            counts["unruled"] += sum(len(NUMBER.findall(cell)) for g in grids for row in g.rows for cell in row)
            for line in lines:
                found = len(NUMBER.findall(line.text))
                counts["other"] += found
                segs = segments(line)
                if found and len(segs) >= 2 and any(s.figure for s in segs[1:]):
                    counts["aligned-looking"] += found
                    pages.append(number)
    finally:
        pdf.close()
    return counts, sorted(set(pages))


def main(argv: list[str]) -> None:
    total = {"ruled": 0, "unruled": 0, "other": 0, "aligned-looking": 0}
    for arg in (a for a in argv if not a.startswith("--")):
        counts, pages = count(Path(arg))
        for k, v in counts.items():
            total[k] += v
        extra = f"  pages {pages}" if "--pages" in argv and pages else ""
        print(f"{Path(arg).name:28s} " + "  ".join(f"{k} {v:5d}" for k, v in counts.items()) + extra)
    all_numbers = sum(total[k] for k in ("ruled", "unruled", "other")) or 1
    print("total".ljust(28), "  ".join(f"{k} {v} ({v / all_numbers:.1%})" for k, v in total.items()))


if __name__ == "__main__":
    main(sys.argv[1:])
