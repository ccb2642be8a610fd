"""Start with: streamlit run app.py (or: make run)."""

from veerkracht.ui.app import main

main()
