"""The floor: a Streamlit page with about the widgets of one step of the real app, and no logic.

Like a step it has a help popover, a progress bar, a few pills and a segmented control, a text
field, back and next, and a few buttons to jump to earlier steps: nine widgets in all.

Whatever this page costs is Streamlit's own cost; the real app can come close to it, never below.
Run it the same way as the app: `streamlit run veerkracht/bench/floor_app.py`.
"""

import streamlit as st

FEELINGS = ["😀 Blij", "🙂 Rustig", "😐 Gewoon", "😟 Zorgen"]
STRENGTHS = ["⚽ Sport", "🎨 Maken", "🎮 Gamen", "🤝 Helpen", "🎵 Muziek", "📚 Leren"]
CLOSENESS = ["Dichtbij", "Een beetje", "Verder weg"]

st.set_page_config(page_title="Vloer", page_icon="⭐")
with st.popover("Hulp nodig?", icon="🛟"):
    st.markdown("Je kunt altijd met iemand praten.")
st.progress(0.4, text="Stap 2 van 6")
st.header("Ik zelf")
st.write("Kies wat bij je past. Niets is verplicht.")
st.pills("Hoe voel je je vandaag?", FEELINGS, key="floor_feeling")
st.pills("Waar ben je goed in?", STRENGTHS, selection_mode="multi", key="floor_strengths")
st.segmented_control("Hoe dichtbij is dat?", CLOSENESS, key="floor_closeness")
st.text_input("Wil je nog iets zeggen?", key="floor_words")
back, forward = st.columns(2)
back.button("Terug", key="floor_back")
forward.button("Volgende", type="primary", key="floor_next")
with st.expander("Ga naar stap", icon="🗺️"):
    for number in range(1, 4):
        st.button(f"{number}. Stap {number}", type="tertiary", key=f"floor_jump_{number}")
