"""The first-run dialog: create the pair's journal, or open a demo journal."""

from __future__ import annotations

import enum

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ceocto_desktop.services.partners import WEEKDAYS, PartnerInput, partner_input_problems
from ceocto_desktop.ui.theme import style_window
from ceocto_desktop.ui.widgets.basic import named, primary


class Choice(enum.Enum):
    CREATE = "create"
    DEMO = "demo"
    JOIN = "join"


ERROR_STYLE = "color: #c0392b;"
ERROR_BORDER = "border: 2px solid #c0392b; border-radius: 5px;"


def mark(widget: QWidget, wrong: bool) -> None:
    """A field in error wears a red border (and says so to screen readers) until fixed."""
    widget.setProperty("invalid", wrong)
    widget.setStyleSheet(ERROR_BORDER if wrong else "")
    widget.setAccessibleDescription("has an error" if wrong else "")


def fit_height(dialog: QWidget) -> None:
    """Grow (or shrink back) to what the dialog shows now: messages are never cut."""
    layout = dialog.layout()
    if layout is not None:
        layout.activate()
    dialog.resize(
        dialog.width(), max(dialog.minimumSizeHint().height(), dialog.sizeHint().height())
    )


class PartnerForm(QGroupBox):
    """Name, title, strengths and responsibilities of one partner, with inline errors."""

    def __init__(self, heading: str, seat: str, title: str, parent: QWidget | None = None):
        super().__init__(heading, parent)
        self.name = named(f"name{seat}", QLineEdit())
        self.name.setPlaceholderText("First and last name")
        self.title_box = named(f"title{seat}", QComboBox(editable=True))
        self.title_box.addItems(["CEO", "CTO", "COO", "CPO", "Co-founder"])
        self.title_box.setCurrentText(title)
        self.strengths = named(f"strengths{seat}", QLineEdit())
        self.strengths.setPlaceholderText("What you are best at (optional)")
        self.responsibilities = named(f"responsibilities{seat}", QLineEdit())
        self.responsibilities.setPlaceholderText("What you answer for (optional)")
        self.errors = {
            "name": named(f"errorName{seat}", QLabel()),
            "title": named(f"errorTitle{seat}", QLabel()),
        }
        for field in (self.name, self.title_box, self.strengths, self.responsibilities):
            field.setMinimumWidth(230)
        form = QFormLayout(self)
        form.addRow("&Name", self.name)
        form.addRow("", self.errors["name"])
        form.addRow("&Title", self.title_box)
        form.addRow("", self.errors["title"])
        form.addRow("Strengths", self.strengths)
        form.addRow("Responsibilities", self.responsibilities)
        for label in self.errors.values():
            label.setStyleSheet(ERROR_STYLE)
            label.setWordWrap(True)
            label.hide()
        # A message goes as soon as its field is fixed (typed in), not at the next press.
        self.name.textEdited.connect(lambda _text: self.clear_error("name"))
        self.title_box.editTextChanged.connect(lambda _text: self.clear_error("title"))

    def field(self, name: str) -> QWidget:
        return self.name if name == "name" else self.title_box

    def value(self) -> PartnerInput:
        return PartnerInput(
            name=self.name.text(),
            title=self.title_box.currentText(),
            strengths=self.strengths.text(),
            responsibilities=self.responsibilities.text(),
        )

    def show_error(self, field: str, message: str) -> None:
        label = self.errors[field]
        label.setText(message)
        label.show()
        widget = self.field(field)
        mark(widget, True)
        widget.setFocus()

    def clear_error(self, field: str) -> None:
        if self.errors[field].isVisible():
            self.errors[field].hide()
            mark(self.field(field), False)
            fit_height(self.window())

    def clear_errors(self) -> None:
        for field in self.errors:
            self.errors[field].hide()
            mark(self.field(field), False)


