"""The Task tab: an assignment as the student reads and answers it, or, in teacher mode,
as the teacher writes it. Everything it changes goes through the session (answers, the
task, locks): the session decides what a student may do."""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from nodeeditor.classroom.checking import Verdict, score
from nodeeditor.model.task import FEATURES, Question
from nodeeditor.session.locks import Refused
from nodeeditor.view import texts
from nodeeditor.view.panels.panel import Panel
from nodeeditor.view.window.document import Document


class TaskPanel(QWidget, Panel):
    message = Signal(str)
    #: Check my work was pressed and answered (the verdicts)
    checked = Signal(list)
    hand_in_requested = Signal()
    #: the teacher asks for a question about the selected node: "value" or "gradient"
    ask_about_selection = Signal(str)
    lock_requested = Signal(bool)
    password_requested = Signal()
    leave_teacher_requested = Signal()

    def __init__(self, document: Document) -> None:
        super().__init__()
        self.document = document
        self.setObjectName("TaskPanel")
        self.answer_edits: dict[str, QLineEdit] = {}
        self.verdict_labels: dict[str, QLabel] = {}
        self.remove_buttons: dict[str, QPushButton] = {}
        self.verdicts: list[Verdict] = []
        #: the answers the marks shown were given for (None: no marks shown)
        self._checked_answers: dict[str, str] | None = None
        layout = QVBoxLayout(self)
        # the student's side
        self.student = QWidget()
        column = QVBoxLayout(self.student)
        column.setContentsMargins(0, 0, 0, 0)
        self.title = QLabel()
        self.title.setStyleSheet("font-size: 15pt; font-weight: bold")
        self.title.setWordWrap(True)
        self.instructions = QLabel()
        self.instructions.setWordWrap(True)
        self.instructions.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.hidden_note = QLabel()
        self.hidden_note.setWordWrap(True)
        self.hidden_note.setStyleSheet("color: #616161")
        self.questions = QGridLayout()
        self.check_button = QPushButton(texts.TASK_CHECK)
        self.check_button.clicked.connect(self.check)
        self.hand_in_button = QPushButton(texts.TASK_HAND_IN)
        self.hand_in_button.clicked.connect(self.hand_in_requested)
        buttons = QHBoxLayout()
        buttons.addWidget(self.check_button)
        buttons.addWidget(self.hand_in_button)
        buttons.addStretch(1)
        self.score = QLabel()
        self.score.setWordWrap(True)
        for widget in (self.title, self.instructions, self.hidden_note):
            column.addWidget(widget)
        column.addLayout(self.questions)
        column.addLayout(buttons)
        column.addWidget(self.score)
        # the teacher's side
        self.teacher = QWidget()
        self._build_teacher(QVBoxLayout(self.teacher))
        self.none = QLabel(texts.TASK_NONE)
        self.none.setWordWrap(True)
        layout.addWidget(self.none)
        layout.addWidget(self.teacher)
        layout.addWidget(self.student)
        layout.addStretch(1)
        self.refresh()

    def _build_teacher(self, column: QVBoxLayout) -> None:
        """In the order of the teacher's work: what the task says, what is locked, what is
        asked, what is switched off."""
        column.setContentsMargins(0, 0, 0, 0)
        heading = QLabel(texts.TASK_TEACHER_HEADING)
        heading.setStyleSheet("font-weight: bold; color: #bf360c")
        self.title_edit = QLineEdit()
        self.title_edit.setAccessibleName(texts.TASK_TITLE_LABEL)
        self.instructions_edit = QPlainTextEdit()
        self.instructions_edit.setAccessibleName(texts.TASK_INSTRUCTIONS_LABEL)
        self.instructions_edit.setMaximumHeight(120)
        self.lock_button = QPushButton(texts.TASK_LOCK)
        self.lock_button.clicked.connect(lambda: self.lock_requested.emit(True))
        self.unlock_button = QPushButton(texts.TASK_UNLOCK)
        self.unlock_button.clicked.connect(lambda: self.lock_requested.emit(False))
        self.locked_count = QLabel()
        value = QPushButton(texts.TASK_ASK_VALUE)
        value.clicked.connect(lambda: self.ask_about_selection.emit("value"))
        gradient = QPushButton(texts.TASK_ASK_GRADIENT)
        gradient.clicked.connect(lambda: self.ask_about_selection.emit("gradient"))
        self.build_formula = QLineEdit()
        self.build_formula.setPlaceholderText(texts.TASK_BUILD_PLACEHOLDER)
        self.build_formula.setAccessibleName(texts.TASK_ASK_BUILD)
        self.build_formula.returnPressed.connect(self.ask_build)
        ask_build = QPushButton(texts.TASK_ASK_BUILD)
        ask_build.clicked.connect(self.ask_build)
        self.teacher_questions = QGridLayout()
        self.feature_boxes = {f: QCheckBox(texts.FEATURE_NAMES[f]) for f in FEATURES}
        self.show_answers_box = QCheckBox(texts.TASK_SHOW_ANSWERS)
        self.guess_box = QCheckBox(texts.TASK_OPEN_IN_GUESS)
        # (each change is kept as it is made: a Save never loses what the teacher typed)
        self.title_edit.editingFinished.connect(self.apply)
        self.instructions_edit.installEventFilter(self)
        for box in (*self.feature_boxes.values(), self.show_answers_box, self.guess_box):
            box.clicked.connect(self.apply)
        password = QPushButton(texts.TASK_PASSWORD)
        password.clicked.connect(self.password_requested)
        leave = QPushButton(texts.TASK_LEAVE)
        leave.clicked.connect(self.leave_teacher_requested)
        for part in (heading, self._label(texts.TASK_TITLE_LABEL), self.title_edit,
                     self._label(texts.TASK_INSTRUCTIONS_LABEL), self.instructions_edit, self.lock_button,
                     self.unlock_button, self.locked_count, value, gradient, self.build_formula, ask_build,
                     self.teacher_questions, self._label(texts.TASK_HIDE_LABEL), *self.feature_boxes.values(),
                     self.show_answers_box, self.guess_box, password, leave):
            if isinstance(part, QGridLayout):
                column.addLayout(part)
            else:
                column.addWidget(part)

    @staticmethod
    def _label(text: str) -> QLabel:
        label = QLabel(text)
        label.setWordWrap(True)
        return label

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if watched is self.instructions_edit and event.type() == QEvent.FocusOut:
            self.apply()
        return False

    def has_unkept_edits(self) -> bool:
        """Whether the teacher typed instructions not yet in the task (Save keeps them first)."""
        assignment = self.document.session.assignment
        return (assignment is not None and self.document.session.teacher_mode
                and self.instructions_edit.toPlainText().strip() != assignment.task.instructions)

    # Panel --------------------------------------------------------------------------------
    def document_replaced(self) -> None:
        self._forget_verdicts()
        self.refresh()

    def _forget_changed(self, answers: dict[str, str]) -> None:
        """The marks of the answers changed since Check my work go; the others stay."""
        for question_id, label in self.verdict_labels.items():
            if answers.get(question_id, "") != self._checked_answers.get(question_id, ""):
                label.setText("")
        self.score.setText("")

    def _forget_verdicts(self) -> None:
        self.verdicts, self._checked_answers = [], None
        self.score.setText("")
        for label in self.verdict_labels.values():
            label.setText("")

    # showing --------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Show the document's assignment as it is now (after a change of the task, of
        teacher mode or of the document)."""
        session = self.document.session
        assignment = session.assignment
        self.none.setVisible(assignment is None)
        self.student.setVisible(assignment is not None)
        self.teacher.setVisible(assignment is not None and session.teacher_mode)
        if assignment is None:
            return
        task = assignment.task
        if self._checked_answers is not None and self._checked_answers != assignment.answers:
            self._forget_changed(assignment.answers)  # (an undo took an answer back: its mark goes)
        self.title.setText(task.title)
        self.instructions.setText(task.instructions)
        self.instructions.setVisible(bool(task.instructions))
        hidden = [texts.FEATURE_NAMES[f] for f in FEATURES if task.hides(f)]
        self.hidden_note.setText(texts.TASK_HIDDEN.format(features=", ".join(hidden)) if hidden else "")
        self.hidden_note.setVisible(bool(hidden))
        self._show_questions(task.questions, assignment.answers)
        if session.teacher_mode:
            self._show_teacher(task)

    def _show_questions(self, questions: tuple[Question, ...], answers: dict[str, str]) -> None:
        wanted = [q.id for q in questions]
        if wanted != list(self.answer_edits):
            self._clear(self.questions)
            self.answer_edits, self.verdict_labels = {}, {}
            output = self.document.graph.output_name
            for row, question in enumerate(questions):
                prompt = QLabel(question.prompt(output))
                prompt.setWordWrap(True)
                self.questions.addWidget(prompt, row * 2, 0)
                if question.typed:
                    edit = QLineEdit()
                    edit.setPlaceholderText(texts.TASK_ANSWER_PLACEHOLDER)
                    edit.setAccessibleName(question.prompt(output))
                    edit.editingFinished.connect(lambda q=question.id: self._answered(q))
                    edit.returnPressed.connect(self.check)
                    self.answer_edits[question.id] = edit
                    self.questions.addWidget(edit, row * 2, 1)
                else:
                    self.answer_edits[question.id] = None
                    self.questions.addWidget(QLabel(texts.TASK_BUILD_ON_CANVAS), row * 2, 1)
                verdict = QLabel("")
                verdict.setWordWrap(True)
                self.verdict_labels[question.id] = verdict
                self.questions.addWidget(verdict, row * 2 + 1, 0, 1, 2)
            if not questions:
                self.questions.addWidget(QLabel(texts.TASK_NO_QUESTIONS), 0, 0)
        for question_id, edit in self.answer_edits.items():
            # (text typed and not yet kept is the student's: an undo elsewhere does not wipe it)
            if edit is not None and not edit.isModified() and edit.text() != answers.get(question_id, ""):
                edit.setText(answers.get(question_id, ""))
        self.check_button.setEnabled(bool(questions))

    def _show_teacher(self, task) -> None:  # noqa: ANN001
        if not self.title_edit.hasFocus():
            self.title_edit.setText(task.title)
        if not self.instructions_edit.hasFocus() and self.instructions_edit.toPlainText() != task.instructions:
            self.instructions_edit.setPlainText(task.instructions)
        for feature, box in self.feature_boxes.items():
            box.setChecked(task.hides(feature))
        self.show_answers_box.setChecked(task.show_answers)
        self.guess_box.setChecked(task.open_in == "guess")
        total = len(self.document.graph.nodes)
        locked = len([n for n in task.locked if n in self.document.graph.nodes])
        self.locked_count.setText(texts.TASK_LOCKED_COUNT.format(count=locked, total=total))
        self._clear(self.teacher_questions)
        self.remove_buttons = {}
        output = self.document.graph.output_name
        for row, question in enumerate(task.questions):
            label = QLabel(question.prompt(output))
            label.setWordWrap(True)
            remove = QPushButton(texts.TASK_REMOVE)
            remove.setAccessibleName(f"{texts.TASK_REMOVE} {question.id}")
            remove.clicked.connect(lambda _checked=False, q=question.id: self.remove_question(q))
            self.remove_buttons[question.id] = remove
            self.teacher_questions.addWidget(label, row, 0)
            self.teacher_questions.addWidget(remove, row, 1)

    @staticmethod
    def _clear(grid: QGridLayout) -> None:
        while grid.count():
            widget = grid.takeAt(0).widget()
            if widget is not None:
                widget.hide()
                widget.deleteLater()

    # the student's commands -------------------------------------------------------------
    def _answered(self, question_id: str) -> None:
        edit = self.answer_edits.get(question_id)
        if edit is not None and self._refused_says(lambda: self.document.session.answer(question_id, edit.text())):
            edit.setModified(False)

    def keep_typed_answers(self) -> None:
        """Every answer typed and not yet kept becomes the document's (Check, Hand In)."""
        for question_id in [q for q, edit in self.answer_edits.items() if edit is not None and edit.isModified()]:
            self._answered(question_id)

    def check(self) -> list[Verdict]:
        """Check my work: every typed answer is kept first, then each question is judged."""
        self.keep_typed_answers()
        session = self.document.session
        self.verdicts = session.check_my_work()
        assignment = session.assignment
        self._checked_answers = dict(assignment.answers) if assignment is not None else None
        show = assignment is not None and (assignment.task.show_answers or session.teacher_mode)
        for verdict in self.verdicts:
            label = self.verdict_labels.get(verdict.question.id)
            if label is None:
                continue
            if verdict.right:
                label.setText(texts.TASK_VERDICT_RIGHT.format(message=verdict.message))
                label.setStyleSheet("color: #2e7d32")
            else:
                template = texts.TASK_VERDICT_WRONG_SHOWN if show and verdict.expected else texts.TASK_VERDICT_WRONG
                label.setText(template.format(message=verdict.message, expected=verdict.expected))
                label.setStyleSheet("color: #c62828")
        earned, possible = score(self.verdicts)
        right = sum(v.right for v in self.verdicts)
        said = texts.TASK_SCORE.format(right=right, count=len(self.verdicts), earned=earned, possible=possible)
        self.score.setText(said)
        self.message.emit(texts.TASK_CHECKED.format(score=said))
        self.checked.emit(self.verdicts)
        return self.verdicts

    # the teacher's commands -------------------------------------------------------------
    def apply(self) -> None:
        """The title, the instructions and the switches as typed into the task."""
        assignment = self.document.session.assignment
        if assignment is None:
            return
        task = assignment.task.with_changes(
            title=self.title_edit.text().strip() or assignment.task.title,
            instructions=self.instructions_edit.toPlainText().strip(),
            hidden=frozenset(f for f, box in self.feature_boxes.items() if box.isChecked()),
            show_answers=self.show_answers_box.isChecked(),
            open_in="guess" if self.guess_box.isChecked() else "")
        if self._refused_says(lambda: self.document.session.set_task(task)):
            self.message.emit(texts.TASK_APPLIED)

    def ask_build(self) -> None:
        formula = self.build_formula.text().strip()
        if formula and self._ask(lambda task: Question(id=task.new_question_id(), ask="build", formula=formula,
                                                        points=5.0)):
            self.build_formula.clear()

    def ask_about(self, kind: str, node_name: str) -> None:
        of = self.document.graph.output_name if kind == "gradient" else ""  # (the output now, by name)
        self._ask(lambda task: Question(id=task.new_question_id(), ask=kind, node=node_name, of=of))

    def _ask(self, question) -> bool:  # noqa: ANN001
        """Add the question ``question(task)`` makes to the task; whether it was added."""
        assignment = self.document.session.assignment
        return assignment is not None and self._set_questions((*assignment.task.questions,
                                                               question(assignment.task)))

    def remove_question(self, question_id: str) -> None:
        assignment = self.document.session.assignment
        if assignment is not None:
            self._set_questions(tuple(q for q in assignment.task.questions if q.id != question_id))

    def _set_questions(self, questions: tuple[Question, ...]) -> bool:
        task = self.document.session.assignment.task
        return self._refused_says(lambda: self.document.session.set_task(task.with_changes(questions=questions)))

    def _refused_says(self, change) -> bool:  # noqa: ANN001
        """Do ``change``; if the session refuses it, say why. Whether it was done."""
        try:
            change()
        except Refused as exc:
            self.message.emit(str(exc))
            return False
        return True
