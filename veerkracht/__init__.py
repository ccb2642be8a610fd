"""Veerkracht: map an mbo student's sources of support on three levels, with a coach."""

__version__ = "0.1.0"
