"""The measures sheet (SPEC §1.2): below its header, one row per method, into the model.

Where the table's header is, where it ends and which columns it does not read are ``layout``'s
business; here each row becomes a method of its measure, every problem of a row recorded.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ita_report.labels import MEASURE_COLUMNS, STATUS_SPELLINGS, Label, did_you_mean
from ita_report.model import Agency, Measure, Method, Period, ProblemLog, Status, split_units
from ita_report.periods import ImpossibleDate, as_date, parse_date_text, parse_period_text
from ita_report.read.cells import cell_text, normalised
from ita_report.read.layout import (
    Header,
    find_header,
    is_trailer,
    name_trailer,
    name_unread_columns,
)
from ita_report.read.sheet import Sheet, is_blank
from ita_report.thai import arabic, normalise_label, split_numbering

_IN_PROGRESS_RESULT = normalise_label("อยู่ระหว่าง")
#: ``ยังไม่ดำเนินการ``, ``ยังไม่ได้ดำเนินการ`` typed as the result: not started, not done.
_NOT_STARTED_RESULT = normalise_label("ยังไม่")
_STATUS_CHOICES = " / ".join(status.thai for status in Status)
#: Every accepted status spelling → the Thai label it stands for, for the did-you-mean hint.
_STATUS_SHOWN = {spelling: status.thai for spelling, status in STATUS_SPELLINGS.items()}


class _NotADate(Exception):
    """Text that is no date, under a period label merged over two columns: the period itself."""


class _UnreadableCell(Exception):
    """A cell whose problem is recorded; the row it is on yields no method."""


@dataclass
class _OpenMeasure:
    """A measure while its methods are still being read."""

    no: int | None
    title: str
    cell: str
    #: The title as rows are compared with it (``normalise_label``), worked out once.
    key: str
    methods: list[Method] = field(default_factory=list)


def read_measures(
    sheet: Sheet, agency: Agency | None, units: tuple[str, ...], problems: ProblemLog
) -> tuple[Measure, ...]:
    """Every measure with its methods, in sheet order; problems recorded, never raised."""
    header = find_header(sheet)
    if header is None:
        problems.error(
            sheet.name,
            "ไม่พบแถวหัวตาราง (ต้องมีชื่อคอลัมน์อย่างน้อยสามคอลัมน์ เช่น "
            "มาตรการ/แนวทาง, วิธีการดำเนินการ, ผู้รับผิดชอบ)",
        )
        return ()
    if not _check_columns(sheet, header, problems):
        return ()
    reader = _RowReader(sheet, header, agency, units, problems)
    measures: list[_OpenMeasure] = []
    end = sheet.last_row
    for row in range(header.first_data_row, sheet.last_row + 1):
        if is_trailer(sheet, row):
            end = row - 1
            name_trailer(sheet, row, problems)
            break
        reader.read_row(row, measures)
    name_unread_columns(sheet, header, end, problems)
    return _number(measures, problems)


def _check_columns(sheet: Sheet, header: Header, problems: ProblemLog) -> bool:
    ok = True
    columns = header.columns
    where = f"{sheet.name}!{header.rows[0]}:{header.rows[-1]}"
    rows_said = "แถว " + "–".join(map(str, header.rows))
    for label in MEASURE_COLUMNS:
        if label.required and label.key not in columns:
            problems.error(where, f"ไม่พบคอลัมน์ '{label.title}' ในแถวหัวตาราง ({rows_said})")
            ok = False
    if "period" not in columns and not {"start", "end"} <= columns.keys():
        problems.error(
            where,
            f"ต้องมีคอลัมน์ 'ระยะเวลาดำเนินการ' หรือทั้ง 'เริ่ม' และ 'สิ้นสุด' ในแถวหัวตาราง ({rows_said})",
        )
        ok = False
    used = set(columns.values())
    seen: dict[Label, int] = {}
    for col, (row, column) in sorted(header.known.items()):
        if column in seen and col not in used:
            problems.error(
                sheet.ref(row, col),
                f"คอลัมน์ '{column.title}' ซ้ำกับ {sheet.ref(header.known[seen[column]][0], seen[column])}"
                " — เหลือไว้คอลัมน์เดียว",
            )
            ok = False
        seen.setdefault(column, col)
    return ok


class _RowReader:
    """Reads one data row at a time into the open measures."""

    def __init__(
        self,
        sheet: Sheet,
        header: Header,
        agency: Agency | None,
        units: tuple[str, ...],
        problems: ProblemLog,
    ) -> None:
        self.sheet = sheet
        self.columns = header.columns
        self.period_pair = header.period_pair
        self.agency = agency
        self.units = {normalise_label(unit): unit for unit in units}
        self.problems = problems

    def ref(self, row: int, key: str) -> str:
        return self.sheet.ref(row, self.columns[key])

    def value(self, row: int, key: str) -> object:
        col = self.columns.get(key)
        return None if col is None else self.sheet.value(row, col)

    def text(self, row: int, key: str) -> str:
        col = self.columns.get(key)
        return (
            ""
            if col is None
            else cell_text(self.sheet.value(row, col), lambda: self.ref(row, key), self.problems)
        )

    def read_row(self, row: int, measures: list[_OpenMeasure]) -> None:
        # A row with nothing of its own is empty, even where a merged cell above reaches into it
        # (a measure cell merged over spare rows): only its own cells count.
        if all(
            is_blank(self.sheet.raw(row, col)) for key, col in self.columns.items() if key != "no"
        ):
            return
        measure_col = self.columns["measure"]
        title = self.text(row, "measure")
        typed_no, title = split_numbering(title)
        continues = not title or self.sheet.is_merged_continuation(row, measure_col)
        key = ""
        if not continues:
            key = normalise_label(title)
            # An Excel table or a filtered list repeats the measure on every row of its methods.
            continues = bool(measures) and key == measures[-1].key
        if not continues:
            no = self._number_column(row)
            measures.append(
                _OpenMeasure(
                    no if no is not None else typed_no, title, self.ref(row, "measure"), key
                )
            )
        elif not measures:
            self.problems.error(self.ref(row, "measure"), "แถวแรกของตารางต้องมีชื่อมาตรการ/แนวทาง")
            return
        method = self._method(row, measures[-1])
        if method is not None:
            measures[-1].methods.append(method)

    def _number_column(self, row: int) -> int | None:
        if "no" not in self.columns or self.sheet.is_merged_continuation(row, self.columns["no"]):
            return None
        value = self.value(row, "no")
        if is_blank(value):
            return None
        number, _ = split_numbering(f"{arabic(str(value)).removesuffix('.0')}. x")
        if number is None:
            self.problems.error(self.ref(row, "no"), f"'ลำดับ' ต้องเป็นตัวเลข (พบ '{value}')")
        return number

    def _method(self, row: int, measure: _OpenMeasure) -> Method | None:
        no = len(measure.methods) + 1
        text = self.text(row, "method")
        method_col = self.columns["method"]
        if self.sheet.is_merged_continuation(row, method_col):
            self.problems.warning(
                self.ref(row, "method"),
                "เซลล์วิธีการดำเนินการถูกผสานไว้หลายแถว จึงซ้ำข้อความในทุกแถว — หนึ่งแถวควรมีหนึ่งวิธีการ",
            )
        if not text:
            self.problems.error(
                self.ref(row, "method"), "ต้องกรอก 'วิธีการดำเนินการ' (หนึ่งแถวต่อหนึ่งวิธีการ) หรือลบแถวนี้"
            )
            return None
        _, text = split_numbering(text, outline=(measure.no or 0, no))
        responsible = self.text(row, "responsible")
        if not responsible:
            self.problems.error(self.ref(row, "responsible"), "ต้องกรอก 'ผู้รับผิดชอบ'")
        else:
            self._check_units(row, responsible)
        result = self.text(row, "result")
        period = self._period(row)
        status = self._status(row, result)
        if period is None or status is None or not responsible:
            return None
        return Method(
            no=no,
            text=text,
            responsible=responsible,
            period=period,
            status=status,
            result=result,
            suggestion=self.text(row, "suggestion"),
            cell=self.ref(row, "method"),
        )

    def _status(self, row: int, result: str) -> Status | None:
        typed = self.text(row, "status")
        if typed:
            status = STATUS_SPELLINGS.get(normalised(typed))
            if status is None:
                hint = did_you_mean(typed, _STATUS_SHOWN)
                self.problems.error(
                    self.ref(row, "status"),
                    f"สถานะ '{typed}' ไม่ถูกต้อง{hint} (ใช้ได้: {_STATUS_CHOICES})",
                )
            elif status is Status.DONE and not result and "result" in self.columns:
                self.problems.warning(
                    self.ref(row, "result"), "สถานะเป็น 'ดำเนินการแล้ว' แต่ยังไม่ได้กรอกผลการดำเนินการ"
                )
            return status
        if not result:
            return Status.NOT_STARTED
        typed_result = normalise_label(result)
        if typed_result.startswith(_IN_PROGRESS_RESULT):
            return Status.IN_PROGRESS
        if typed_result.startswith(_NOT_STARTED_RESULT):
            return Status.NOT_STARTED
        return Status.DONE

    def _period(self, row: int) -> Period | None:
        text = self.text(row, "period") or None
        # Both dates are read before giving up, so that a bad start does not hide a bad end.
        days: dict[str, date | None] = {}
        typed: list[str] = []
        for key in ("start", "end"):
            try:
                days[key] = self._date(row, key)
            except _UnreadableCell:
                days[key] = None
                typed.append("")
            except _NotADate:
                days[key] = None
                typed.append(key)
        if "" in typed:
            return None
        if typed:
            # Under a period label merged over two columns, text that is no date is the period
            # as typed (``มี.ค. ๖๔`` | ``ก.ย. ๖๔``), kept whole.
            parts = (self.text(row, key) for key in ("start", "end"))
            text = " – ".join(part for part in parts if part)
            days = {"start": None, "end": None}
        start, end = days["start"], days["end"]
        fiscal_year = self.agency.fiscal_year if self.agency else None
        if text and start is None and end is None and fiscal_year is not None:
            months = parse_period_text(text, fiscal_year)
            if months is not None:
                start, end = months
        elif (start is None) != (end is None):
            which = "start" if start is None else "end"
            if which not in self.columns:  # a period column with only one date column beside it
                which = "end" if which == "start" else "start"
            self.problems.warning(
                self.ref(row, which), "กรอกวันที่ไว้เพียงวันเดียว จึงถือว่าเริ่มและสิ้นสุดวันเดียวกัน"
            )
            start = end = start or end
        if text is None and start is None:
            where = self.ref(row, "period" if "period" in self.columns else "start")
            self.problems.error(where, "ต้องกรอก 'ระยะเวลาดำเนินการ' หรือวันที่ 'เริ่ม' และ 'สิ้นสุด'")
            return None
        if start is not None and end is not None:
            if start > end:
                self.problems.error(
                    self.ref(row, "end" if "end" in self.columns else "period"),
                    "วันสิ้นสุดมาก่อนวันเริ่ม — ตรวจวันที่ทั้งสองช่อง",
                )
                return None
            self._check_fiscal_year(row, start, end)
        return Period(text=text, start=start, end=end)

    def _date(self, row: int, key: str) -> date | None:
        """The date in a start/end cell, None when empty.

        Raises _UnreadableCell once its problem is recorded, or, in the two columns under a
        merged period label, _NotADate for text that is no date (the period typed as text).
        """
        value = self.value(row, key)
        if is_blank(value):
            return None
        try:
            day = as_date(value)
            if day is None:
                day = parse_date_text(self.text(row, key))
        except ImpossibleDate as why:
            self.problems.error(self.ref(row, key), f"{why} — แก้เป็นวันที่ที่มีอยู่จริง")
            raise _UnreadableCell from None
        if day is not None:
            return day
        if self.period_pair:
            raise _NotADate
        self.problems.error(
            self.ref(row, key),
            f"อ่านวันที่ '{self.text(row, key)}' ไม่ได้ — ใช้วันที่ของ Excel หรือพิมพ์เป็น วัน/เดือน/ปี"
            " เช่น 1/3/2564 หรือ 1 มี.ค. 64",
        )
        raise _UnreadableCell

    def _check_fiscal_year(self, row: int, start: date, end: date) -> None:
        if self.agency is None:
            return
        if start < self.agency.fiscal_start or end > self.agency.fiscal_end:
            key = "start" if "start" in self.columns else "period"
            self.problems.warning(
                self.ref(row, key),
                f"ระยะเวลาอยู่นอกปีงบประมาณ พ.ศ. {self.agency.fiscal_year} "
                f"(1 ต.ค. {self.agency.fiscal_year - 1} – 30 ก.ย. {self.agency.fiscal_year})",
            )

    def _check_units(self, row: int, responsible: str) -> None:
        if not self.units:
            return
        for name in split_units(responsible):
            if normalised(name) in self.units:
                continue
            hint = did_you_mean(name, self.units)
            self.problems.warning(
                self.ref(row, "responsible"), f"ไม่พบ '{name}' ในรายชื่อหน่วยงานย่อย (ชีต ผู้รับผิดชอบ){hint}"
            )


def _number(measures: list[_OpenMeasure], problems: ProblemLog) -> tuple[Measure, ...]:
    """Measures numbered by their ``no`` column or typed numbering, else by their order."""
    result: list[Measure] = []
    seen: dict[int, str] = {}
    for index, measure in enumerate(measures, 1):
        no = measure.no if measure.no is not None else index
        if no in seen:
            problems.warning(measure.cell, f"เลขมาตรการ {no} ซ้ำกับ {seen[no]}")
        seen.setdefault(no, measure.cell)
        if not measure.methods:
            continue  # each of its rows already has an error
        result.append(Measure(no, measure.title, tuple(measure.methods), measure.cell))
    return tuple(result)
