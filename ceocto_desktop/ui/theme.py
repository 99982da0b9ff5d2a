"""One design language for light and dark: palette, type scale, spacing, cards and chips.

Every page shares it: the application stylesheet is built here from the same tokens the
delegates paint chips and bars with, so the two never drift apart. Fusion underneath keeps
the widgets' geometry the same on every platform.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSettings, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPainter, QPalette, QPen
from PySide6.QtWidgets import QApplication, QProxyStyle, QStyle, QStyleOption, QWidget

# Spacing steps (px) and the type scale (pt offsets from the system's body size).
SPACE = (4, 8, 12, 16, 24)
TYPE_SCALE = {"caption": -1, "body": 0, "section": 0, "title": 5}


@dataclass(frozen=True)
class Tokens:
    """The colours of one scheme."""

    window: str
    surface: str  # cards, lists, fields
    surface_alt: str
    text: str
    muted: str
    border: str
    accent: str
    selection: str
    selection_text: str
    danger: str
    tones: dict[str, str]  # chip hues by name
    accent_hover: str = "#4353c2"
    focus: str = "#5465d6"  # the focus ring: the accent, seen on every control
    scrollbar: str = "#c9cbd1"
    on_accent: str = "#ffffff"  # text on the accent: white on the light scheme's deep blue


LIGHT = Tokens(
    window="#f6f6f4",
    surface="#ffffff",
    surface_alt="#fafaf8",
    text="#1f2328",
    muted="#6b7079",
    border="#e3e3df",
    accent="#5465d6",
    selection="#dfe4fb",
    selection_text="#1f2328",
    danger="#c0392b",
    tones={
        "grey": "#6b7079",
        "green": "#2f8a4c",
        "amber": "#b26a00",
        "orange": "#c4511f",
        "red": "#c0392b",
        "blue": "#3d6fd1",
        "violet": "#7b52c7",
    },
)
DARK = Tokens(
    window="#1c1e22",
    surface="#23262b",
    surface_alt="#272a30",
    text="#e6e6e6",
    muted="#9a9fa8",
    border="#34383f",
    accent="#8796ff",
    selection="#34406b",
    selection_text="#ffffff",
    danger="#ff7b72",
    tones={
        "grey": "#a3a8b0",
        "green": "#5cc77e",
        "amber": "#e3a33b",
        "orange": "#f08a5d",
        "red": "#ff7b72",
        "blue": "#79a6ff",
        "violet": "#b592ff",
    },
    accent_hover="#9aa7ff",
    focus="#8796ff",
    scrollbar="#4a4f58",
    # The dark scheme's accent is light: white on it read at 2.7:1; near-black reads at 6:1.
    on_accent="#15171c",
)

# Which hue each status, severity and verdict wears (values are the enums' texts).
CHIP_TONES = {
    # goal status
    "proposed": "grey",
    "on track": "green",
    "at risk": "amber",
    "off track": "red",
    "achieved": "blue",
    "dropped": "grey",
    # severity
    "low": "grey",
    "medium": "amber",
    "high": "orange",
    "critical": "red",
    # obstacle status
    "open": "amber",
    "in progress": "blue",
    "resolved": "green",
    "accepted": "grey",
    # decision status and verdict
    "decided": "blue",
    "reviewed": "green",
    "superseded": "grey",
    "better": "green",
    "as expected": "blue",
    "worse": "red",
    # commitment status (as the Commitments page says it)
    "asked": "violet",
    "kept": "green",
    # health
    "ahead": "green",
    "behind": "amber",
}


def tokens() -> Tokens:
    """The tokens of the scheme the window is painted in now."""
    return DARK if is_dark() else LIGHT


def tone_colour(value: str) -> QColor:
    """The hue a chip for this value wears in the current scheme."""
    return QColor(tokens().tones[CHIP_TONES.get(value.lower(), "grey")])


def palette_for(t: Tokens) -> QPalette:
    """A Fusion palette from the tokens, disabled text dimmed."""
    palette = QPalette()
    colours = {
        QPalette.ColorRole.Window: t.window,
        QPalette.ColorRole.WindowText: t.text,
        QPalette.ColorRole.Base: t.surface,
        QPalette.ColorRole.AlternateBase: t.surface_alt,
        QPalette.ColorRole.ToolTipBase: t.surface,
        QPalette.ColorRole.ToolTipText: t.text,
        QPalette.ColorRole.Text: t.text,
        QPalette.ColorRole.Button: t.surface,
        QPalette.ColorRole.ButtonText: t.text,
        QPalette.ColorRole.BrightText: t.danger,
        QPalette.ColorRole.Link: t.accent,
        QPalette.ColorRole.Highlight: t.selection,
        QPalette.ColorRole.HighlightedText: t.selection_text,
        QPalette.ColorRole.PlaceholderText: t.muted,
        QPalette.ColorRole.Mid: t.border,
        QPalette.ColorRole.Midlight: t.border,
    }
    for role, value in colours.items():
        palette.setColor(role, QColor(value))
    for role in (
        QPalette.ColorRole.Text,
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.ButtonText,
    ):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(t.muted))
    return palette


def stylesheet(t: Tokens) -> str:
    """The application stylesheet: cards with section headers, calm lists, roomy fields."""
    return _controls(t) + _frames_and_focus(t)


def _controls(t: Tokens) -> str:
    """Cards, lists, fields, buttons, titles and chips."""
    s1, s2, s3, _s4, _s5 = SPACE
    return f"""
