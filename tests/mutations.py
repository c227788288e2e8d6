"""Seeded random edits of a seeds folder, of the kinds a contributor (or an archive tool) makes.

Each mutation changes one thing in a copy of a seeds folder and says what it did, so that a
failing step can be replayed by its seed and step number. They stay within what a folder can
hold: quotes, ids, dates, stances and references rewritten; article texts edited without
changing their size; lines dropped or doubled; values YAML 1.1 would have converted; escaped
control characters; and files replaced by folders, links or FIFOs, removed, or copied under
another name (two annotation files naming one text).
"""

from __future__ import annotations

import os
import random
import re
import shutil
from collections.abc import Callable
from pathlib import Path

VALUE = re.compile(r"^(?P<head>\s*-?\s*(?P<key>[a-z_]+):\s+)(?P<value>\S.*)$")
STANCES = ["asserts", "denies", "predicts", "warns", "criticises", "praises", "demands", "doubts"]
HOSTILE = ["1:30", "0x1F", "010", "10:45", "yes", "no", "~", '"\\e]0;x\\a"', '"\\u202e"', "1e999"]
HOSTILE += ['"x\\n"', "[a, b]", "{a: 1}", "!!python/name:os.system", "*alias", "&a x", "'"]


class Mutator:
    """Applies one random mutation at a time to the folder ``seeds``, with its own generator."""

    def __init__(self, seeds: Path, rng: random.Random) -> None:
        self.seeds, self.rng = seeds, rng
        self.kinds: list[Callable[[], str]] = [
            self.quote,
            self.identifier,
            self.date,
            self.stance,
            self.reference,
            self.text_same_size,
            self.file_kind,
            self.line,
            self.hostile_value,
        ]

    def __call__(self) -> str:
        """Mutate once; return what was done, for the failure message."""
        return self.rng.choice(self.kinds)()

    # --- helpers -------------------------------------------------------------------------

    def _files(self, suffix: str) -> list[Path]:
        return sorted(p for p in self.seeds.iterdir() if p.name.endswith(suffix) and _regular(p))

    def _edit_value(self, keys: set[str] | None, change: Callable[[str, str], str]) -> str:
        """Rewrite the value of one random ``key: value`` line whose key is in ``keys``."""
        files = self._files(".yaml")
        if not files:
            return "no YAML file left"
        path = self.rng.choice(files)
        lines = path.read_text("utf-8").split("\n")
        found = [
            (n, m)
            for n, line in enumerate(lines)
            if (m := VALUE.match(line)) and (keys is None or m["key"] in keys)
        ]
        if not found:
            return f"nothing to edit in {path.name}"
        n, match = self.rng.choice(found)
        new = change(match["key"], match["value"])
        lines[n] = match["head"] + new
        path.write_text("\n".join(lines), "utf-8")
        return f"{path.name}:{n + 1}: {match['key']}: {match['value'][:40]!r} → {new[:40]!r}"

    def _ids(self) -> list[str]:
        found = set()
        for path in self._files(".yaml"):
            found.update(re.findall(r"^\s*-?\s*id:\s+(\S+)", path.read_text("utf-8"), re.M))
        return sorted(found) or ["x"]

    # --- mutations -----------------------------------------------------------------------

    def quote(self) -> str:
        def change(_: str, value: str) -> str:
            body = value.strip("\"'")
            if not body:
                return value
            at = self.rng.randrange(len(body))
            edit = self.rng.choice(
                [
                    body[:at] + body[at + 1 :],
                    body[:at] + self.rng.choice("aeXz ’“”'\"-") + body[at + 1 :],
                    body.upper(),
                    body + " again",
                    body.replace("’", "'").replace("“", '"').replace("”", '"'),
                ]
            )
            return '"' + edit.replace("\\", "\\\\").replace('"', '\\"') + '"'

        return "quote " + self._edit_value({"quote"}, change)

    def identifier(self) -> str:
        def change(_: str, value: str) -> str:
            return self.rng.choice(
                [
                    value.upper(),
                    value + "-x",
                    value.replace("-", " ", 1),
                    f'"{value}\\n"',
                    self.rng.choice(self._ids()),
                    "қазақ",
                    value + "/1",
                ]
            )

        return "id " + self._edit_value({"id", "article"}, change)

    def date(self) -> str:
        def change(_: str, value: str) -> str:
            year = self.rng.randrange(1990, 2030)
            return self.rng.choice(
                [
                    f'"{year}-02-30"',
                    f'"{year}-13"',
                    f'"{year}"',
                    f"{year}",
                    f'"{year}-0{self.rng.randrange(1, 10)}-1{self.rng.randrange(10)}"',
                    f"{year}-05-14",
                    f'"{value.strip(chr(34))}\\n"',
                    f'"٢٠{self.rng.randrange(10, 30)}"',
                ]
            )

        keys = {"published", "date", "start", "end", "founded", "dissolved"}
        return "date " + self._edit_value(keys, change)

    def stance(self) -> str:
        def change(_: str, value: str) -> str:
            return self.rng.choice([*STANCES, value.upper(), "claims"])

        return "stance " + self._edit_value({"stance"}, change)

    def reference(self) -> str:
        def change(_: str, value: str) -> str:
            ids = self._ids()
            if value.startswith("["):
                items = [v.strip() for v in value.strip("[]").split(",") if v.strip()]
                items.append(self.rng.choice(ids))
                if len(items) > 1 and self.rng.random() < 0.5:
                    items.pop(0)
                return "[" + ", ".join(items) + "]"
            return self.rng.choice(ids)

        keys = {
            "speaker",
            "about",
            "relayed_by",
            "contradicts",
            "supports",
            "publisher",
            "authors",
            "member",
            "organization",
            "location",
            "part_of",
            "contained_in",
            "original",
            "resulting",
        }
        return "reference " + self._edit_value(keys, change)

    def text_same_size(self) -> str:
        """One ASCII letter of an article text replaced by another: the size stays the same."""
        texts = self._files(".txt")
        if not texts:
            return "no text left"
        path = self.rng.choice(texts)
        data = bytearray(path.read_bytes())
        letters = [i for i, b in enumerate(data) if 97 <= b <= 122]
        if not letters:
            return f"no letter in {path.name}"
        at = self.rng.choice(letters)
        before = data[at]
        data[at] = self.rng.choice([b for b in range(97, 123) if b != before])
        stat = path.stat()
        path.write_bytes(bytes(data))
        os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # the time put back, as cp -p
        return f"text {path.name} byte {at}: {chr(before)} → {chr(data[at])}, time kept"

    def file_kind(self) -> str:
        candidates = self._files(".yaml") + self._files(".txt")
        if not candidates:
            return "no file left"
        path = self.rng.choice(candidates)
        how = self.rng.choice(["folder", "dangling link", "link", "fifo", "removed", "copied"])
        if how == "copied":
            twin = path.with_name(f"twin-{self.rng.randrange(1000)}{path.suffix}")
            shutil.copy(path, twin)
            return f"{path.name} copied to {twin.name}"
        moved = self.seeds.parent / f"moved-{self.rng.randrange(10**6)}-{path.name}"
        path.rename(moved)  # out of the folder, where a link may still point
        if how == "folder":
            path.mkdir()
        elif how == "dangling link":
            path.symlink_to(f"missing-{path.name}")
        elif how == "link":
            path.symlink_to(moved)
        elif how == "fifo":
            os.mkfifo(path)
        return f"{path.name} is now {how}"

    def line(self) -> str:
        files = self._files(".yaml")
        if not files:
            return "no YAML file left"
        path = self.rng.choice(files)
        lines = path.read_text("utf-8").split("\n")
        n = self.rng.randrange(len(lines))
        if self.rng.random() < 0.5:
            gone = lines.pop(n)
            what = f"line {n + 1} removed: {gone[:40]!r}"
        else:
            lines.insert(n, lines[n])
            what = f"line {n + 1} doubled: {lines[n][:40]!r}"
        path.write_text("\n".join(lines), "utf-8")
        return f"{path.name}: {what}"

    def hostile_value(self) -> str:
        return "hostile " + self._edit_value(None, lambda _, __: self.rng.choice(HOSTILE))


def _regular(path: Path) -> bool:
    return path.is_file() and not path.is_symlink()
