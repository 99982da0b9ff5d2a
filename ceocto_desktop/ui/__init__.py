"""PySide6 widgets, item models and dialogs: the only layer that imports QtWidgets."""