QMainWindow, QDialog {{ background: {t.window}; }}
QToolTip {{ background: {t.surface}; color: {t.text}; border: 1px solid {t.border};
    padding: {s1}px {s2}px; }}
QGroupBox {{ background: {t.surface}; border: 1px solid {t.border}; border-radius: 8px;
    margin-top: 22px; padding: {s3}px {s2}px {s2}px {s2}px; }}
QGroupBox::title {{ subcontrol-origin: margin; subcontrol-position: top left;
    left: 2px; top: 2px; padding: 0 {s1}px; color: {t.muted}; font-weight: 600; }}
QTableView, QListView, QTreeView {{ background: {t.surface};
    alternate-background-color: {t.surface_alt}; border: 1px solid {t.border};
    border-radius: 6px; gridline-color: transparent;
    selection-background-color: {t.selection}; selection-color: {t.selection_text}; }}
QHeaderView::section {{ background: {t.surface}; color: {t.muted}; border: none;
    border-bottom: 1px solid {t.border}; padding: {s1}px {s2 - 2}px; font-weight: 600; }}
QLineEdit, QPlainTextEdit, QTextEdit, QSpinBox, QDoubleSpinBox {{ background: {t.surface};
    border: 1px solid {t.border}; border-radius: 5px; padding: 3px {s1 + 2}px;
    selection-background-color: {t.accent}; selection-color: {t.on_accent}; }}
QLineEdit:focus, QPlainTextEdit:focus, QTextEdit:focus {{ border: 1px solid {t.accent}; }}
QPushButton {{ background: {t.surface}; border: 1px solid {t.border}; border-radius: 5px;
    padding: {s1 + 1}px {s3}px; }}
QPushButton:hover {{ border-color: {t.accent}; }}
QPushButton:disabled {{ color: {t.muted}; }}
QPushButton[role="primary"] {{ background: {t.accent}; color: {t.on_accent};
    border-color: {t.accent}; }}
QLabel[role="muted"] {{ color: {t.muted}; }}
QLabel[role="section"] {{ color: {t.muted}; font-weight: 600; }}
QLabel[role="title"] {{ font-size: {TYPE_SCALE["title"] + 10}pt; font-weight: 600; }}
QPlainTextEdit[role="docTitle"] {{ font-size: {TYPE_SCALE["title"] + 10}pt; font-weight: 600;
    border: 1px solid transparent; background: transparent; padding: 2px 2px; }}
QPlainTextEdit[role="docTitle"]:hover {{ border: 1px solid {t.border}; }}
QPlainTextEdit[role="docTitle"]:focus {{ border: 2px solid {t.focus}; background: {t.surface};
    padding: 1px 1px; }}
QLineEdit[role="docTitle"] {{ font-size: {TYPE_SCALE["title"] + 10}pt; font-weight: 600;
    border: 1px solid transparent; background: transparent; padding: 2px 4px; }}
QLineEdit[role="docTitle"]:hover {{ border: 1px solid {t.border}; }}
QLineEdit[role="docTitle"]:focus {{ border: 2px solid {t.focus}; background: {t.surface};
    padding: 1px 3px; }}
