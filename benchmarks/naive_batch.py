"""The naive baseline of a batch: ``naive_build.py`` looped in one process per core.

    python benchmarks/naive_batch.py --jobs 2 OUT_DIR a.xlsx b.xlsx …

What someone who knows Python would write for a folder of workbooks on a multi-core machine:
split the files into one slice per core and, in each of that many processes, import openpyxl
and docxtpl once and build the slice's reports one after another. Each process is a fresh
interpreter (``subprocess``), as ``ita-report build --jobs`` starts fresh workers.
"""

import subprocess
import sys
from pathlib import Path

import naive_build


def loop(out_dir: Path, books: list[str]) -> None:
    for book in books:
        naive_build.main(book, str(out_dir / f"{Path(book).stem}.docx"))


def main(argv: list[str]) -> None:
    if argv[0] == "--loop":
        loop(Path(argv[1]), argv[2:])
        return
    jobs, out_dir, books = int(argv[1]), argv[2], argv[3:]
    Path(out_dir).mkdir(parents=True, exist_ok=True)
    slices = [books[start::jobs] for start in range(jobs)]
    workers = [
        subprocess.Popen([sys.executable, __file__, "--loop", out_dir, *part])
        for part in slices
        if part
    ]
    if any(worker.wait() for worker in workers):
        sys.exit(1)


if __name__ == "__main__":
    main(sys.argv[1:])
