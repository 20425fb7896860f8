"""Liupanshui annual-plan scenario simulator: a sector projection model seeded with 2023 actuals.

The package never imports streamlit. ``sim.io`` is the only module that reads files; every
other module is pure functions over numpy arrays shaped (draws, years, ...).
"""

__version__ = "0.1.0"
MODEL_NAME = f"LPS-Sim {__version__}"