QFrame[role="chip"] {{ background: {t.surface_alt}; border: 1px solid {t.border};
    border-radius: 12px; }}
QFrame[role="chip"]:hover {{ border-color: {t.accent}; }}
QLabel[role="chipName"] {{ color: {t.muted}; }}
QFrame[role="chip"] QComboBox {{ border: none; background: transparent; padding: 1px 4px; }}
QFrame[role="chip"] QComboBox:focus {{ border: 1px solid {t.focus}; border-radius: 4px; }}
QFrame[role="chip"] QLineEdit {{ border: 1px solid transparent; background: transparent;
    padding: 1px 2px; }}
QFrame[role="chip"] QLineEdit:focus {{ border: 1px solid {t.focus}; border-radius: 4px; }}
QFrame[role="chip"] QCheckBox {{ padding: 2px 6px 2px 0; }}
QListWidget#goalHistory, QListWidget#obstacleHistory, QListWidget#decisionHistory {{
    border: none; background: transparent; }}
"""


def _frames_and_focus(t: Tokens) -> str:
    """Cards, splitters, the focus ring on every control, and thin scroll bars."""
    s1, _s2, s3, _s4, _s5 = SPACE
    return f"""
QFrame[role="card"] {{ background: {t.surface}; border: 1px solid {t.border};
    border-radius: 8px; }}
QSplitter::handle {{ background: {t.window}; }}
QScrollArea {{ border: none; background: transparent; }}
QScrollArea > QWidget > QWidget {{ background: transparent; }}
QToolButton[role="paneToggle"] {{ border: none; color: {t.muted}; padding: 2px {s1}px; }}
QToolButton[role="paneToggle"]:hover {{ color: {t.accent}; }}
QPushButton[role="primary"]:hover {{ background: {t.accent_hover};
    border-color: {t.accent_hover}; }}
QPushButton[role="primary"]:disabled {{ background: {t.border}; border-color: {t.border};
    color: {t.muted}; }}
QPushButton:focus {{ border: 2px solid {t.focus}; padding: {s1}px {s3 - 1}px; }}
QComboBox:focus, QToolButton:focus {{ border: 1px solid {t.focus}; }}
QCheckBox:focus, QRadioButton:focus {{ color: {t.accent}; }}
QLineEdit:focus, QPlainTextEdit:focus, QTextEdit:focus, QSpinBox:focus {{
    border: 2px solid {t.focus}; padding: 2px {s1 + 1}px; }}
QTableView:focus, QListView:focus {{ border: 1px solid {t.focus}; }}
QListWidget#sidebar, QListWidget#sidebar:focus {{ border: none; }}
QScrollBar:vertical {{ background: transparent; width: 10px; margin: 0; }}
QScrollBar:horizontal {{ background: transparent; height: 10px; margin: 0; }}
QScrollBar::handle:vertical {{ background: {t.scrollbar}; border-radius: 4px;
    min-height: 28px; margin: 2px; }}
QScrollBar::handle:horizontal {{ background: {t.scrollbar}; border-radius: 4px;
    min-width: 28px; margin: 2px; }}
QScrollBar::handle:hover {{ background: {t.muted}; }}
QScrollBar::add-line, QScrollBar::sub-line {{ width: 0; height: 0; border: none; }}
QScrollBar::add-page, QScrollBar::sub-page {{ background: transparent; }}
"""


def apply_scheme(app: QApplication, dark: bool) -> None:
    """Paint the application light or dark from the tokens: its palette, and the style
    sheet of every window styled with style_window."""
    t = DARK if dark else LIGHT
    app.setPalette(palette_for(t))
    sheet = stylesheet(t)
    app.setProperty("ceoctoStyleSheet", sheet)
    for widget in app.topLevelWidgets():
        if widget.property("ceoctoStyled"):
            widget.setStyleSheet(sheet)


def style_window(widget: QWidget) -> None:
    """Give a window the style sheet: it holds for everything inside and every dialog the
    window parents, and follows a switch between light and dark.

    Scoped to windows, not set on the application: with an application-wide sheet each
    widget moved into a layout restyled its subtree again, so building the main window
    (thousands of widgets, nested layouts) spent about 0.3 s on style sheets; a window
    given its sheet once it is built is styled in one pass.
    """
    app = QApplication.instance()
    sheet = app.property("ceoctoStyleSheet") if isinstance(app, QApplication) else None
    widget.setProperty("ceoctoStyled", True)
    widget.setStyleSheet(str(sheet) if sheet else stylesheet(tokens()))


# Settings › Appearance: the person's choice, kept per laptop (not in the journal).
APPEARANCE_KEY = "appearance/theme"
APPEARANCES = {"system": "As the system", "light": "Light", "dark": "Dark"}


def chosen_appearance() -> str:
    """ "system", "light" or "dark": what Settings › Appearance holds (system if unset)."""
    value = str(QSettings().value(APPEARANCE_KEY, "system"))
    return value if value in APPEARANCES else "system"


def wants_dark(system_dark: bool) -> bool:
    """Dark when the person chose dark, or chose the system's scheme and it is dark."""
    choice = chosen_appearance()
    return system_dark if choice == "system" else choice == "dark"


