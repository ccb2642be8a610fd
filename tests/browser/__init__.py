"""Tests that drive the real app in headless Chromium, as a student and coach would."""
