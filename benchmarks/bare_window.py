"""The reference for start-up: a bare PySide6 QMainWindow, closed at its first paint.

Timed from outside like `ceocto --quit-at-first-paint` (benchmarks/run.py alternates them).
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow


class _QuitAtFirstPaint(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, QApplication.closeAllWindows)
        return False


def main() -> int:
    """Show a 1100×720 main window and quit once it has painted."""
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.resize(1100, 720)
    quitter = _QuitAtFirstPaint(window)
    window.installEventFilter(quitter)
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
