"""Stepping through forward and backward one node at a time, back again, and playing it.

The caption of each step goes where the student is looking (the caption bar above the
canvas), the view follows the node at work, and the Learn panel lists every step so far.
While playing, a number appears on a node only once its moving copy has arrived.
"""
from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QObject, QTimer, Signal

from nodeeditor.compiler import BackwardError
from nodeeditor.lessons.paths import step_paths
from nodeeditor.lessons.replay import Frame, backward_frames, forward_frames
from nodeeditor.view import style, texts
from nodeeditor.view.canvas.canvas import Canvas
from nodeeditor.view.canvas.scene import GraphScene
from nodeeditor.view.window.document import Document


class Stepper(QObject):
    message = Signal(str)
    #: the caption of the step shown now ('' when not stepping)
    caption_changed = Signal(str)
    #: every caption of this replay so far, oldest first
    history_changed = Signal(list)
    playing_changed = Signal(bool)
    #: stepping through began (forward mode's tangents make way for the gradients)
    started = Signal()
    #: the numbers on show changed: the Frame shown, or None when stepping ended
    frame_shown = Signal(object)

    def __init__(self, parent: QObject, document: Document, scene: GraphScene, canvas: Canvas) -> None:
        super().__init__(parent)
        self.document, self.scene, self.canvas = document, scene, canvas
        self.frames: list[Frame] = []
        self.index = -1
        self.backward_mode = True
        self.captions: list[str] = []
        #: Play's speed: 1 is normal, 2 twice as fast (style.PLAY_SPEEDS)
        self.speed = 1.0
        self.play_timer = QTimer(self)
        self.play_timer.setInterval(style.PLAY_INTERVAL_MS)
        self.play_timer.timeout.connect(self._play_tick)
        document.history_changed.connect(self._edited)

    @property
    def replaying(self) -> bool:
        return self.index >= 0

    @property
    def playing(self) -> bool:
        return self.play_timer.isActive()

    def _start(self, backward: bool) -> bool:
        graph, compiler = self.document.graph, self.document.compiler
        if not graph.nodes:
            self.message.emit(texts.ADD_NODES_FIRST)
            return False
        try:
            if backward:
                self.document.backward()
                self.frames = backward_frames(graph, compiler)
            else:
                self.frames = forward_frames(graph, compiler)
        except BackwardError as exc:
            self.message.emit(str(exc))
            return False
        self.backward_mode = backward
        self.index = -1
        self.captions = []
        self.started.emit()
        return True

    def step_forward(self) -> bool:
        return self._step(backward=False, animate=False)

    def step_backward(self) -> bool:
        return self._step(backward=True, animate=False)

    def step_back(self) -> bool:
        """Back to the step before the one on show (a presenter's ← or PageUp); False at
        the first step or when not stepping."""
        if not self.replaying or self.index <= 0:
            return False
        self._set_playing(False)
        self.index -= 1
        frame = self.frames[self.index]
        self._show(frame)
        self._follow(frame.active)
        self.captions.pop()
        self.caption_changed.emit(self.captions[-1])
        self.history_changed.emit(list(self.captions))
        return True

    def set_speed(self, speed: float) -> None:
        """Play at ``speed`` times the normal pace (the numbers move along the wires
        that much faster too)."""
        self.speed = speed
        self.play_timer.setInterval(round(style.PLAY_INTERVAL_MS / speed))

    @property
    def flow_ms(self) -> int:
        return round(style.FLOW_DURATION_MS / self.speed)

    def _show(self, frame: Frame, flows: list | None = None) -> None:
        self.scene.show_frame(frame.shown, frame.active, flows or [], self.backward_mode, self.flow_ms)
        root = self.document.compiler.gradient_root
        lit = None
        if self.backward_mode and frame.active is not None and root in self.document.graph.nodes:
            lit = step_paths(self.document.graph, frame.active, root)  # what its gradient came along
        self.scene.set_paths("step", lit)
        self.frame_shown.emit(frame)

    def _step(self, backward: bool, animate: bool) -> bool:
        if (not self.replaying or self.backward_mode != backward) and not self._start(backward):
            return False
        if self.index + 1 >= len(self.frames):
            if not self.playing:  # a step asked for past the end: say what comes next
                self.message.emit(texts.LAST_BACKWARD_STEP if backward else texts.LAST_FORWARD_STEP)
            self._set_playing(False)
            return False
        self.index += 1
        frame = self.frames[self.index]
        if animate and frame.flows and self.index > 0:
            self._show_in_two_parts(frame, backward)
        else:
            self._show(frame, frame.flows if animate else [])
        self._follow(frame.active)
        caption = texts.STEP_CAPTION.format(index=self.index, last=len(self.frames) - 1, caption=frame.caption)
        self.captions.append(caption)
        self.caption_changed.emit(caption)
        self.history_changed.emit(list(self.captions))
        return True

    def _show_in_two_parts(self, frame: Frame, backward: bool) -> None:
        """First what was there before (and, going backward, the gradient that reached the
        node at work), then, when the moving numbers arrive, the rest of the frame."""
        early = dict(self.frames[self.index - 1].shown)
        if backward and frame.active in frame.shown:
            early[frame.active] = frame.shown[frame.active]
        self._show(replace(frame, shown=early), frame.flows)
        index = self.index
        QTimer.singleShot(self.flow_ms, self, lambda: self._arrived(index))

    def _arrived(self, index: int) -> None:
        if self.index == index:
            self._show(self.frames[index])

    def _follow(self, node_id: str | None) -> None:
        """Keep the node at work and the nodes wired into it in view, moving the canvas
        only as far as needed (not at all when they are in view already); when they do
        not fit together, the node at work."""
        item = self.scene.nodes.get(node_id) if node_id else None
        if item is None:
            return
        wanted = item.sceneBoundingRect()
        for edge in self.document.graph.input_edges(node_id).values():
            source = self.scene.nodes.get(edge.src)
            if source is not None:
                wanted = wanted.united(source.sceneBoundingRect())
        shown = self.canvas.mapToScene(self.canvas.viewport().rect()).boundingRect()
        if shown.contains(wanted):
            return
        fits = wanted.width() <= shown.width() * 0.9 and wanted.height() <= shown.height() * 0.9
        self.canvas.ensureVisible(wanted if fits else item.sceneBoundingRect(), 30, 30)

    def toggle_play(self) -> None:
        if self.playing:
            self._set_playing(False)
            return
        if self.replaying and self.index + 1 >= len(self.frames):
            self.reset()
        self._set_playing(True)
        self._play_tick()

    def _set_playing(self, on: bool) -> None:
        if on == self.playing:
            return
        if on:
            self.play_timer.start()
        else:
            self.play_timer.stop()
        self.playing_changed.emit(on)

    def _play_tick(self) -> None:
        if not self._step(self.backward_mode if self.replaying else True, animate=True):
            self._set_playing(False)

    def reset(self) -> None:
        self._set_playing(False)
        was = self.replaying
        self.frames, self.index, self.captions = [], -1, []
        self.scene.set_paths("step", None)
        self.scene.end_replay()
        if was:
            self.caption_changed.emit("")
            self.history_changed.emit([])
            self.frame_shown.emit(None)

    def _edited(self) -> None:
        if self.replaying:
            self.reset()
