"""Write ``src/ita_report/cli/thai_words.tis620``: the Thai words the console breaks lines between.

Thai is written without spaces between words, so a terminal that wraps only at spaces cuts
words in half (``ขั้นตอ|นการ``). ``ita_report.cli.segment`` finds the words by matching this
list. The list is PyThaiNLP's ``words_th.txt`` (about 62,000 words, released under CC0 1.0,
public domain), as shipped in the ``newmm-tokenizer`` 0.2.2 wheel on PyPI, kept to the words
written in Thai letters only (abbreviations with dots, which never need breaking inside, are
dropped), plus the few words of the ITA vocabulary below that it lacks. It is stored in TIS-620
(cp874: one byte a Thai letter), uncompressed: about 540 kB, against 20 MB for pythainlp. zlib
would make it 230 kB, but unpacking and decoding it took every ``check`` 9 ms, as long as
reading the workbook.

The words are sorted, one a line, and a blank line ends each run of words that begin with the
same two letters (a one-letter word is a run of its own). ``segment`` splits the bytes at the
blank lines only, about 1,100 runs, and looks a word up in its run's bytes: a ``check`` table
looks words up in a fraction of the runs, and making a set of all 61,000 words took longer than
the rest of the table.

    .venv/bin/python docs/make-thai-words.py                 # fetches the wheel with pip
    .venv/bin/python docs/make-thai-words.py WHEEL_OR_WORDS_TH_TXT

The output is the same bytes for the same input.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import zipfile
from itertools import groupby
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUTPUT = ROOT / "src" / "ita_report" / "cli" / "thai_words.tis620"
SOURCE = "newmm-tokenizer==0.2.2"

#: Words of the ITA workbooks and reports that the list lacks (its compounds, such as กองคลัง or
#: ดำเนินการแล้ว, need no entry: a line may break between their words).
EXTRA = ["ตัวชี้วัด", "ความโปร่งใส"]


def words_th(source: Path) -> str:
    if source.suffix == ".whl":
        with zipfile.ZipFile(source) as wheel:
            return wheel.read("newmm_tokenizer/words_th.txt").decode("utf-8")
    return source.read_text(encoding="utf-8")


def fetched() -> Path:
    folder = Path(tempfile.mkdtemp())
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", str(folder), SOURCE],
        check=True,
    )
    (wheel,) = folder.glob("*.whl")
    return wheel


def is_thai_word(word: str) -> bool:
    return bool(word) and all("\u0e01" <= char <= "\u0e4e" for char in word)


def main() -> None:
    source = Path(sys.argv[1]) if len(sys.argv) > 1 else fetched()
    words = {word.strip() for word in words_th(source).splitlines()} | set(EXTRA)
    kept = sorted(word for word in words if is_thai_word(word))
    runs = ("\n".join(run) for _, run in groupby(kept, key=lambda word: word[:2]))
    data = "\n\n".join(runs).encode("cp874")
    OUTPUT.write_bytes(data)
    print(f"{OUTPUT.relative_to(ROOT)}: {len(kept)} words, {len(data):,} bytes")


if __name__ == "__main__":
    main()