def apply_chosen_scheme(app: QApplication) -> None:
    """Paint the scheme Settings › Appearance asks for (the system's when it says so)."""
    system_dark = QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark
    apply_scheme(app, wants_dark(system_dark))


def choose_appearance(app: QApplication, choice: str) -> None:
    """Keep the person's choice and repaint now."""
    QSettings().setValue(APPEARANCE_KEY, choice)
    apply_chosen_scheme(app)


class CheckBoxStyle(QProxyStyle):
    """Fusion with check boxes drawn from the tokens: a muted outline that reads on the dark
    surface too (Fusion's outline is the window colour darkened, invisible in dark: the Board
    review's "Reviewed" tick was a shadow), ticked ones filled with the accent."""

    CHECKS = (
        QStyle.PrimitiveElement.PE_IndicatorCheckBox,
        QStyle.PrimitiveElement.PE_IndicatorItemViewItemCheck,
    )

    def drawPrimitive(self, element, option, painter, widget=None):  # type: ignore[no-untyped-def]
        if element not in self.CHECKS or not isinstance(option, QStyleOption):
            super().drawPrimitive(element, option, painter, widget)
            return
        draw_check_box(painter, option)


def draw_check_box(painter: QPainter, option: QStyleOption) -> None:
    """A rounded box in `option.rect`: outlined when off, accent-filled with a tick when on."""
    t = tokens()
    state = option.state
    side = min(option.rect.width(), option.rect.height(), 16) - 2
    box = QRectF(0, 0, side, side)
    box.moveCenter(QRectF(option.rect).center())
    on = bool(state & QStyle.StateFlag.State_On)
    partly = bool(state & QStyle.StateFlag.State_NoChange)
    enabled = bool(state & QStyle.StateFlag.State_Enabled)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    fill = QColor(t.accent if (on or partly) else t.surface)
    edge = QColor(t.accent if (on or partly) else t.muted)
    if not enabled:
        fill.setAlphaF(0.45)
        edge.setAlphaF(0.45)
    painter.setPen(QPen(edge, 1.5))
    painter.setBrush(fill)
    painter.drawRoundedRect(box.adjusted(0.75, 0.75, -0.75, -0.75), 3, 3)
    if on or partly:
        mark = QPen(QColor(t.on_accent), max(1.6, side / 8))
        mark.setCapStyle(Qt.PenCapStyle.RoundCap)
        mark.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(mark)
        x, y, w = box.x(), box.y(), box.width()
        if on:
            painter.drawPolyline(
                [
                    QPointF(x + w * 0.24, y + w * 0.52),
                    QPointF(x + w * 0.43, y + w * 0.70),
                    QPointF(x + w * 0.76, y + w * 0.32),
                ]
            )
        else:
            painter.drawLine(QPointF(x + w * 0.28, y + w / 2), QPointF(x + w * 0.72, y + w / 2))
    painter.restore()


def apply_system_scheme(app: QApplication) -> None:
    """Use Fusion, dark or light as the system says, and follow it when it changes."""
    app.setStyle("Fusion")
    hints = QGuiApplication.styleHints()

    def follow(scheme: Qt.ColorScheme) -> None:
        apply_scheme(app, wants_dark(scheme == Qt.ColorScheme.Dark))

    follow(hints.colorScheme())
    hints.colorSchemeChanged.connect(follow)


def is_dark() -> bool:
    """Whether the window is painted dark now (charts follow it)."""
    return QApplication.palette().color(QPalette.ColorRole.Window).lightness() < 128
