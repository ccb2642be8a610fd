"""How a simulated student walks through a conversation: a few answers on each step, then on.

The same walk drives AppTest (script time) and the protocol client (a class at once), so both
benches measure the same interactions. Choices are random but seeded: every run is the same walk.
"""

from __future__ import annotations

import random
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from veerkracht.content import load_folder
from veerkracht.interface import load_words
from veerkracht.text import resolve

# Widgets a student answers; buttons are only pressed to move on or to send a form.
ANSWERABLE = {"button_group", "radio", "selectbox", "multiselect", "text_input", "text_area", "checkbox"}
TYPED_WORDS = ["Sam", "Mijn oma", "De trainer", "Voetbal", "Even wandelen", "Muziek luisteren"]
STANDARD_SET = "mbo-standaard"


@dataclass(frozen=True)
class Control:
    """A widget on the page, whatever drives it: its kind, label and what can be chosen."""

    kind: str
    label: str
    options: tuple[Any, ...] = ()
    multi: bool = False
    form_id: str = ""  # widgets in a form send nothing until the form's button is pressed
    submits_form: bool = False
    handle: Any = field(default=None, compare=False)  # the driver's own widget object


@dataclass(frozen=True)
class Action:
    control: Control
    value: Any = None  # None: press the button

    @property
    def is_click(self) -> bool:
        return self.value is None

    @property
    def reruns(self) -> bool:
        """Filling in a form field reruns nothing: the browser keeps it until the form is sent."""
        return self.is_click or not self.control.form_id


class Walk:
    """Answers up to `answers_per_step` questions on a step, then presses a forward button.

    A step is left by the first button whose label is one of `forward_labels` ("Beginnen",
    "Volgende", ...). The walk ends when there is no forward button left, or after `max_steps`.
    `choose` fixes the answer of a widget by its label (e.g. which question set to do); widgets
    labelled as in `skip_labels` and forms sent by a button in `skip_forms_sent_by` are left alone.
    """

    def __init__(self, forward_labels: Iterable[str], answers_per_step: int = 2, max_steps: int = 12,
                 skip_labels: Iterable[str] = (), skip_forms_sent_by: Iterable[str] = (),
                 choose: Mapping[str, Collection[Any]] | None = None, seed: int = 0) -> None:
        self.forward_labels = [_fold(label) for label in forward_labels]
        self.answers_per_step = answers_per_step
        self.max_steps = max_steps
        self.skip_labels = {_fold(label) for label in skip_labels}
        self.skip_forms_sent_by = {_fold(label) for label in skip_forms_sent_by}
        self.choose = {_fold(label): set(values) for label, values in (choose or {}).items()}
        self.random = random.Random(seed)
        self.steps_done = 0
        self._answered_here: set[str] = set()
        self._chosen: set[str] = set()
        self._queue: list[Action] = []

    def next_action(self, controls: list[Control]) -> Action | None:
        """What the student does next on this page, or None when the conversation is over."""
        if self._queue:
            return self._queue.pop(0)
        if self.steps_done >= self.max_steps:
            return None
        for control in controls:
            if _fold(control.label) in self.choose and control.label not in self._chosen:
                self._chosen.add(control.label)
                wanted = [o for o in control.options if o in self.choose[_fold(control.label)]]
                if wanted:
                    return Action(control, wanted[0])
        if len(self._answered_here) < self.answers_per_step:
            skipped_forms = {c.form_id for c in controls
                             if c.submits_form and _fold(c.label) in self.skip_forms_sent_by}
            for control in controls:
                if self._answerable(control) and control.form_id not in skipped_forms:
                    return self._answer(control, controls)
        forward = self._forward_button(controls)
        if forward is None:
            return None
        self.steps_done += 1
        self._answered_here = set()
        return Action(forward)

    def _answer(self, control: Control, controls: list[Control]) -> Action:
        if not control.form_id:
            self._answered_here.add(control.label)
            return Action(control, self._value_for(control))
        # A form is one answer: fill in each of its fields, then send it.
        in_form = [c for c in controls if c.form_id == control.form_id]
        self._queue = [Action(c, self._value_for(c)) for c in in_form if self._answerable(c)]
        self._queue += [Action(c) for c in in_form if c.submits_form][:1]
        self._answered_here.add(control.form_id)
        return self._queue.pop(0)

    def _answerable(self, control: Control) -> bool:
        if control.kind not in ANSWERABLE or not control.label:
            return False
        if (control.form_id or control.label) in self._answered_here:
            return False
        if _fold(control.label) in self.skip_labels or _fold(control.label) in self.choose:
            return False
        return control.kind in {"text_input", "text_area", "checkbox"} or bool(control.options)

    def _forward_button(self, controls: list[Control]) -> Control | None:
        for wanted in self.forward_labels:
            for control in controls:
                if control.kind == "button" and not control.form_id and _fold(control.label) == wanted:
                    return control
        return None

    def _value_for(self, control: Control) -> Any:
        if control.kind in {"text_input", "text_area"}:
            return self.random.choice(TYPED_WORDS)
        if control.kind == "checkbox":
            return True
        if control.multi:
            return self.random.sample(list(control.options), k=min(2, len(control.options)))
        return self.random.choice(control.options)


def _fold(text: str) -> str:
    return text.casefold().strip()


def conversation_walk(content_dir: Path, seed: int = 0, set_id: str = STANDARD_SET,
                      answers_per_step: int = 2) -> Walk:
    """A student doing the whole `set_id` conversation in Dutch, by the app's own button words."""
    return Walk(answers_per_step=answers_per_step, seed=seed, **_conversation(content_dir, set_id))


@lru_cache(maxsize=4)
def _conversation(content_dir: Path, set_id: str) -> dict[str, Any]:
    """What every student of a class shares: read once, not once per student."""
    words = load_words(content_dir, "nl")
    question_set = load_folder(content_dir).sets[set_id]
    title = resolve(question_set.title, "nl", question_set.default_language)
    return {
        "forward_labels": (words("button.begin"), words("button.next"), words("button.finish")),
        "max_steps": len(question_set.steps) + 1,  # the start screen, then every step
        "skip_labels": (words("start.language"), words("nav.language")),
        "skip_forms_sent_by": (words("button.save"),),
        # AppTest knows the options by id, the browser by the title it shows.
        "choose": {words("start.choose_set"): frozenset({set_id, title})},
    }
