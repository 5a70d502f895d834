"""What an OCR'd page carries downstream (no engine: the document is built as the OCR reader
builds it): each number's confidence in its evidence, the unsure ones listed in provenance,
and findings on OCR'd figures saying so."""

from __future__ import annotations

from array import array
from dataclasses import replace

from extractor.backends import get_backend
from extractor.document import TextBuilder
from extractor.pipeline import LOW_CONFIDENCE, run
from extractor.settings import Settings

SENTENCE = "2023年度支出合计100.00万元，其中：基本支出80.00万元，项目支出30.00万元。"
UNSURE = "30.00"


def _ocr_document(unsure: float):
    """One OCR'd page holding SENTENCE; the engine was unsure (``unsure``) of UNSURE's characters."""
    builder = TextBuilder()
    builder.start_page(1)
    boxes = [(10.0 + 10 * i, 50.0, 20.0 + 10 * i, 62.0) for i in range(len(SENTENCE))]
    builder.paragraph(SENTENCE, boxes=boxes)
    doc = builder.build("scan.pdf", source_format="pdf")
    lo = SENTENCE.index(UNSURE)
    confidence = array("f", [0.99] * len(doc.raw))
    confidence[lo : lo + len(UNSURE)] = array("f", [unsure] * len(UNSURE))
    return replace(doc, confidence=confidence, ocr_pages={1: 0.97})


def test_unsure_numbers_are_kept_with_their_confidence_and_listed() -> None:
    settings = Settings.isolated()
    result = run(_ocr_document(0.6), get_backend("rules", settings), settings)
    by_value = {str(f.value): f for f in result.facts}
    assert {"100.00", "80.00", "30.00"} <= set(by_value)
    assert by_value["30.00"].evidence.confidence == 0.6  # the number's own characters
    assert by_value["80.00"].evidence.confidence == 0.99
    ocr = result.provenance.ocr
    assert ocr is not None and ocr.pages == {1: 0.97} and ocr.low_confidence == LOW_CONFIDENCE
    assert [(u.name, str(u.value)) for u in ocr.uncertain] == [("expenditure.project/actual/current/all", "30.00")]


def test_a_finding_on_ocr_figures_says_they_were_ocrd() -> None:
    settings = Settings.isolated()
    result = run(_ocr_document(0.6), get_backend("rules", settings), settings)
    sums = [f for f in result.findings if f.kind == "sum"]
    assert sums, [f.message for f in result.findings]
    assert all("OCR" in f.message and "0.600" in f.message for f in sums)
    assert all("read by OCR" in (f.message_en or "") for f in sums)


def test_a_text_layer_carries_no_confidence_and_no_ocr_report() -> None:
    builder = TextBuilder()
    builder.start_page(1)
    builder.paragraph(SENTENCE, boxes=[(0.0, 0.0, 1.0, 1.0)] * len(SENTENCE))
    settings = Settings.isolated()
    result = run(builder.build("text.pdf", source_format="pdf"), get_backend("rules", settings), settings)
    assert result.facts and all(f.evidence.confidence is None for f in result.facts)
    assert result.provenance.ocr is None
    assert not any("OCR" in f.message for f in result.findings)
