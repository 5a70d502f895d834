#!/usr/bin/env python3
"""Write the JSON Schema of the result model (``cn-budget-report/1``).

    .venv/bin/python scripts/gen_schema.py          # rewrite extractor/schema/*.schema.json
    .venv/bin/python scripts/gen_schema.py --check  # exit 1 when the file is stale

``tests/test_result.py`` refuses a stale schema file.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extractor.result import Result  # noqa: E402

SCHEMA_PATH = ROOT / "extractor" / "schema" / "cn-budget-report-1.schema.json"


def render() -> str:
    schema = Result.model_json_schema(by_alias=True, mode="serialization")
    schema["$id"] = "https://extractor.local/schema/cn-budget-report-1.schema.json"
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


if __name__ == "__main__":
    text = render()
    if "--check" in sys.argv:
        current = SCHEMA_PATH.read_text(encoding="utf-8") if SCHEMA_PATH.exists() else ""
        sys.exit(0 if current == text else 1)
    SCHEMA_PATH.write_text(text, encoding="utf-8")
    print(SCHEMA_PATH)
