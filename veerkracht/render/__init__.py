"""Drawings of the support map: the Plotly figure for the screen and the PDF to take home."""
