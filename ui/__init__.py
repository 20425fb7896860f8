"""Streamlit pieces of the app. Each module renders one part from a Ctx; the model is in sim/."""
