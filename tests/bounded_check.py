"""Check files one at a time, each in its own forked process, under the limits a contributor's
file must fit in (CPU seconds and address space), and report how each run ended, as JSON.

    python tests/bounded_check.py PROJECT CPU_SECONDS MEGABYTES FILE…

Each FILE is put alone into PROJECT/initiatives/, then a child runs the same `check` as
`python -m macros check initiatives/<name>` and prints what it prints; the parent records the
exit status, or the signal that stopped the child when it passed a limit, and takes the file
out again. Used by tests/test_hostile.py.
"""
from __future__ import annotations

import io
import json
import os
import resource
import shutil
import sys
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from macros import cli, messages, validate  # noqa: E402


def run_child(project: Path, path: Path, write_fd: int) -> None:
    out = io.StringIO()
    try:
        with redirect_stdout(out), redirect_stderr(out), messages.use("en"):
            problems = cli.check([path], project)
            for found in problems:
                print(found)
        status = 1 if problems else 0
    except BaseException as exc:  # noqa: BLE001 - reported to the parent, which fails the test
        import traceback
        out.write("Traceback (most recent call last):\n" + "".join(traceback.format_exception(exc)))
        status = 9
    os.write(write_fd, out.getvalue().encode("utf-8", "backslashreplace"))
    os._exit(status)


def main() -> None:
    project, cpu, megabytes, *files = sys.argv[1:]
    validate.validator("initiative")   # compiled once, before the children share it
    results = {}
    for name in files:
        placed = Path(project) / "initiatives" / Path(name).name
        shutil.copyfile(name, placed)
        read_fd, write_fd = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(read_fd)
            os.chdir(project)
            resource.setrlimit(resource.RLIMIT_CPU, (int(cpu), int(cpu) + 1))
            limit = int(megabytes) * 1024 * 1024
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
            run_child(Path(project), placed.relative_to(project), write_fd)
        os.close(write_fd)
        chunks = []
        while chunk := os.read(read_fd, 65536):
            chunks.append(chunk)
        os.close(read_fd)
        _, status = os.waitpid(pid, 0)
        placed.unlink()
        results[name] = {"exit": os.waitstatus_to_exitcode(status), "output": b"".join(chunks).decode("utf-8")}
    print(json.dumps(results))


if __name__ == "__main__":
    main()
