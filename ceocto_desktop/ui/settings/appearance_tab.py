"""Settings › Appearance: as the system, light or dark, applied at once and kept."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QComboBox, QFormLayout, QLabel, QWidget

from ceocto_desktop.ui import theme
from ceocto_desktop.ui.widgets.basic import named


class AppearanceTab(QWidget):
    """The scheme the window is painted in; many desktops report no scheme at all."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("appearanceTab")
        self.scheme = named("appearanceSetting", QComboBox())
        for key, label in theme.APPEARANCES.items():
            self.scheme.addItem(label, key)
        self.scheme.setCurrentIndex(list(theme.APPEARANCES).index(theme.chosen_appearance()))
        self.scheme.currentIndexChanged.connect(self._chosen)
        hint = QLabel(
            "“As the system” follows the desktop's light or dark setting; where the desktop "
            "does not say, the window stays light."
        )
        hint.setWordWrap(True)
        hint.setProperty("role", "muted")
        form = QFormLayout(self)
        form.addRow("Colours", self.scheme)
        form.addRow("", hint)

    def _chosen(self, index: int) -> None:
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        theme.choose_appearance(app, str(self.scheme.itemData(index)))
