"""Cold-start floor: a minimal Streamlit page with one card (``streamlit run`` of this file)."""

import streamlit as st

st.metric("minimal", "1")
