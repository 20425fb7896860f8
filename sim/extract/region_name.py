"""The region a report names in its title ("煤城市2024年政府工作报告", "2024年贵州省政府工作报告",
"（福建省）2020年福州市人民政府工作报告"): a suggestion for the region box when the planner has
not typed one, shown to them, never written without being seen. Simplified script (OpenCC)."""

from __future__ import annotations

import re

from .normalise import to_simplified

HEAD = 300  # characters of the text's opening searched: the title and the line under it
# A name of 1-8 Chinese characters (not 年) ending in an administrative unit, then the title.
_NAME = (
    r"([\u4e00-\u5e73\u5e75-\u9fff]{1,8}?(?:自治区|自治州|自治县|特区|新区|省|市|县|区|州|盟|旗))"
)
_TITLE = re.compile(
    _NAME + r"\s*(?:人民政府)?\s*(?:关于印发)?\s*(?:\d{4}\s*年)?\s*(?:人民)?政府工作报告"
)


def region_in_title(text: str) -> str | None:
    """The region named in the title of ``text``, simplified, or None."""
    head, _ = to_simplified((text or "")[:HEAD])
    m = _TITLE.search(head)
    return m.group(1) if m else None
