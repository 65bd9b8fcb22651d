"""The Scenario group of the TCP pages: open a scenario file (TOML), run it against the page's
connection, see each step pass or fail, stop.

The steps run in :class:`~app.scenario.runner.ScenarioRunner`, driven by the session's
``chunksArrived`` and a timer in the GUI thread; nothing here waits or blocks.
"""

from __future__ import annotations

import pathlib
from collections.abc import Callable

from PySide6.QtCore import QSettings, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.scenario.file import ExpectStep, Scenario, ScenarioError, SendStep, Step, load_scenario
from app.scenario.runner import SHOWN_BYTES, ScenarioRunner, StepResult
from app.sessions.base import Session
from app.traffic.hex_format import hex_text
from ui.widgets import default_dir, named, remember_dir

#: Item data role holding a step's state: "pending", "running", "pass" or "fail".
STATE_ROLE = Qt.ItemDataRole.UserRole + 1


class ScenarioPanel(QGroupBox):
    """Scenario file, Run / Stop, and the steps with their outcome.

    ``connection`` returns the id of the connection to run on, or None with nothing to run
    on (the page says which: the client's connection, the selected or only client).
    """

    #: Something to tell the user: (text, is_error).
    message = Signal(str, bool)
    #: A run ended: True when every step passed (not emitted when the user stopped it).
    finished = Signal(bool)

    def __init__(self, session: Session, settings: QSettings,
                 connection: Callable[[], int | None], parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Scenario"), parent)
        self.setObjectName("scenarioGroup")
        self.session = session
        self.settings = settings
        self._connection = connection
        self.scenario: Scenario | None = None
        self.path: pathlib.Path | None = None
        self.runner: ScenarioRunner | None = None
        layout = QVBoxLayout(self)
        buttons = QHBoxLayout()
        self.open_button = named(QPushButton(self.tr("Open…")), "scenarioOpenButton",
                                 self.tr("Open a scenario file"))
        self.open_button.setToolTip(self.tr(
            "A TOML file of steps: send / send_hex, expect / expect_hex / expect_regex, wait."))
        self.run_button = named(QPushButton(self.tr("Run")), "scenarioRunButton",
                                self.tr("Run the scenario"))
        self.stop_button = named(QPushButton(self.tr("Stop")), "scenarioStopButton",
                                 self.tr("Stop the scenario"))
        self.open_button.clicked.connect(self._ask_open)
        self.run_button.clicked.connect(self.run)
        self.stop_button.clicked.connect(self.stop)
        for button in (self.open_button, self.run_button, self.stop_button):
            buttons.addWidget(button)
        layout.addLayout(buttons)
        self.file_label = named(QLabel(self.tr("No scenario loaded.")), "scenarioFileLabel",
                                self.tr("Scenario file"))
        self.file_label.setWordWrap(True)
        layout.addWidget(self.file_label)
        self.step_list = named(QListWidget(), "scenarioStepList", self.tr("Scenario steps"))
        self.step_list.setMinimumHeight(90)
        self.step_list.setWordWrap(True)  # a failed step's reason is worth reading whole
        layout.addWidget(self.step_list)
        self._update_buttons()

    # -- loading ---------------------------------------------------------------------------
    @Slot()
    def _ask_open(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Open scenario"), default_dir(self.settings),
            self.tr("Scenario files (*.toml);;All files (*)"))
        if path:
            remember_dir(self.settings, path)
            self.load(pathlib.Path(path))

    def load(self, path: pathlib.Path) -> bool:
        """Read the scenario ``path`` and list its steps; False (and the parser's message,
        naming the step and the key) when it is not valid."""
        self.stop()
        try:
            scenario = load_scenario(path)
        except ScenarioError as exc:
            self.scenario = None
            self.path = None
            self.step_list.clear()
            self.file_label.setText(str(exc))
            self.message.emit(str(exc), True)
            self._update_buttons()
            return False
        self.scenario = scenario
        self.path = path
        self.file_label.setText(self.tr("{name}: {n} steps").format(
            name=path.name, n=len(scenario.steps)))
        self._list_steps()
        self._update_buttons()
        self.message.emit(self.tr("Scenario {name} loaded.").format(name=path.name), False)
        return True

    def _list_steps(self) -> None:
        self.step_list.clear()
        assert self.scenario is not None
        for number, step in enumerate(self.scenario.steps, start=1):
            item = QListWidgetItem(f"{number}. {self._what(step)}")
            item.setData(STATE_ROLE, "pending")
            self.step_list.addItem(item)

    def _what(self, step: Step) -> str:
        if isinstance(step, SendStep):
            shown = hex_text(step.data[:SHOWN_BYTES]) + (
                " …" if len(step.data) > SHOWN_BYTES else "")
            return self.tr("send {count} bytes: {hex}").format(count=len(step.data), hex=shown)
        if isinstance(step, ExpectStep):
            name = {"text": "expect", "hex": "expect_hex", "regex": "expect_regex"}[step.kind]
            return self.tr("{name} “{value}”, within {seconds:g} s").format(
                name=name, value=step.source, seconds=step.timeout)
        return self.tr("wait {seconds:g} s").format(seconds=step.seconds)

    # -- running ---------------------------------------------------------------------------
    @Slot()
    def run(self) -> bool:
        """Run the loaded scenario on the page's connection; False (and why) if it cannot."""
        if self.scenario is None:
            self.message.emit(self.tr("Open a scenario file first."), True)
            return False
        if self.runner is not None:
            return False
        conn_id = self._connection()
        if conn_id is None:
            self.message.emit(self.tr(
                "No connection to run the scenario on: connect first (on a server page, "
                "select the client)."), True)
            return False
        self._list_steps()
        runner = ScenarioRunner(self.scenario, self.session, conn_id, self)
        runner.stepDone.connect(self._on_step)
        runner.finished.connect(self._on_finished)
        self.runner = runner
        self._update_buttons()
        self._mark_running(0)
        self.message.emit(self.tr("Running scenario {name} on {peer}.").format(
            name=self.path.name if self.path else "", peer=self.session.peer_label(conn_id)),
            False)
        runner.start()
        return True

    @Slot()
    def stop(self) -> None:
        """Stop a running scenario (no further step runs); safe when none runs."""
        runner, self.runner = self.runner, None
        if runner is None:
            return
        runner.stop()
        self._disconnect(runner)
        for row in range(self.step_list.count()):
            item = self.step_list.item(row)
            if item.data(STATE_ROLE) == "running":
                item.setData(STATE_ROLE, "pending")
                item.setText(item.text() + " — " + self.tr("stopped"))
        self._update_buttons()
        self.message.emit(self.tr("Scenario stopped."), False)

    def _disconnect(self, runner: ScenarioRunner) -> None:
        runner.stepDone.disconnect(self._on_step)
        runner.finished.disconnect(self._on_finished)
        runner.deleteLater()  # deleting it ends its connections to the session

    def _mark_running(self, row: int) -> None:
        item = self.step_list.item(row)
        if item is not None and item.data(STATE_ROLE) == "pending":
            item.setData(STATE_ROLE, "running")

    @Slot(object)
    def _on_step(self, result: StepResult) -> None:
        item = self.step_list.item(result.number - 1)
        if item is None:
            return
        word = self.tr("pass") if result.passed else self.tr("fail")
        text = f"{result.number}. {word}  {self._what(result.step)}  ({result.elapsed:.3f} s)"
        if isinstance(result.step, ExpectStep) and result.passed:
            text += " — " + self.tr("matched in: {hex}").format(hex=self._shown(result.received))
        if not result.passed:
            text += " — " + result.reason
            if isinstance(result.step, ExpectStep):
                text += "; " + self.tr("received {count} bytes: {hex}").format(
                    count=len(result.received), hex=self._shown(result.received))
        item.setText(text)
        item.setToolTip(text)
        item.setData(STATE_ROLE, "pass" if result.passed else "fail")
        item.setForeground(Qt.GlobalColor.darkGreen if result.passed else Qt.GlobalColor.red)
        if result.passed:
            self._mark_running(result.number)
        self.step_list.scrollToItem(item)

    def _shown(self, data: bytes) -> str:
        if not data:
            return "-"
        tail = data[-SHOWN_BYTES:]
        encoding = self.scenario.encoding if self.scenario is not None else "utf-8"
        return hex_text(tail) + f" “{tail.decode(encoding, 'backslashreplace')}”"

    @Slot(bool)
    def _on_finished(self, ok: bool) -> None:
        runner, self.runner = self.runner, None
        if runner is not None:
            self._disconnect(runner)
        self._update_buttons()
        if ok:
            self.message.emit(self.tr("Scenario passed: every step."), False)
        else:
            self.message.emit(self.tr("Scenario failed (see the steps)."), True)
        self.finished.emit(ok)

    def _update_buttons(self) -> None:
        running = self.runner is not None
        self.run_button.setEnabled(self.scenario is not None and not running)
        self.stop_button.setEnabled(running)
        self.open_button.setEnabled(not running)

    def step_states(self) -> list[str]:
        """Each step's state, in order: "pending", "running", "pass" or "fail"."""
        return [str(self.step_list.item(row).data(STATE_ROLE))
                for row in range(self.step_list.count())]

    def shutdown(self) -> None:
        """The page is closing: stop a run without a message."""
        runner, self.runner = self.runner, None
        if runner is not None:
            runner.stop()
            self._disconnect(runner)