class FirstRunDialog(QDialog):
    """Shown when there is no journal yet at the chosen path."""

    def __init__(self, path_text: str, allow_demo: bool = True, parent: QWidget | None = None):
        super().__init__(parent)
        if parent is None:  # a window of its own: it takes the style sheet itself
            style_window(self)
        self.setObjectName("firstRunDialog")
        self.setWindowTitle("Welcome to ceocto")
        self.setMinimumWidth(760)
        self.choice: Choice | None = None
        self.partners: tuple[PartnerInput, PartnerInput] | None = None

        intro = QLabel(
            "<h2>Your journal, just the two of you</h2>"
            "<p>ceocto keeps the goals you share, what stands in your way, the decisions "
            "you take and a weekly check-in on how you work together. "
            "Everything stays in one file on this computer.</p>"
        )
        intro.setWordWrap(True)
        where = QLabel(f"The journal will be saved in <code>{path_text}</code>")
        where.setObjectName("journalPath")
        where.setWordWrap(True)
        where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        company_row, forms, week_row = self._make_fields()
        buttons = self._make_buttons(allow_demo)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(company_row)
        layout.addLayout(forms)
        layout.addLayout(week_row)
        layout.addWidget(where)
        layout.addLayout(buttons)
        self.form_a.name.setFocus()

    def _make_fields(self) -> tuple[QHBoxLayout, QHBoxLayout, QHBoxLayout]:
        """The company's name, the two partners' forms, the day the week starts."""
        self.form_a = PartnerForm("First partner", "A", "CEO")
        self.form_b = PartnerForm("Second partner", "B", "CTO")
        forms = QHBoxLayout()
        forms.addWidget(self.form_a)
        forms.addWidget(self.form_b)

        self.company = named("companyName", QLineEdit())
        self.company.setPlaceholderText("Optional: shown on the board brief")
        self.company.setMaxLength(120)
        company_row = QHBoxLayout()
        company_row.addWidget(QLabel("Our &company"))
        company_row.addWidget(self.company, 1)
        company_row.itemAt(0).widget().setBuddy(self.company)  # type: ignore[union-attr]

        self.week_start = named("weekStart", QComboBox())
        self.week_start.addItems(list(WEEKDAYS))
        week_row = QHBoxLayout()
        week_row.addWidget(QLabel("Our week starts on"))
        week_row.addWidget(self.week_start)
        week_row.addStretch()
        return company_row, forms, week_row

    def _make_buttons(self, allow_demo: bool) -> QHBoxLayout:
        """Demo and Join on the left; Cancel and Create on the right."""
        self.create_button = primary(named("createButton", QPushButton("&Create our journal")))
        self.create_button.setDefault(True)
        self.create_button.clicked.connect(self._create)
        self.demo_button = named("demoButton", QPushButton("Open a &demo journal"))
        self.demo_button.setToolTip("A year of a made-up founder pair's entries, to look around")
        self.demo_button.clicked.connect(self._demo)
        self.demo_button.setVisible(allow_demo)
        self.join_button = named("joinOursButton", QPushButton("&Join our journal…"))
        self.join_button.setToolTip(
            "The other laptop set up sync: build this one's from the folder"
        )
        self.join_button.clicked.connect(self._join)
        cancel = named("cancelButton", QPushButton("Cancel"))
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.demo_button)
        buttons.addWidget(self.join_button)
        buttons.addStretch()
        buttons.addWidget(cancel)
        buttons.addWidget(self.create_button)
        return buttons

    def _create(self) -> None:
        self.form_a.clear_errors()
        self.form_b.clear_errors()
        a, b = self.form_a.value(), self.form_b.value()
        problems = partner_input_problems(a, b)
        # Every problem is shown at once, beside its field; the cursor goes to the first.
        for problem in reversed(problems):
            field, _, seat = problem.field.partition("_")
            form = self.form_a if seat == "a" else self.form_b
            form.show_error(field if field in ("name", "title") else "name", problem.message)
        if problems:
            fit_height(self)
            return
        self.partners = (a, b)
        self.choice = Choice.CREATE
        self.accept()

    def _demo(self) -> None:
        self.choice = Choice.DEMO
        self.accept()

    def _join(self) -> None:
        self.choice = Choice.JOIN
        self.accept()
