"""Dialogs and the flows that drive them (export, import, restore)."""
