"""The one-click briefing 情景测算说明 (.docx): sim.briefing.document builds it, sim.briefing.charts
renders the app's charts for it."""

from .document import DOCX_MIME, briefing_bytes

__all__ = ["DOCX_MIME", "briefing_bytes"]
