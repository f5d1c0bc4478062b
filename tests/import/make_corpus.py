#!/usr/bin/env python3
"""Writes the test corpus of `ketluan import`: past conclusion notices
(Thông báo kết luận) typed the way Word users type them, as .docx and as
.txt copied from portal pages.

Run it from anywhere (it writes next to itself):

    python3 -m venv /tmp/corpus/venv
    /tmp/corpus/venv/bin/pip install python-docx
    /tmp/corpus/venv/bin/python tests/import/make_corpus.py

It writes NN-*.docx and NN-*.txt only. The NN-*.expected.yaml files beside
them are written by hand (they are the truth the importer is measured
against) and this script never touches them. The output is byte-for-byte
reproducible (fixed zip timestamps and document properties), so running it
again leaves `git status` clean unless the text below changed.

All people's names are invented. The notices' text was written for this
corpus; only the shapes (structure, phrasings, unit names, deadline forms,
Word habits) follow real notices.

Markup inside the text of a paragraph (see `runs()`):

    **...**     bold on/off            %%...%%   italic on/off
    |           start a new run here (a word split in two runs, as Word
                does after an edit); not printed
    \t          a tab (w:tab)          \n        a manual line break (w:br)
    {F:instr|result}   a complex field (fldChar begin / instrText /
                separate / result / end): the reader sees `result`
    {S:instr|result}   a simple field (w:fldSimple)
    {SH}        Word's optional hyphen (w:softHyphen)
    {Z:11}      font size of the following runs, in points
    ~           only in pasted paragraphs ("X" blocks): the place where a
                line of the PDF ended; the paragraph is cut there into
                separate Word paragraphs (the space at the cut is lost,
                as when text is pasted from a PDF)

Body blocks (the `body` list of a notice):

    ("P", text)   a body paragraph (justified, first-line indent)
    ("H", text)   a section heading, bold ("I. Về ...")
    ("L", text)   a list item typed with its marker ("1. ", "a) ", "- ");
                  in a notice with auto numbering the marker is removed
                  from the text and produced by numbering.xml instead
    ("X", text)   a pasted paragraph, cut at each "~"
    ("LX", text)  a list item pasted from a PDF, cut at each "~"
    ("E",)        an empty paragraph
"""

import copy
import datetime
import io
import os
import re
import sys
import zipfile

from docx import Document
from docx.enum.section import WD_ORIENT  # noqa: F401  (A4 portrait below)
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Mm, Pt

HERE = os.path.dirname(os.path.abspath(__file__))
FONT = "Times New Roman"
FIXED_TIME = datetime.datetime(2025, 6, 1, 8, 0, 0)

# ---------------------------------------------------------------- runs


TOKEN = re.compile(r"(\*\*|%%|\||\t|\n|\{F:[^}]*\}|\{S:[^}]*\}|\{SH\}|\{Z:\d+\})")


def _rpr(run, bold, italic, size):
    run.font.name = FONT
    rpr = run._r.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    fonts.set(qn("w:eastAsia"), FONT)
    fonts.set(qn("w:cs"), FONT)
    if bold:
        run.bold = True
    if italic:
        run.italic = True
    if size:
        run.font.size = Pt(size)


def _field_runs(paragraph, instr, result, bold, italic, size):
    def fld(kind):
        r = paragraph.add_run()
        _rpr(r, bold, italic, size)
        el = OxmlElement("w:fldChar")
        el.set(qn("w:fldCharType"), kind)
        r._r.append(el)

    fld("begin")
    r = paragraph.add_run()
    _rpr(r, bold, italic, size)
    it = OxmlElement("w:instrText")
    it.set(qn("xml:space"), "preserve")
    it.text = instr
    r._r.append(it)
    fld("separate")
    r = paragraph.add_run(result)
    _rpr(r, bold, italic, size)
    fld("end")


def _simple_field(paragraph, instr, result, bold, italic, size):
    fs = OxmlElement("w:fldSimple")
    fs.set(qn("w:instr"), instr)
    paragraph._p.append(fs)
    r = OxmlElement("w:r")
    fs.append(r)
    from docx.text.run import Run

    run = Run(r, paragraph)
    _rpr(run, bold, italic, size)
    t = OxmlElement("w:t")
    t.text = result
    r.append(t)


def runs(paragraph, text, bold=False, italic=False, size=None):
    """Writes `text` (with the markup above) into `paragraph` as runs."""
    cur = None
    for tok in TOKEN.split(text):
        if tok == "":
            continue
        if tok == "**":
            bold = not bold
            cur = None
        elif tok == "%%":
            italic = not italic
            cur = None
        elif tok == "|":
            cur = None
        elif tok == "\t":
            if cur is None:
                cur = paragraph.add_run()
                _rpr(cur, bold, italic, size)
            cur.add_tab()
        elif tok == "\n":
            if cur is None:
                cur = paragraph.add_run()
                _rpr(cur, bold, italic, size)
            cur.add_break()
        elif tok.startswith("{Z:"):
            size = int(tok[3:-1])
            cur = None
        elif tok == "{SH}":
            if cur is None:
                cur = paragraph.add_run()
                _rpr(cur, bold, italic, size)
            cur._r.append(OxmlElement("w:softHyphen"))
        elif tok.startswith("{F:"):
            instr, result = tok[3:-1].split("|", 1)
            _field_runs(paragraph, instr, result, bold, italic, size)
            cur = None
        elif tok.startswith("{S:"):
            instr, result = tok[3:-1].split("|", 1)
            _simple_field(paragraph, instr, result, bold, italic, size)
            cur = None
        else:
            if cur is None:
                cur = paragraph.add_run()
                _rpr(cur, bold, italic, size)
            # python-docx turns \t and \n in text into w:tab / w:br; plain
            # text here has neither (they are tokens above)
            t = OxmlElement("w:t")
            t.set(qn("xml:space"), "preserve")
            t.text = tok
            cur._r.append(t)
    return paragraph


# ----------------------------------------------------------- paragraphs


def fmt(p, align=None, first=None, left=None, before=None, after=None,
        line=None, keep=False):
    pf = p.paragraph_format
    if align is not None:
        pf.alignment = align
    if first is not None:
        pf.first_line_indent = first
    if left is not None:
        pf.left_indent = left
    if before is not None:
        pf.space_before = Pt(before)
    if after is not None:
        pf.space_after = Pt(after)
    if line is not None:
        pf.line_spacing = line
    if keep:
        pf.keep_with_next = True
    return p


def para(container, text="", align=WD_ALIGN_PARAGRAPH.JUSTIFY, first=Cm(1),
         before=6, after=0, bold=False, italic=False, size=None, left=None,
         style=None):
    p = container.add_paragraph(style=style) if style else container.add_paragraph()
    fmt(p, align=align, first=first, left=left, before=before, after=after)
    runs(p, text, bold=bold, italic=italic, size=size)
    return p


def centred(container, text, bold=False, italic=False, size=13, before=0,
            after=0):
    return para(container, text, align=WD_ALIGN_PARAGRAPH.CENTER, first=Cm(0),
                before=before, after=after, bold=bold, italic=italic, size=size)


def add_tabs(p, stops):
    for pos, kind in stops:
        p.paragraph_format.tab_stops.add_tab_stop(pos, kind)


def no_borders(table):
    tbl = table._tbl
    tblPr = tbl.tblPr
    borders = parse_xml(
        r'<w:tblBorders %s><w:top w:val="nil"/><w:left w:val="nil"/>'
        r'<w:bottom w:val="nil"/><w:right w:val="nil"/>'
        r'<w:insideH w:val="nil"/><w:insideV w:val="nil"/></w:tblBorders>'
        % nsdecls("w"))
    tblPr.append(borders)


def cell_text(cell, lines):
    """Fills a cell: the first given paragraph reuses the cell's own."""
    first = True
    for spec in lines:
        text, kw = spec if isinstance(spec, tuple) else (spec, {})
        if first:
            p = cell.paragraphs[0]
            first = False
        else:
            p = cell.add_paragraph()
        fmt(p, align=kw.get("align", WD_ALIGN_PARAGRAPH.CENTER), first=Cm(0),
            before=kw.get("before", 0), after=0)
        runs(p, text, bold=kw.get("bold", False), italic=kw.get("italic", False),
             size=kw.get("size", 13))


def set_widths(table, widths):
    table.autofit = False
    for col, w in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), widths):
        col.set(qn("w:w"), str(int(w.twips)))
    for row in table.rows:
        for cell, w in zip(row.cells, widths):
            cell.width = w


# ------------------------------------------------------------ numbering


class Numbering:
    """Builds numbering definitions for numbering.xml.

    `abstract(levels)` with levels a list of (numFmt, lvlText, suffix);
    `num(abstract_id)` a list instance (a new one restarts the count)."""

    def __init__(self):
        self.abstracts = []
        self.nums = []

    def abstract(self, levels):
        aid = 20 + len(self.abstracts)
        lv = []
        for i, (numfmt, text, suff) in enumerate(levels):
            font = ('<w:rPr><w:rFonts w:ascii="%s" w:hAnsi="%s" w:cs="%s"/>'
                    '</w:rPr>' % (FONT, FONT, FONT))
            lv.append(
                '<w:lvl w:ilvl="%d"><w:start w:val="1"/>'
                '<w:numFmt w:val="%s"/><w:suff w:val="%s"/>'
                '<w:lvlText w:val="%s"/><w:lvlJc w:val="left"/>'
                '<w:pPr><w:ind w:left="0" w:firstLine="567"/></w:pPr>%s</w:lvl>'
                % (i, numfmt, suff, text, font))
        xml = ('<w:abstractNum %s w:abstractNumId="%d">'
               '<w:multiLevelType w:val="%s"/>%s</w:abstractNum>'
               % (nsdecls("w"), aid,
                  "multilevel" if len(levels) > 1 else "singleLevel",
                  "".join(lv)))
        self.abstracts.append(parse_xml(xml))
        return aid

    def num(self, aid):
        nid = 20 + len(self.nums)
        xml = ('<w:num %s w:numId="%d"><w:abstractNumId w:val="%d"/></w:num>'
               % (nsdecls("w"), nid, aid))
        self.nums.append(parse_xml(xml))
        return nid

    def install(self, doc):
        if not self.abstracts:
            return
        el = doc.part.numbering_part.element
        first_num = el.find(qn("w:num"))
        for a in self.abstracts:
            if first_num is not None:
                first_num.addprevious(a)
            else:
                el.append(a)
        for n in self.nums:
            el.append(n)


def number_paragraph(p, num_id, ilvl):
    numPr = p._p.get_or_add_pPr().get_or_add_numPr()
    numPr.get_or_add_ilvl().val = ilvl
    numPr.get_or_add_numId().val = num_id


MARKER = re.compile(r"^(?:(?P<roman>[IVX]+)\.|(?P<num>\d+)\.|(?P<let>[a-zđ])\)|(?P<dash>-))[ \t]+")


def marker_kind(text):
    m = MARKER.match(text)
    if not m:
        return None, text
    for k in ("roman", "num", "let", "dash"):
        if m.group(k):
            return k, text[m.end():]


# ------------------------------------------------------------- notices

# How each auto-numbering mode turns a typed marker into numbering:
# kind -> (abstract key, ilvl, restart at each section heading)
AUTO_MODES = {
    # one decimal list "%1." (tab after the number), restarted per section
    "decimal": {"num": ("D", 0, True)},
    # top-level "a)" lists restarted per section; "-" bullets
    "letters": {"let": ("L", 0, True), "dash": ("B", 0, False)},
    # one multilevel list: 1. / a) / -
    "multilevel": {"num": ("M", 0, True), "let": ("M", 1, True),
                   "dash": ("M", 2, True)},
    # section headings numbered I., II. by Word; tasks 1., 2. in ONE list
    # that Word does not restart at the next section (so section II goes
    # on at 4.): the importer must not rely on the numbers
    "roman": {"roman": ("R", 0, False), "num": ("D", 0, False)},
    # decimal tasks restarted per section, "-" bullets for subtasks
    "decimal_bullets": {"num": ("D", 0, True), "dash": ("B", 0, False)},
    # only "-" lines are numbering bullets (a giấy mời's list of invitees)
    "bullets": {"dash": ("B", 0, False)},
}

ABSTRACTS = {
    "D": [("decimal", "%1.", "tab")],
    "L": [("lowerLetter", "%1)", "space")],
    "B": [("bullet", "-", "space")],
    "R": [("upperRoman", "%1.", "space")],
    "M": [("decimal", "%1.", "space"), ("lowerLetter", "%2)", "space"),
          ("bullet", "-", "space")],
}


class AutoNumbering:
    def __init__(self, mode):
        self.mode = AUTO_MODES[mode]
        self.numbering = Numbering()
        self.abstract_ids = {}
        self.current = {}  # abstract key -> num id in use

    def new_section(self):
        for kind, (key, _lvl, restart) in self.mode.items():
            if restart:
                self.current.pop(key, None)

    def apply(self, p, kind):
        key, ilvl, _restart = self.mode[kind]
        if key not in self.abstract_ids:
            self.abstract_ids[key] = self.numbering.abstract(ABSTRACTS[key])
        if key not in self.current:
            self.current[key] = self.numbering.num(self.abstract_ids[key])
        number_paragraph(p, self.current[key], ilvl)


def split_marker(text):
    """("1. Giao ..." or "**1. Giao ...") -> (kind, text without marker)."""
    lead = ""
    body = text
    if body.startswith("**"):
        lead, body = "**", body[2:]
    kind, rest = marker_kind(body)
    if kind is None:
        return None, text
    return kind, lead + rest


def new_document(n):
    doc = Document()
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Mm(210), Mm(297)
    sec.top_margin, sec.bottom_margin = Mm(20), Mm(20)
    sec.left_margin, sec.right_margin = Mm(30), Mm(15)
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(14)
    rpr = normal.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    fonts.set(qn("w:eastAsia"), FONT)
    fonts.set(qn("w:cs"), FONT)
    normal.paragraph_format.space_after = Pt(0)
    cp = doc.core_properties
    cp.author = n.get("author", "Văn thư")
    cp.last_modified_by = n.get("author", "Văn thư")
    cp.title = ""
    cp.created = FIXED_TIME
    cp.modified = FIXED_TIME
    cp.last_printed = FIXED_TIME
    cp.revision = 1
    return doc


def rule_line(text):
    return (text, {"size": 13})


def header(doc, n):
    h = n["header"]
    style = h["style"]
    if style == "tabs":
        # one paragraph per line, the left and right parts of the header
        # separated by tabs (centred tab stops over the two columns)
        stops = [(Mm(32), WD_TAB_ALIGNMENT.CENTER),
                 (Mm(115), WD_TAB_ALIGNMENT.CENTER)]
        for line in h["lines"]:
            p = para(doc, line, align=WD_ALIGN_PARAGRAPH.LEFT, first=Cm(0),
                     before=0, size=13)
            add_tabs(p, stops)
        return
    issuer = h["issuer"]
    parent = h.get("parent")
    rule_l = h.get("rule_left")
    rule_r = h.get("rule_right", "---------------")
    title = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    motto = "Độc lập - Tự do - Hạnh phúc"
    left = []
    if parent:
        left.append((parent, {"size": 13}))
    if h.get("issuer_br"):
        left.append(("\n".join(issuer), {"bold": True, "size": 13}))
    else:
        left += [(line, {"bold": True, "size": 13}) for line in issuer]
    if rule_l:
        left.append(rule_line(rule_l))
    right = [(title, {"bold": True, "size": 13}),
             (motto, {"bold": True, "size": 14})]
    if rule_r:
        right.append(rule_line(rule_r))
    number = (h["number"], {"size": 13})
    # a biên bản has no date line (Decree 30, Mẫu 1.9)
    date = (h.get("dateline") or "", {"italic": True, "size": 14})
    if style == "t22":
        t = doc.add_table(rows=2, cols=2)
        no_borders(t)
        t.alignment = WD_TABLE_ALIGNMENT.CENTER
        cell_text(t.cell(0, 0), left)
        cell_text(t.cell(0, 1), right)
        cell_text(t.cell(1, 0), [(number[0], dict(number[1], before=4))])
        cell_text(t.cell(1, 1), [(date[0], dict(date[1], before=4))])
        set_widths(t, [Mm(65), Mm(100)])
    elif style == "t21":
        t = doc.add_table(rows=1, cols=2)
        no_borders(t)
        cell_text(t.cell(0, 0), left + [(number[0], dict(number[1], before=6))])
        cell_text(t.cell(0, 1), right + [(date[0], dict(date[1], before=6))])
        set_widths(t, [Mm(65), Mm(100)])
    elif style == "centred":
        for text, kw in left:
            centred(doc, text, bold=kw.get("bold", False), size=kw.get("size", 13))
        para(doc, "", before=0)
        for text, kw in right:
            centred(doc, text, bold=kw.get("bold", False), size=kw.get("size", 13))
        p = para(doc, number[0], align=WD_ALIGN_PARAGRAPH.LEFT, first=Cm(0),
                 before=6, size=13)
        p = para(doc, date[0], align=WD_ALIGN_PARAGRAPH.RIGHT, first=Cm(0),
                 before=0, italic=True, size=14)
    else:
        raise ValueError(style)


def title_block(doc, n):
    centred(doc, n.get("doctype", "THÔNG BÁO"), bold=True, size=14, before=12)
    lines = n["summary"]
    if n.get("summary_br"):
        centred(doc, "\n".join(lines), bold=True, size=14)
    else:
        for line in lines:
            centred(doc, line, bold=True, size=14)
    if n.get("summary_rule"):
        centred(doc, n["summary_rule"], size=14)


def body(doc, n):
    auto = AutoNumbering(n["numbering"]) if n.get("numbering") else None
    list_style = n.get("list_style")
    for block in n["body"]:
        kind = block[0]
        if kind == "E":
            para(doc, "", before=0)
            continue
        text = block[1]
        if kind == "P":
            para(doc, text)
        elif kind == "H":
            if auto and "roman" in auto.mode:
                mk, rest = split_marker(text)
                assert mk == "roman", text
                p = para(doc, rest, bold=True)
                auto.apply(p, "roman")
            else:
                para(doc, text, bold=True)
            if auto:
                auto.new_section()
        elif kind == "L":
            mk, rest = split_marker(text)
            assert mk is not None, text
            if auto and mk in auto.mode:
                p = para(doc, rest, style=list_style)
                auto.apply(p, mk)
            else:
                para(doc, text)
        elif kind in ("X", "LX"):
            for piece in text.split("~"):
                para(doc, piece, align=WD_ALIGN_PARAGRAPH.LEFT, first=Cm(0),
                     before=0)
        else:
            raise ValueError(kind)
    if n.get("closing"):
        para(doc, n["closing"])
    if auto:
        auto.numbering.install(doc)


def signature(doc, n):
    style = n.get("sign_style", "table")
    rec = n["recipients"]
    auth = n.get("signer", [])
    name = n.get("signer_name", "")
    if style == "table":
        t = doc.add_table(rows=1, cols=2)
        no_borders(t)
        left = [("%%**Nơi nhận:**%%", {"align": WD_ALIGN_PARAGRAPH.LEFT,
                                        "size": 12, "before": 6})]
        left += [(r, {"align": WD_ALIGN_PARAGRAPH.LEFT, "size": 11})
                 for r in rec]
        right = [(a, {"bold": True, "size": 14, "before": 6 if i == 0 else 0})
                 for i, a in enumerate(auth)]
        right += [("", {"size": 14})] * 4
        right.append((name, {"bold": True, "size": 14}))
        cell_text(t.cell(0, 0), left)
        cell_text(t.cell(0, 1), right)
        set_widths(t, [Mm(80), Mm(85)])
    elif style in ("paras", "paras_right"):
        para(doc, "%%**Nơi nhận:**%%", align=WD_ALIGN_PARAGRAPH.LEFT,
             first=Cm(0), before=12, size=12)
        for r in rec:
            para(doc, r, align=WD_ALIGN_PARAGRAPH.LEFT, first=Cm(0), before=0,
                 size=11)
        para(doc, "", before=0)
        if style == "paras":
            kw = dict(align=WD_ALIGN_PARAGRAPH.CENTER, first=Cm(0),
                      left=Cm(8), before=0)
        else:
            kw = dict(align=WD_ALIGN_PARAGRAPH.RIGHT, first=Cm(0), before=0)
        for a in auth:
            para(doc, a, bold=True, **kw)
        for _ in range(3):
            para(doc, "", **kw)
        para(doc, name, bold=True, **kw)
    elif style == "bb":
        # biên bản: THƯ KÝ and CHỦ TỌA side by side, Nơi nhận below
        t = doc.add_table(rows=1, cols=2)
        no_borders(t)
        sec, chair = n["bb_signers"]
        for cell, (title, who) in zip(t.row_cells(0), (sec, chair)):
            cell_text(cell, [(title, {"bold": True, "size": 14, "before": 6})]
                      + [("", {"size": 14})] * 4
                      + [(who, {"bold": True, "size": 14})])
        set_widths(t, [Mm(80), Mm(85)])
        para(doc, "%%**Nơi nhận:**%%", align=WD_ALIGN_PARAGRAPH.LEFT,
             first=Cm(0), before=12, size=12)
        for r in rec:
            para(doc, r, align=WD_ALIGN_PARAGRAPH.LEFT, first=Cm(0), before=0,
                 size=11)
    elif style == "tabs":
        stops = [(Mm(125), WD_TAB_ALIGNMENT.CENTER)]
        for line in n["sign_lines"]:
            p = para(doc, line, align=WD_ALIGN_PARAGRAPH.LEFT, first=Cm(0),
                     before=0, size=11)
            add_tabs(p, stops)
    else:
        raise ValueError(style)


def page_number(doc, where):
    sec = doc.sections[0]
    part = sec.footer if where == "footer" else sec.header
    if where == "header":
        sec.different_first_page_header_footer = True
    p = part.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _simple_field(p, " PAGE ", "2", False, False, 14)


def deterministic(data):
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            zi = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            dst.writestr(zi, src.read(info.filename))
    return out.getvalue()


def write_docx(n):
    doc = new_document(n)
    header(doc, n)
    title_block(doc, n)
    body(doc, n)
    signature(doc, n)
    if n.get("page_field"):
        page_number(doc, n["page_field"])
    buf = io.BytesIO()
    doc.save(buf)
    path = os.path.join(HERE, n["slug"] + ".docx")
    with open(path, "wb") as f:
        f.write(deterministic(buf.getvalue()))
    return path


def wrap(text, width):
    """Hard-wraps a paragraph as a PDF viewer copy does, but never ends a
    line inside the paragraph on . : or ; and never starts one with a list
    marker, so that a reader can tell where paragraphs end."""
    words = text.split(" ")
    lines, cur = [], ""
    for w in words:
        if cur and len(cur) + 1 + len(w) > width:
            # move words to the next line while the break would be ambiguous
            take = cur.split(" ")
            nxt = [w]
            while len(take) > 1 and (take[-1][-1:] in ".:;" or
                                      MARKER.match(" ".join(nxt) + " ")):
                nxt.insert(0, take.pop())
            lines.append(" ".join(take))
            cur = " ".join(nxt)
        else:
            cur = cur + " " + w if cur else w
    if cur:
        lines.append(cur)
    return lines


def write_txt(slug, text):
    path = os.path.join(HERE, slug + ".txt")
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    return path


# =====================================================================
# The notices
# =====================================================================

NOTICES = []

# --------------------------------------------------------------- 01
NOTICES.append(dict(
    slug="01-ubnd-ha-giang-phien-hop-thang-03-2021",
    header=dict(style="t22", issuer=["ỦY BAN NHÂN DÂN", "TỈNH HÀ GIANG"],
                rule_left="-------", number="Số: 58/TB-UBND",
                dateline="Hà Giang, ngày 22 tháng 3 năm 2021"),
    summary=["Kết luận của Chủ tịch UBND tỉnh tại phiên họp",
             "UBND tỉnh thường kỳ tháng 3 năm 2021"],
    summary_rule="-----------",
    body=[
        ("P", "08 giờ 00 ngày 18/3/2021, tại Phòng họp tầng 2, trụ sở UBND tỉnh, "
              "Ủy ban nhân dân tỉnh Hà Giang tổ chức phiên họp thường kỳ tháng 3 năm 2021. "
              "Dự họp có các đồng chí Phó Chủ tịch UBND tỉnh; các đồng chí Ủy viên UBND tỉnh; "
              "đại diện Thường trực HĐND tỉnh, Ủy ban MTTQ tỉnh; lãnh đạo các sở, ban, ngành có liên quan. "
              "Sau khi nghe báo cáo và ý kiến tham gia của các đại biểu, đồng chí Lương Văn Khánh, "
              "Chủ tịch UBND tỉnh kết luận như sau:"),
        ("E",),
        ("H", "I. Về tình hình kinh tế - xã hội tháng 3, nhiệm vụ trọng tâm tháng 4 năm 2021"),
        ("P", "Trong tháng 3, các cấp, các ngành đã tập trung triển khai nhiệm vụ phát triển kinh tế - xã hội "
              "ngay từ đầu năm; sản xuất vụ Xuân được chỉ đạo đúng khung thời vụ; thu ngân sách quý I ước đạt 27% "
              "dự toán; công tác chuẩn bị bầu cử đại biểu Quốc hội khóa XV và đại biểu HĐND các cấp được triển khai "
              "đúng tiến độ. Sở Kế hoạch và Đầu tư đã báo cáo tỷ lệ giải ngân vốn đầu tư công mới đạt 11,2% kế hoạch, "
              "thấp hơn cùng kỳ năm 2020."),
        ("P", "Để hoàn thành các mục tiêu của quý II, Chủ tịch UBND tỉnh yêu cầu các sở, ban, ngành, UBND các huyện, "
              "thành phố tập trung thực hiện tốt các nhiệm vụ sau:"),
        ("L", "1. Giao Sở Kế ho|ạch và Đầu tư chủ trì, phối hợp với Sở Tài chính và Kho bạc Nhà nước tỉnh rà soát, "
              "tổng hợp danh mục dự án chậm giải ngân, đề xuất điều chuyển vốn từ dự án không có khả năng giải ngân "
              "sang dự án có nhu cầu. Thời hạn hoàn thành: trước ngày 15/4/2021."),
        ("L", "2. Sở Nông nghiệp và Phát triển nông thôn chủ trì, phối hợp UBND các huyện, thành phố chỉ đạo gieo cấy "
              "lúa, ngô vụ Xuân đúng khung thời vụ, chủ động phương án phòng, chống hạn; tăng cường kiểm tra, ngăn chặn "
              "dịch tả lợn châu Phi tái phát trên địa bàn."),
        ("L", "3. Giao Sở Tài chính: Hướng dẫn các đơn vị dự toán rà soát, cắt giảm kinh phí hội nghị, công tác "
              "trong nước chưa thực sự cần thiết; báo cáo UBND tỉnh kết quả trong tháng 4/2021."),
        ("L", "4. Đề nghị Cục Thuế tỉnh tăng cường quản lý thu, chống thất thu ngân sách, nhất là thu từ hoạt động "
              "khai thác khoáng sản và kinh doanh vận tải; đôn đốc thu hồi nợ đọng thuế."),
        ("L", "5. Yêu cầu UBND các huyện, thành phố đẩy nhanh tiến độ bồi thường, giải phóng mặt bằng các dự án "
              "trọng điểm; hoàn thành bàn giao mặt bằng dự án đường nối thành phố Hà Giang với cao tốc "
              "Nội Bài - Lào Cai trong quý II năm 2021."),
        ("E",),
        ("H", "II. Về công tác chuẩn bị bầu cử đại biểu Quốc hội khóa XV và đại biểu HĐND các cấp nhiệm kỳ 2021 - 2026"),
        ("P", "Thực hiện Kế hoạch số 31/KH-UBND ngày 05/02/2021 của UBND tỉnh, Sở Nội vụ đã chủ trì, phối hợp với "
              "các cơ quan liên quan hướng dẫn các địa phương thành lập các tổ chức phụ trách bầu cử đúng quy định."),
        ("L", "1. Giao Sở Nội vụ chủ trì, phối hợp với Ủy ban MTTQ tỉnh và UBND các huyện, thành phố hướng dẫn việc "
              "niêm yết danh sách cử tri, giải quyết kịp thời các khiếu nại về danh sách cử tri. Thời hạn hoàn thành: "
              "trước ngày 13/4/2021."),
        ("L", "2. Sở Thông tin và Truyền thông chủ trì, chỉ đạo các cơ quan báo chí, hệ thống thông tin cơ sở đẩy mạnh "
              "tuyên truyền về ngày bầu cử; bảo đảm thông tin liên lạc thông suốt phục vụ bầu cử."),
        ("L", "3. Giao Công an tỉnh, Bộ Chỉ huy Quân sự tỉnh xây dựng phương án bảo đảm an ninh, trật tự tại các khu "
              "vực bỏ phiếu, nhất là các xã biên giới, vùng sâu, vùng xa; hoàn thành trước ngày 30/4/2021."),
        ("E",),
        ("H", "III. Về các dự thảo văn bản trình tại phiên họp"),
        ("P", "UBND tỉnh thống nhất thông qua về nguyên tắc các dự thảo sau:"),
        ("P", "- Dự thảo Quyết định ban hành Quy chế phối hợp quản lý nhà nước về biên giới trên địa bàn tỉnh;"),
        ("P", "- Dự thảo Kế hoạch phát triển du lịch cộng đồng tỉnh Hà Giang giai đoạn 2021 - 2025."),
        ("L", "1. Giao các cơ quan chủ trì soạn thảo tiếp thu ý kiến tại phiên họp, hoàn thiện dự thảo, gửi Sở Tư pháp "
              "thẩm định trước khi trình ký. Thời hạn hoàn thành: trước ngày 31/3/2021."),
        ("L", "2. Giao Văn phòng UBND tỉnh theo dõi, tổng hợp, trình Chủ tịch UBND tỉnh ký ban hành sau khi các dự thảo "
              "được hoàn thiện."),
        ("P", "Các thành viên UBND tỉnh vắng mặt tại phiên họp nghiên cứu tài liệu và gửi ý kiến bằng văn bản về "
              "Văn phòng UBND tỉnh để tổng hợp."),
        ("E",),
    ],
    closing="Ủy ban nhân dân tỉnh thông báo để các cơ quan, đơn vị biết, thực hiện./.",
    recipients=["- Thường trực Tỉnh ủy (b/c);", "- Thường trực HĐND tỉnh;", "- Chủ tịch, các PCT UBND tỉnh;",
                "- Các sở, ban, ngành tỉnh;", "- UBND các huyện, thành phố;", "- LĐVP, CV các khối;",
                "- Lưu: VT, TH."],
    signer=["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"], signer_name="Lương Văn Khánh",
    page_field="footer",
))

# --------------------------------------------------------------- 02
NOTICES.append(dict(
    slug="02-vp-ubnd-quang-tri-nong-thon-moi-2022",
    header=dict(style="centred", parent="UBND TỈNH QUẢNG TRỊ", issuer=["VĂN PHÒNG"],
                rule_left="______", rule_right="______________________",
                number="Số: 96/TB-VP", dateline="Quảng Trị, ngày 14 tháng 6 năm 2022"),
    summary=["Ý kiến kết luận của Phó Chủ tịch UBND tỉnh Phan Văn Hưởng",
             "tại cuộc họp nghe báo cáo tiến độ thực hiện Chương trình",
             "mục tiêu quốc gia xây dựng nông thôn mới năm 2022"],
    numbering="decimal",
    body=[
        ("P", "Ngày 10/6/2022, đồng chí Phan Văn Hưởng, Phó Chủ tịch UBND tỉnh chủ trì cuộc họp nghe báo cáo tiến độ "
              "thực hiện Chương trình mục tiêu quốc gia xây dựng nông thôn mới năm 2022. Tham dự cuộc họp có lãnh đạo "
              "các Sở: Nông nghiệp và Phát triển nông thôn, Kế hoạch và Đầu tư, Tài chính, Xây dựng; Văn phòng Điều phối "
              "nông thôn mới tỉnh; lãnh đạo UBND các huyện, thị xã, thành phố. Sau khi nghe Văn phòng Điều phối nông "
              "thôn mới tỉnh báo cáo và ý kiến của các thành viên dự họp, Phó Chủ tịch UBND tỉnh Phan Văn Hưởng kết "
              "luận như sau:"),
        ("P", "Năm 2022, tỉnh phấn đấu có thêm 12 xã đạt chuẩn nông thôn mới, 03 xã đạt chuẩn nông thôn mới nâng cao. "
              "Đến nay, Văn phòng Điều phối nông thôn mới tỉnh đã phối hợp với các huyện rà soát, xác định 9 xã có "
              "khả năng hoàn thành trong năm; tuy nhiên tiến độ phân bổ, giao vốn còn chậm, nhiều xã còn vướng các "
              "tiêu chí giao thông, môi trường và thu nhập."),
        ("P", "Để hoàn thành mục tiêu năm 2022, Phó Chủ tịch UBND tỉnh yêu cầu:"),
        ("L", "1. Giao Sở Nông nghiệp và Phát triển nông thôn (Văn phòng Điều phối nông thôn mới tỉnh) chủ trì, phối "
              "hợp với các sở, ngành là thành viên Ban Chỉ đạo tỉnh hướng dẫn các huyện rà soát, đánh giá thực trạng "
              "từng tiêu chí của các xã đăng ký đạt chuẩn năm 2022; báo cáo UBND tỉnh trước ngày 30/6/2022."),
        ("L", "2. Giao Sở Kế hoạch và Đầu tư chủ trì, phối hợp với Sở Tài chính tham mưu UBND tỉnh phân bổ chi tiết "
              "vốn đầu tư phát triển thực hiện Chương trình năm 2022. Thời hạn hoàn thành: chậm nhất ngày 20/6/2022."),
        ("L", "3. Sở Tài chính chủ trì, phối hợp với Sở Nông nghiệp và Phát triển nông thôn tham mưu phân bổ vốn sự "
              "nghiệp, bảo đảm giao vốn cho các huyện trong tháng 6/2022."),
        ("L", "4. Đề nghị Sở Xây dựng hướng dẫn các địa phương hoàn thiện quy hoạch chung xây dựng xã theo quy định "
              "mới, hoàn thành trong quý III năm 2022."),
        ("L", "5. Giao Sở Giao thông vận tải: Hướng dẫn định mức hỗ trợ xi\u00a0măng làm đường giao thông nông thôn; "
              "phối hợp với UBND các huyện kiểm tra chất lượng các tuyến đường đã hoàn thành."),
        ("L", "6. Yêu cầu UBND các huyện, thị xã, thành phố khẩn trương phân bổ vốn được giao cho các xã, ưu tiên các "
              "xã đăng ký đạt chuẩn năm 2022; chỉ đạo UBND các xã huy động nguồn lực xã hội hóa, không để phát sinh "
              "nợ đọng xây dựng cơ bản."),
        ("L", "7. Sở Tài nguyên và Môi trường: Hướng dẫn các xã thực hiện tiêu chí “Môi trường và an toàn thực "
              "phẩm”; hỗ trợ xây dựng mô hình phân loại rác thải sinh hoạt tại nguồn."),
        ("L", "8. Giao Văn phòng UBND tỉnh theo dõi, đôn đốc các đơn vị thực hiện các nội dung trên, báo cáo Phó "
              "Chủ tịch UBND tỉnh phụ trách."),
    ],
    closing="Văn phòng UBND tỉnh thông báo để các cơ quan, đơn vị biết, thực hiện./.",
    recipients=["- PCT UBND tỉnh Phan Văn Hưởng (b/c);",
                "- Các sở: NN&PTNT, KH&ĐT, TC, XD, GTVT, TN&MT;",
                "- Văn phòng Điều phối NTM tỉnh;", "- UBND các huyện, thị xã, thành phố;",
                "- CVP, các PCVP;", "- Lưu: VT, NN."],
    signer=["TL. CHỦ TỊCH", "KT. CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG"],
    signer_name="Nguyễn Thị Thu Trang",
))

# --------------------------------------------------------------- 03
NOTICES.append(dict(
    slug="03-so-nnptnt-nghe-an-giao-ban-thang-04-2023",
    header=dict(style="t21", parent="UBND TỈNH NGHỆ AN",
                issuer=["SỞ NÔNG NGHIỆP VÀ", "PHÁT TRIỂN NÔNG THÔN"], issuer_br=True,
                rule_left="-------", number="Số: 45/TB-SNN",
                dateline="Nghệ An, ngày 08 tháng 5 năm 2023"),
    summary=["Kết luận của Giám đốc Sở tại hội nghị giao ban công tác tháng 4,",
             "triển khai nhiệm vụ tháng 5 năm 2023"],
    body=[
        ("P", "Chiều ngày 04/5/2023, tại Hội trường tầng 4, Sở Nông nghiệp và Phát triển nông thôn tổ chức hội nghị "
              "giao ban công tác tháng 4, triển khai nhiệm vụ tháng 5 năm 2023 dưới sự chủ trì của đồng chí Hoàng "
              "Nghĩa Tâm, Giám đốc Sở. Tham dự hội nghị có các đồng chí Phó Giám đốc Sở; lãnh đạo các phòng, chi cục, "
              "đơn vị trực thuộc Sở. Sau khi nghe Văn phòng Sở báo cáo kết quả thực hiện nhiệm vụ tháng 4 và ý kiến "
              "thảo luận của các đơn vị, đồng chí Giám đốc Sở kết luận như sau:"),
        ("H", "I. Đánh giá chung"),
        ("P", "Trong tháng 4, các đơn vị đã bám sát kế hoạch, triển khai đồng bộ các nhiệm vụ: sản xuất vụ Xuân cơ bản "
              "thuận lợi, lúa trổ tập trung và an toàn; công tác tiêm phòng đợt 1 cho đàn gia súc, gia cầm đạt 92% kế "
              "hoạch. Chi cục Kiểm lâm đã chủ trì, phối hợp với các hạt kiểm lâm tổ chức 25 đợt tuần tra, kiểm tra "
              "rừng; Chi cục Thủy lợi đã tham mưu Sở ban hành phương án phòng, chống hạn hán, thiếu nước vụ Hè Thu."),
        ("P", "Tuy nhiên, tiến độ giải ngân vốn đầu tư công của một số dự án do Sở làm chủ đầu tư còn chậm; việc cập "
              "nhật cơ sở dữ liệu ngành trên hệ thống chưa kịp thời."),
        ("H", "II. Nhiệm vụ trọng tâm tháng 5 năm 2023"),
        ("P", "Giám đốc Sở yêu cầu các phòng, chi cục, đơn vị tập trung thực hiện các nhiệm vụ sau:"),
        ("L", "a)\tChi cục Trồng trọt và Bảo vệ thực vật chủ trì, phối hợp với Trung tâm Khuyến nông tỉnh theo dõi "
              "sát diễn biến sâu bệnh trên lúa giai đoạn trổ - chín, hướng dẫn nông dân thu hoạch lúa Xuân theo "
              "phương châm “xanh nhà hơn già đồng”."),
        ("L", "b)\tGiao Chi cục Thủy lợi: Kiểm tra, đánh giá an toàn các hồ chứa xung yếu trước mùa mưa bão; xây "
              "dựng phương án bảo vệ hồ, đập. Thời hạn hoàn thành: trước ngày 31/5/2023."),
        ("L", "c)\tChi cục Chăn nuôi và Thú y chủ trì, phối hợp với các địa phương tổ chức tiêm phòng bổ sung cho "
              "đàn gia súc, gia cầm; giám sát chặt chẽ, không để dịch bệnh lây lan."),
        ("L", "d)\tĐề nghị Chi cục Kiểm lâm tăng cường trực phòng cháy, chữa cháy rừng 24/24 giờ trong các đợt nắng "
              "nóng cao điểm; kiểm tra, xử lý nghiêm các vụ vi phạm Luật Lâm nghiệp."),
        ("L", "đ)\tPhòng Kế hoạch - Tài chính: Rà soát tiến độ các dự án do Sở làm chủ đầu tư, đề xuất phương án "
              "điều chuyển vốn các dự án chậm giải ngân; hoàn thành trong tháng 5/2023."),
        ("L", "e)\tVăn phòng Sở chủ trì, phối hợp với các phòng chuyên môn hoàn thiện dự thảo Quy chế làm việc của "
              "Sở (sửa đổi), trình Giám đốc Sở trước ngày 20/5/2023."),
        ("L", "g)\tCác phòng, chi cục, đơn vị cập nhật đầy đủ, kịp thời dữ liệu lên hệ thống cơ sở dữ liệu ngành; "
              "định kỳ trước ngày 25 hằng tháng báo cáo kết quả thực hiện nhiệm vụ về Văn phòng Sở để tổng hợp."),
    ],
    closing="Sở Nông nghiệp và Phát triển nông thôn thông báo để các đơn vị biết, thực hiện./.",
    recipients=["- UBND tỉnh (b/c);", "- Giám đốc, các PGĐ Sở;", "- Các phòng, chi cục, đơn vị thuộc Sở;",
                "- Lưu: VT, VP."],
    signer=["GIÁM ĐỐC"], signer_name="Hoàng Nghĩa Tâm",
    page_field="header",
))

# --------------------------------------------------------------- 04
NOTICES.append(dict(
    slug="04-ubnd-huyen-luong-son-phien-hop-thang-09-2020",
    header=dict(style="tabs", lines=[
        "**\tỦY BAN NHÂN DÂN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**",
        "\t**HUYỆN LƯƠNG SƠN**\t**{Z:14}Độc lập - Tự do - Hạnh phúc**",
        "\t------\t------------------------",
        "\tSố: 131 /TB-UBND\t%%{Z:14}Lương Sơn, ngày 12 tháng 10 năm 2020%%",
    ]),
    summary=["Kết luận của Chủ tịch UBND huyện tại phiên họp",
             "thường kỳ UBND huyện tháng 9 năm 2020"],
    summary_br=True,
    numbering="letters",
    body=[
        ("E",),
        ("P", "Ngày 09/10/2020, tại Phòng họp số 1, UBND huyện, Ủy ban nhân dân huyện Lương Sơn tổ chức phiên họp "
              "thường kỳ tháng 9 năm 2020. Dự họp có các đồng chí Thành viên UBND huyện; đại diện Thường trực HĐND "
              "huyện; lãnh đạo các cơ quan chuyên môn thuộc UBND huyện. Sau khi nghe báo cáo và ý kiến tham gia của "
              "các đại biểu, đồng chí Bùi Văn Thịnh, Chủ tịch UBND huyện kết luận như sau:"),
        ("H", "I. Về tình hình thực hiện nhiệm vụ phát triển kinh tế - xã hội 9 tháng, nhiệm vụ trọng tâm quý IV năm 2020"),
        ("P", "Chín tháng đầu năm, mặc dù chịu ảnh hưởng của dịch Covid-19, tình hình kinh tế - xã hội của huyện tiếp "
              "tục ổn định; thu ngân sách trên địa bàn ước đạt 78% dự toán; Phòng Tài chính - Kế hoạch đã phối hợp "
              "với Chi cục Thuế khu vực rà soát các nguồn thu phát sinh. Tuy nhiên, tiến độ giải phóng mặt bằng một "
              "số dự án còn chậm; công tác quản lý đất đai, trật tự xây dựng ở một số xã còn buông lỏng."),
        ("P", "Chủ tịch UBND huyện yêu cầu các cơ quan, đơn vị, UBND các xã, thị trấn tập trung thực hiện:"),
        ("L", "a) Giao Phòng Tài chính - Kế hoạch chủ trì, phối hợp với Chi cục Thuế khu vực Lương Sơn - Kỳ Sơn "
              "đôn đốc thu nộp ngân sách, phấn đấu hoàn thành vượt dự toán thu năm 2020; tham mưu UBND huyện điều "
              "hành chi ngân sách chặt chẽ, tiết kiệm."),
        ("L", "b) Phòng Tài nguyên và Môi trường chủ trì, phối hợp UBND các xã, thị trấn kiểm tra, xử lý dứt điểm "
              "các trường hợp vi phạm về đất đai, khai thác khoáng sản trái phép; báo cáo kết quả về UBND huyện "
              "trong tháng 11/2020."),
        ("L", "c) Đề nghị Phòng Nông nghiệp và PTNT chỉ đạo thu hoạch lúa Mùa, triển khai kế hoạch sản xuất vụ Đông "
              "năm 2020; hướng dẫn các xã hoàn thiện hồ sơ đề nghị công nhận đạt chuẩn nông thôn mới, cụ thể:"),
        ("L", "- Trạm Khuyến nông huyện: hướng dẫn kỹ thuật gieo trồng cây vụ Đông;"),
        ("L", "- UBND các xã, thị trấn: rà soát diện tích đất lúa bỏ hoang, vận động nhân dân đưa vào sản xuất "
              "vụ Đông."),
        ("L", "d) Yêu cầu UBND các xã, thị trấn tăng cường quản lý trật tự xây dựng, không để phát sinh công trình "
              "xây dựng trái phép trên đất nông nghiệp."),
        ("E",),
        ("H", "II. Về công tác phòng, chống thiên tai và tìm kiếm cứu nạn"),
        ("P", "Thời gian qua, Ban Chỉ huy Quân sự huyện đã phối hợp với Công an huyện và các xã tổ chức diễn tập "
              "phương án ứng phó lũ quét, sạt lở đất tại xã Tân Vinh ngày {F: DOCPROPERTY NgayDienTap |25/9/2020}, "
              "đạt yêu cầu đề ra."),
        ("L", "a) Giao Văn phòng HĐND và UBND huyện: Tổ chức trực ban phòng, chống thiên tai 24/24 giờ trong thời "
              "gian mưa lũ; tổng hợp, báo cáo kịp thời diễn biến thiên tai về UBND huyện."),
        ("L", "b) Ban Chỉ huy Quân sự huyện, Công an huyện chuẩn bị lực lượng, phương tiện sẵn sàng ứng cứu khi có "
              "tình huống xảy ra."),
        ("L", "c) Phòng Kinh tế và Hạ tầng chủ trì, phối hợp với UBND các xã, thị trấn rà soát các công trình, nhà ở "
              "có nguy cơ mất an toàn, hoàn thành trước 30/10."),
        ("E",),
    ],
    closing="UBND huyện thông báo để các cơ quan, đơn vị, UBND các xã, thị trấn biết, thực hiện./.",
    sign_style="paras",
    recipients=["- TT Huyện ủy (b/c);", "- TT HĐND huyện;", "- Chủ tịch, các PCT UBND huyện;",
                "- Các cơ quan chuyên môn thuộc UBND huyện;", "- UBND các xã, thị trấn;", "- Lưu: VT, VP."],
    signer=["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"], signer_name="Bùi Văn Thịnh",
))

# --------------------------------------------------------------- 05
NOTICES.append(dict(
    slug="05-ubnd-xa-chieng-son-giao-ban-thang-03-2024",
    header=dict(style="centred", issuer=["ỦY BAN NHÂN DÂN", "XÃ CHIỀNG SƠN"],
                rule_left="-------", rule_right=None,
                number="Số: 27/TB-UBND", dateline="Chiềng Sơn, ngày 03 tháng 4 năm 2024"),
    summary=["Kết luận của Chủ tịch UBND xã tại cuộc họp giao ban tháng 3 năm 2024"],
    body=[
        ("P", "Sáng ngày 01/4/2024, UBND xã tổ chức họp giao ban đánh giá kết quả thực hiện nhiệm vụ tháng 3, triển "
              "khai nhiệm vụ tháng 4 năm 2024.\nChủ trì cuộc họp: đồng chí Lò Văn Minh, Chủ tịch UBND xã; dự họp có "
              "các đồng chí Phó Chủ tịch UBND xã, công chức chuyên môn, Trưởng các bản. Sau khi nghe các ý kiến, đồng "
              "chí Chủ tịch UBND xã kết luận như sau:"),
        ("P", "Trong tháng 3, UBND xã đã chỉ đạo hoàn thành việc trồng 12 ha rừng phòng hộ; tỷ lệ thu thuế sử dụng "
              "đất phi nông nghiệp đạt 65%. Công an xã đã phối hợp với Ban Chỉ huy Quân sự xã giải quyết 02 vụ mâu "
              "thuẫn tại bản Co Chàm, không để phát sinh điểm nóng."),
        ("L", "1. Công chức Địa chính - Nông nghiệp - Xây dựng - Môi trường chủ trì, phối hợp với Trưởng các bản rà "
              "soát diện tích đất trồng cây ăn quả chuyển đổi trái phép; lập biên bản, xử lý theo thẩm quyền. Thời "
              "hạn: trước ngày 20/4/2024."),
        ("L", "2. Giao Công an xã: Tăng cường tuần tra, kiểm soát, bảo đảm an ninh trật tự trong dịp Tết té nước "
              "của đồng bào dân tộc Thái; xử lý nghiêm các trường hợp vi phạm nồng độ cồn."),
        ("L", "3. Ban Chỉ huy Quân sự xã chủ trì, phối hợp với Công an xã chuẩn bị lực lượng phòng cháy, chữa cháy "
              "rừng trong cao điểm mùa khô."),
        ("L", "4. Đề nghị Trạm Y tế xã tổ chức tiêm chủng mở rộng đợt tháng 4; tuyên truyền phòng, chống sốt xuất "
              "huyết, bệnh tay chân miệng."),
        ("L", "5. Công chức Văn hóa - Xã hội: Rà soát, lập danh sách hộ nghèo có nhà ở tạm, dột nát đề nghị hỗ "
              "trợ theo chương trình của huyện, gửi Phòng Lao động - Thương binh và Xã hội huyện xong trước ngày "
              "10/4/2024."),
        ("L", "6. Yêu cầu Trưởng các bản tuyên truyền nhân dân không đốt nương làm rẫy trong thời gian cao điểm "
              "nắng nóng; chủ động phát hiện, báo cáo kịp thời các vụ cháy."),
        ("L", "7. Giao Văn phòng - Thống kê xã theo dõi, đôn đốc việc thực hiện, tổng hợp báo cáo Chủ tịch UBND xã "
              "tại cuộc họp giao ban tháng 4."),
    ],
    closing="UBND xã thông báo để các bộ phận, cá nhân có liên quan biết, thực hiện./.",
    sign_style="tabs",
    recipients=[], signer=[], signer_name="",
    sign_lines=[
        "%%**{Z:12}Nơi nhận:**%%\t**{Z:14}TM. ỦY BAN NHÂN DÂN**",
        "- TT Đảng ủy, HĐND xã (b/c);\t**{Z:14}CHỦ TỊCH**",
        "- Chủ tịch, các PCT UBND xã;",
        "- Công chức chuyên môn;",
        "- Trưởng các bản;",
        "- Lưu: VT.",
        "",
        "",
        "",
        "\t**{Z:14}Lò Văn Minh**",
    ],
))

# --------------------------------------------------------------- 06
NOTICES.append(dict(
    slug="06-vpcp-pho-thu-tuong-vat-lieu-xay-dung-2022",
    header=dict(style="t22", issuer=["VĂN PHÒNG CHÍNH PHỦ"], rule_left="-------",
                number="Số: 287/TB-VPCP", dateline="Hà Nội, ngày 26 tháng 9 năm 2022"),
    summary=["Kết luận của Phó Thủ tướng Chính phủ Trần Đức Long tại cuộc họp",
             "về tháo gỡ khó khăn, vướng mắc trong cung ứng vật liệu xây dựng",
             "thông thường cho các dự án giao thông trọng điểm"],
    numbering="multilevel", list_style="List Paragraph",
    body=[
        ("P", "Ngày 20 tháng 9 năm 2022, tại trụ sở Chính phủ, Phó Thủ tướng Chính phủ Trần Đức Long đã chủ trì cuộc "
              "họp về tháo gỡ khó khăn, vướng mắc trong cung ứng vật liệu xây dựng thông thường cho các dự án giao "
              "thông trọng điểm. Tham dự cuộc họp có đại diện lãnh đạo các Bộ: Giao thông vận tải, Tài nguyên và "
              "Môi trường, Xây dựng, Kế hoạch và Đầu tư, Tài chính, Công an; Văn phòng Chính phủ và lãnh đạo Ủy ban "
              "nhân dân các tỉnh: Hà Tĩnh, Quảng Bình, Quảng Trị, Khánh Hòa. Sau khi nghe báo cáo của Bộ Giao thông "
              "vận tải và ý kiến của các đại biểu dự họp, Phó Thủ tướng Chính phủ Trần Đức Long kết luận như sau:"),
        ("P", "Thời gian qua, các Bộ, cơ quan và địa phương đã có nhiều nỗ lực trong việc cấp phép khai thác mỏ vật "
              "liệu phục vụ các dự án; Bộ Tài nguyên và Môi trường đã hướng dẫn các địa phương thực hiện cơ chế đặc "
              "thù theo Nghị quyết số 133/2020/QH14 của Quốc hội. Tuy nhiên, nguồn cung cát, đất đắp nền tại một số "
              "địa phương vẫn thiếu hụt, giá vật liệu tăng cao, ảnh hưởng đến tiến độ các dự án."),
        ("P", "Để bảo đảm đủ vật liệu cho các dự án giao thông trọng điểm, Phó Thủ tướng Chính phủ yêu cầu:"),
        ("L", "1. Bộ Giao thông vận tải chủ trì, phối hợp với các địa phương rà soát, tổng hợp nhu cầu vật liệu của "
              "từng dự án theo tiến độ thi công; chỉ đạo các chủ đầu tư, nhà thầu chủ động lập hồ sơ đề nghị cấp "
              "phép khai thác mỏ. Hoàn thành trong tháng 10/2022."),
        ("L", "2. Bộ Tài nguyên và Môi trường: Hướng dẫn, tháo gỡ vướng mắc về thủ tục cấp phép khai thác mỏ cho "
              "các địa phương, cụ thể:"),
        ("L", "a) Hướng dẫn trình tự, thủ tục cấp phép khai thác khoáng sản làm vật liệu xây dựng thông thường theo "
              "cơ chế đặc thù; trả lời bằng văn bản kiến nghị của các địa phương trước ngày 10/10/2022;"),
        ("L", "b) Chủ trì, phối hợp với Bộ Xây dựng nghiên cứu việc sử dụng cát biển làm vật liệu đắp nền đường, "
              "báo cáo Thủ tướng Chính phủ trong quý IV năm 2022."),
        ("L", "3. Bộ Xây dựng chủ trì, phối hợp với Bộ Giao thông vận tải hướng dẫn phương pháp xác định giá vật "
              "liệu đến chân công trình; chỉ đạo các địa phương công bố giá vật liệu kịp thời, sát với giá thị trường."),
        ("L", "4. Đề nghị Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương có dự án đi qua khẩn trương hoàn "
              "thành thủ tục cấp phép khai thác các mỏ đã được giới thiệu; kiểm soát chặt chẽ giá, không để xảy ra "
              "tình trạng đầu cơ, nâng giá vật liệu. Thời hạn hoàn thành: trước ngày 31/10/2022."),
        ("L", "5. Về nguồn vốn và giải ngân:"),
        ("L", "- Bộ Kế hoạch và Đầu tư chủ trì, phối hợp với Bộ Tài chính tổng hợp nhu cầu điều chỉnh kế hoạch vốn "
              "năm 2022 của các dự án, báo cáo Thủ tướng Chính phủ trước ngày 15/10/2022;"),
        ("L", "- Bộ Tài chính: Hướng dẫn thanh toán chi phí bồi thường, hỗ trợ khi thu hồi đất để khai thác mỏ vật "
              "liệu cho dự án;"),
        ("L", "- Ngân hàng Nhà nước Việt Nam chỉ đạo các tổ chức tín dụng ưu tiên cho vay đối với nhà thầu thi công "
              "các dự án trọng điểm."),
        ("L", "6. Giao Văn phòng Chính phủ theo dõi, đôn đốc việc thực hiện, tổng hợp báo cáo Thủ tướng Chính phủ, "
              "Phó Thủ tướng Chính phủ Trần Đức Long những vấn đề vượt thẩm quyền."),
    ],
    closing="Văn phòng Chính phủ thông báo để các Bộ, cơ quan, địa phương liên quan biết, thực hiện./.",
    recipients=["- Thủ tướng, các Phó Thủ tướng Chính phủ;",
                "- Các Bộ: GTVT, TN&MT, XD, KH&ĐT, TC, CA;",
                "- Ngân hàng Nhà nước Việt Nam;",
                "- UBND các tỉnh: Hà Tĩnh, Quảng Bình, Quảng Trị, Khánh Hòa;",
                "- VPCP: BTCN, các PCN, Trợ lý TTg, TGĐ Cổng TTĐT, các Vụ: KTTH, NN, TH;",
                "- Lưu: VT, CN (2)."],
    signer=["KT. BỘ TRƯỞNG, CHỦ NHIỆM", "PHÓ CHỦ NHIỆM"], signer_name="Phạm Thanh Hòa",
    page_field="header",
))

# --------------------------------------------------------------- 07
NOTICES.append(dict(
    slug="07-vpcp-thu-tuong-giai-ngan-dau-tu-cong-2024",
    header=dict(style="t21", issuer=["VĂN PHÒNG CHÍNH PHỦ"], rule_left="-------",
                number="Số: 312/TB-VPCP", dateline="Hà Nội, ngày 08 tháng 7 năm 2024"),
    summary=["Kết luận của Thủ tướng Chính phủ Lâm Quốc Hưng tại Hội nghị trực tuyến",
             "toàn quốc về thúc đẩy giải ngân vốn đầu tư công năm 2024"],
    body=[
        ("X", "Ngày 02 tháng 7 năm 2024, Thủ tướng Chính phủ Lâm Quốc Hưng đã chủ trì Hội nghị trực tuyến toàn~"
              "quốc về thúc đẩy giải ngân vốn đầu tư công năm 2024. Tham dự Hội nghị có các Phó Thủ tướng~"
              "Chính phủ; lãnh đạo các Bộ, cơ quan trung ương; tại điểm cầu các địa phương có lãnh đạo Ủy ban~"
              "nhân dân các tỉnh, thành phố trực thuộc trung ương. Sau khi nghe báo cáo của Bộ Kế hoạch và Đầu~"
              "tư, ý kiến của các đại biểu dự Hội nghị, Thủ tướng Chính phủ kết luận như sau:"),
        ("H", "I. ĐÁNH GIÁ CHUNG"),
        ("X", "Sáu tháng đầu năm 2024, giải ngân vốn đầu tư công cả nước ước đạt 29,4% kế hoạch Thủ tướng~"
              "Chính phủ giao, thấp hơn cùng kỳ năm 2023. Một số Bộ, cơ quan và địa phương có tỷ lệ giải ngân~"
              "cao; Bộ Giao thông vận tải đã chủ trì, phối hợp với các địa phương tháo gỡ kịp thời vướng mắc về~"
              "mặt bằng, vật liệu cho các dự án trọng điểm. Tuy nhiên, vẫn còn 40 Bộ, cơ quan trung ương và 27~"
              "địa phương có tỷ lệ giải ngân dưới mức bình quân cả nước."),
        ("P", "Nguyên nhân chủ yếu là công tác chuẩn bị đầu tư còn hạn chế; việc phân bổ chi tiết kế hoạch vốn còn "
              "chậm; vướng mắc trong giải phóng mặt bằng chưa được xử lý dứt điểm; trách nhiệm của người đứng đầu ở "
              "một số nơi chưa cao."),
        ("H", "II. NHIỆM VỤ, GIẢI PHÁP TRONG THỜI GIAN TỚI"),
        ("P", "Để phấn đấu giải ngân trên 95% kế hoạch vốn năm 2024, Thủ tướng Chính phủ yêu cầu:"),
        ("L", "1. Các Bộ, cơ quan trung ương và địa phương xác định giải ngân vốn đầu tư công là nhiệm vụ chính trị "
              "trọng tâm; phân công lãnh đạo trực tiếp phụ trách, theo dõi tiến độ từng dự án; kiên quyết xử lý cán "
              "bộ gây nhũng nhiễu, cản trở, thiếu trách nhiệm."),
        ("LX", "2. Bộ Kế hoạch và Đầu tư chủ trì, phối hợp với Bộ Tài chính và các cơ quan liên quan tổng hợp, báo~"
               "cáo Thủ tướng Chính phủ phương án điều chuyển kế hoạch vốn từ các Bộ, địa phương giải ngân chậm~"
               "sang nơi có nhu cầu; hoàn thành trước ngày 31/8/2024."),
        ("L", "3. Bộ Tài chính: Rút ngắn thời gian kiểm soát, thanh toán vốn đầu tư công qua Kho bạc Nhà nước; "
              "thanh toán ngay cho các khối lượng hoàn thành đủ điều kiện, không để tồn đọng hồ sơ thanh toán vào "
              "cuối năm."),
        ("L", "4. Bộ Tài nguyên và Môi trường hướng dẫn, tháo gỡ vướng mắc trong xác định giá đất cụ thể, thu hồi "
              "đất phục vụ các dự án sau khi Luật Đất đai năm 2024 có hiệu lực; hoàn thành trong quý III năm 2024."),
        ("LX", "5. Bộ Xây dựng chủ trì, phối hợp với Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương~"
               "theo dõi sát biến động giá vật liệu xây dựng, công bố giá kịp thời theo quy định."),
        ("L", "6. Yêu cầu Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương tập trung tháo gỡ vướng mắc giải "
              "phóng mặt bằng, trong đó:"),
        ("L", "- Thành lập các tổ công tác do lãnh đạo Ủy ban nhân dân tỉnh làm tổ trưởng để kiểm tra, đôn đốc giải "
              "ngân tại từng dự án;"),
        ("L", "- Hoàn thành việc phân bổ chi tiết toàn bộ kế hoạch vốn năm 2024 đã được giao, chậm nhất ngày "
              "30/7/2024;"),
        ("L", "- Định kỳ hằng tháng báo cáo kết quả giải ngân về Bộ Kế hoạch và Đầu tư để tổng hợp."),
        ("L", "7. Ngân hàng Nhà nước Việt Nam, Bộ Công Thương theo chức năng, nhiệm vụ được giao chủ động phối hợp "
              "với các địa phương bảo đảm nguồn vốn, nguồn cung điện, vật tư cho các dự án."),
        ("L", "8. Văn phòng Chính phủ theo dõi, đôn đốc, kịp thời báo cáo Thủ tướng Chính phủ những vấn đề phát sinh."),
    ],
    closing="Văn phòng Chính phủ thông báo để các Bộ, cơ quan, địa phương biết, thực hiện./.",
    recipients=["- Thủ tướng, các Phó Thủ tướng Chính phủ;",
                "- Các Bộ, cơ quan ngang Bộ, cơ quan thuộc Chính phủ;",
                "- HĐND, UBND các tỉnh, thành phố trực thuộc trung ương;",
                "- Kiểm toán nhà nước;",
                "- VPCP: BTCN, các PCN, Trợ lý TTg, TGĐ Cổng TTĐT, các Vụ, Cục;",
                "- Lưu: VT, KTTH (3b)."],
    signer=["KT. BỘ TRƯỞNG, CHỦ NHIỆM", "PHÓ CHỦ NHIỆM"], signer_name="Lê Hoài Nam",
))

# --------------------------------------------------------------- 08
NOTICES.append(dict(
    slug="08-ubnd-quang-ngai-lam-viec-huyen-binh-son-2023",
    header=dict(style="t22", issuer=["ỦY BAN NHÂN DÂN", "TỈNH QUẢNG NGÃI"], rule_left="--------",
                number="Số: 402/TB-UBND", dateline="Quảng Ngãi, ngày 21 tháng 8 năm 2023"),
    summary=["Kết luận của Chủ tịch UBND tỉnh Đặng Quốc Việt tại buổi làm việc",
             "với huyện Bình Sơn"],
    body=[
        ("X", "Ngày 14/8/2023, đồng chí Đặng Quốc Việt, Chủ tịch UBND tỉnh đã có buổi làm việc với Ban Thường~"
              "vụ Huyện ủy, lãnh đạo UBND huyện Bình Sơn về tình hình thực hiện nhiệm vụ phát triển kinh tế - xã~"
              "hội 7 tháng đầu năm 2023 và các kiến nghị của huyện. Cùng làm việc có lãnh đạo các sở, ngành: Kế~"
              "hoạch và Đầu tư, Tài chính, Xây dựng, Tài nguyên và Môi trường, Giao thông vận tải, Ban Quản lý~"
              "Khu kinh tế Dung Quất và các khu công nghiệp Quảng Ngãi, Văn phòng UBND tỉnh."),
        ("P", "Sau khi nghe lãnh đạo huyện Bình Sơn báo cáo và ý kiến của các sở, ngành, Chủ tịch UBND tỉnh kết "
              "luận như sau:"),
        ("H", "I. Đánh giá chung"),
        ("X", "Chủ tịch UBND tỉnh ghi nhận, đánh giá cao sự nỗ lực của huyện Bình S|ơn trong 7 tháng đầu năm~"
              "2023: giá trị sản xuất công nghiệp tăng 6,1%; thu ngân sách trên địa bàn đạt 68% dự toán; công~"
              "tác giải phóng mặt bằng dự án đường bộ cao tốc Bắc - Nam đoạn qua huyện cơ bản hoàn thành. Thời~"
              "gian qua, Sở Xây dựng đã phối hợp với huyện hướng dẫn lập quy hoạch chung đô thị Châu Ổ mở rộng."),
        ("P", "Bên cạnh đó, huyện còn một số khó khăn: tiến độ thực hiện các khu tái định cư còn chậm; tình trạng "
              "khai thác cát trái phép trên sông Trà Bồng chưa được ngăn chặn triệt để."),
        ("H", "II. Về các kiến nghị của huyện Bình Sơn"),
        ("P", "**Giao Sở Kế hoạch và Đầu tư** chủ trì, phối hợp với Sở Tài chính tham mưu UBND tỉnh bố trí vốn ngân "
              "sách tỉnh hỗ trợ huyện xây dựng Khu tái định cư Bình Thạnh trong kế hoạch đầu tư công năm 2024."),
        ("X", "**Đề nghị Sở Tài nguyên và Môi trường** hướng dẫn huyện hoàn thiện hồ sơ điều chỉnh quy hoạch sử~"
              "dụng đất năm 2023 để bổ sung các công trình tái định cư; báo cáo UBND tỉnh trước ngày 15/9/2023."),
        ("P", "**Sở Giao thông vận tải** chủ trì, phối hợp với UBND huyện Bình Sơn kiểm tra hiện trạng tuyến đường "
              "tỉnh ĐT.621, đề xuất phương án sửa chữa các đoạn hư hỏng nặng trong tháng 9/2023."),
        ("P", "**Yêu cầu UBND huyện Bình Sơn** chủ trì, phối hợp với Công an tỉnh và Sở Tài nguyên và Môi trường "
              "tăng cường kiểm tra, xử lý dứt điểm tình trạng khai thác cát trái phép trên sông Trà Bồng; hoàn "
              "thành trong quý III năm 2023."),
        ("P", "**Ban Quản lý Khu kinh tế Dung Quất và các khu công nghiệp Quảng Ngãi:** Phối hợp với huyện đẩy "
              "nhanh bồi thường, giải phóng mặt bằng các dự án trong Khu kinh tế Dung Quất thuộc địa bàn huyện."),
        ("P", "Về kiến nghị đầu tư Trường THPT Bình Sơn 2: Chủ tịch UBND tỉnh chưa xem xét tại thời điểm này; huyện "
              "tiếp tục rà soát quy mô, nhu cầu trường lớp và báo cáo lại sau."),
        ("H", "III. Nhiệm vụ của huyện Bình Sơn trong thời gian tới"),
        ("P", "Chủ tịch UBND tỉnh đề nghị UBND huyện Bình Sơn tập trung thực hiện tốt các nhiệm vụ sau:"),
        ("L", "1. Đẩy nhanh tiến độ giải ngân vốn đầu tư công năm 2023, phấn đấu giải ngân trên 95% kế hoạch vốn "
              "được giao."),
        ("LX", "2. Tập trung thu ngân sách, nhất là thu tiền sử dụng đất; rà soát các khu đất đủ điều kiện để tổ~"
               "chức đấu giá quyền sử dụng đất, hoàn thành trong năm 2023."),
        ("L", "3. Tăng cường quản lý đất đai, trật tự xây dựng tại các khu vực giáp ranh Khu kinh tế Dung Quất; "
              "không để phát sinh công trình xây dựng trái phép nhằm đòi bồi thường."),
    ],
    closing="UBND tỉnh thông báo để các cơ quan, đơn vị liên quan biết, thực hiện./.",
    recipients=["- CT, các PCT UBND tỉnh;", "- Ban Thường vụ Huyện ủy Bình Sơn;",
                "- Các sở: KH&ĐT, TC, XD, TN&MT, GTVT;", "- Công an tỉnh;",
                "- BQL KKT Dung Quất và các KCN Quảng Ngãi;", "- UBND huyện Bình Sơn;",
                "- VPUB: CVP, PCVP, các phòng N/cứu;", "- Lưu: VT, KTTH(Hg)."],
    signer=["TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG"], signer_name="Võ Thị Kim Oanh",
    page_field="footer",
))

# --------------------------------------------------------------- 09
NOTICES.append(dict(
    slug="09-ubnd-da-nang-don-khach-quoc-te-2021",
    header=dict(style="t22", issuer=["ỦY BAN NHÂN DÂN", "THÀNH PHỐ ĐÀ NẴNG"],
                rule_left=None, rule_right=None,
                number="Số: 248/TB-UBND", dateline="Đà Nẵng, ngày 19 tháng 11 năm 2021"),
    summary=["Kết luận của Chủ tịch UBND thành phố tại cuộc họp về công tác chuẩn bị",
             "các điều kiện đón khách du lịch quốc tế trở lại"],
    numbering="roman",
    body=[
        ("P", "Sáng ngày 15/11/2021, tại Phòng họp số 2, Trung tâm Hành chính thành phố, Ủy ban nhân dân thành phố "
              "Đà Nẵng tổ chức cuộc họp về công tác chuẩn bị các điều kiện đón khách du lịch quốc tế trở lại. Dự họp "
              "có các đồng chí Phó Chủ tịch UBND thành phố; lãnh đạo các sở, ngành: Du lịch, Y tế, Văn hóa và Thể "
              "thao, Giao thông vận tải, Công an thành phố; Hiệp hội Du lịch thành phố. Sau khi nghe Sở Du lịch báo "
              "cáo và ý kiến của các đại biểu, đồng chí Phan Minh Đức, Chủ tịch UBND thành phố kết luận như sau:"),
        ("H", "I. Về Kế hoạch thí điểm đón khách du lịch quốc tế"),
        ("P", "Chủ tịch UBND thành phố cơ bản thống nhất với dự thảo Kế hoạch thí điểm đón khách du lịch quốc tế do "
              "Sở Du lịch trình. Thời gian qua, Sở Du lịch đã chủ trì, phối hợp với Sở Y tế khảo sát 35 cơ sở lưu "
              "trú đăng ký tham gia thí điểm."),
        ("L", "1. Giao Sở Du lịch tiếp thu ý kiến các đại biểu, hoàn chỉnh Kế hoạch, trình UBND thành phố ban hành "
              "trước ngày {F: MERGEFIELD HanTrinhKeHoach |25/11/2021}."),
        ("L", "2. Sở Y tế chủ trì, phối hợp với Sở Du lịch, Sở Giao thông vận tải xây dựng quy trình xử lý khi phát "
              "hiện khách du lịch mắc Co{SH}vid-19; bố trí cơ sở cách ly, điều trị riêng cho khách quốc tế."),
        ("L", "3. Đề nghị Công an thành phố hướng dẫn thủ tục nhập cảnh, quản lý cư trú đối với khách du lịch quốc "
              "tế theo quy định."),
        ("H", "II. Về công tác quảng bá, xúc tiến và bảo đảm an toàn cho du khách"),
        ("L", "4. Sở Du lịch: Phối hợp với Hiệp hội Du lịch thành phố xây dựng chương trình quảng bá điểm đến "
              "“Đà Nẵng - Điểm đến an toàn”; triển khai trong tháng 12/2021."),
        ("L", "5. Giao Sở Thông tin và Truyền thông chủ trì, phối hợp với các cơ quan báo chí tăng cường thông tin về "
              "các biện pháp bảo đảm an toàn cho du khách; phát hiện, xử lý thông tin sai lệch trên không gian mạng."),
        ("L", "6. Sở Văn hóa và Thể thao chủ trì tổ chức các chương trình nghệ thuật đường phố tại các khu du lịch "
              "trọng điểm, bảo đảm yêu cầu phòng, chống dịch."),
        ("L", "7. Yêu cầu UBND các quận, huyện chỉ đạo các phường, xã tăng cường quản lý trật tự đô thị, vệ sinh môi "
              "trường tại các bãi biển, điểm tham quan; hoàn thành việc chỉnh trang trước ngày 15/12/2021."),
        ("L", "8. Giao Sở Tài chính, Sở Kế hoạch và Đầu tư theo chức năng, nhiệm vụ tham mưu bố trí kinh phí thực "
              "hiện Kế hoạch thí điểm từ nguồn dự phòng ngân sách thành phố năm 2021."),
    ],
    closing="Ủy ban nhân dân thành phố thông báo để các cơ quan, đơn vị biết, thực hiện./.",
    recipients=["- CT, các PCT UBND TP;", "- Các sở: DL, YT, VHTT, GTVT, TTTT, TC, KH&ĐT;",
                "- Công an TP;", "- UBND các quận, huyện;", "- Hiệp hội Du lịch TP;",
                "- Lưu: VT, KGVX."],
    signer=["TL. CHỦ TỊCH", "KT. CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG"],
    signer_name="Trần Thị Mỹ Linh",
))

# --------------------------------------------------------------- 10
NOTICES.append(dict(
    slug="10-vp-ubnd-bac-kan-giai-ngan-von-2021",
    header=dict(style="t21", parent="UBND TỈNH BẮC KẠN", issuer=["VĂN PHÒNG"],
                rule_left="-----", number="Số: 52/TB-VPUBND",
                dateline="Bắc Kạn, ngày 12 tháng 5 năm 2021"),
    summary=["Kết luận của đồng chí Chủ tịch UBND tỉnh tại cuộc họp nghe báo cáo",
             "tiến độ giải ngân vốn đầu tư công năm 2021"],
    body=[
        ("X", "Vào lúc 14 giờ 00 ngày 07/5/2021, tại Phòng họp số 1 UBND tỉnh, đồng chí Hà Văn Tấn, Chủ tịch~"
              "UBND tỉnh chủ trì cuộc họp nghe báo cáo tiến độ giải ngân vốn đầu tư công năm 2021. Tham dự có~"
              "lãnh đạo các sở: Kế hoạch và Đầu tư, Tài chính, Xây dựng, Giao thông vận tải, Tài nguyên và Môi~"
              "trường; Kho bạc Nhà nước tỉnh; các chủ đầu tư; lãnh đạo UBND các huyện, thành phố."),
        ("P", "Sau khi nghe Sở Kế hoạch và Đầu tư báo cáo, ý kiến của các đại biểu dự họp, đồng chí Chủ tịch UBND "
              "tỉnh kết luận như sau:"),
        ("H", "I. Tình hình giải ngân vốn đầu tư công"),
        ("X", "Đến ngày 30/4/2021, toàn tỉnh giải ngân được 412,6 tỷ đồng, đạt 18,3% kế hoạch vốn giao. Sở~"
              "Kế hoạch và Đầu tư đã phối hợp với Kho bạc Nhà nước tỉnh đối chiếu số liệu của từng chủ~"
              "đầu tư. Một số chủ đầu tư chưa quyết liệt; công tác giải phóng mặt bằng còn nhiều vướng~mắc."),
        ("H", "II. Nhiệm vụ thời gian tới"),
        ("L", "1.\tYêu cầu các chủ đầu tư tập trung đẩy nhanh tiến độ thi công, nghiệm thu, thanh toán khối lượng "
              "hoàn thành; phấn đấu đến ngày 30/6/2021 giải ngân đạt trên 50% kế hoạch vốn được giao."),
        ("L", "2.\tGiao Sở KH&ĐT chủ trì, phối hợp với Sở Tài chính, Kho bạc Nhà nước tỉnh thực hiện các nội dung sau:"),
        ("L", "a) Rà soát kế hoạch vốn của các dự án chậm giải ngân, tham mưu điều chuyển vốn; hoàn thành trước "
              "ngày 31/5/2021."),
        ("L", "b) Định kỳ hằng tháng tổng hợp, báo cáo UBND tỉnh tình hình giải ngân; đề xuất biện pháp xử lý đối "
              "với chủ đầu tư giải ngân chậm."),
        ("L", "3.\tSở Tài chính chủ trì, phối hợp Sở KH&ĐT thẩm tra quyết toán dự án hoàn thành đúng thời hạn, không "
              "để tồn đọng hồ sơ quyết toán."),
        ("L", "4.\tĐề nghị Kho bạc Nhà nước tỉnh kiểm soát, thanh toán kịp thời cho các dự án ngay khi có khối lượng "
              "nghiệm thu."),
        ("LX", "5.\tSở TN&MT chủ trì, phối hợp với UBND các huyện, thành phố giải quyết dứt điểm vướng mắc về đất~"
               "đai của dự án Kè chống sạt lở bờ sông Cầu, chậm nhất ngày 20/6/2021."),
        ("L", "6.\tSở Xây dựng: Rút ngắn thời gian thẩm định dự án, thiết kế xây dựng; công bố giá vật liệu xây dựng "
              "hằng tháng."),
        ("L", "7.\tSở Giao thông vận tải chủ trì, phối hợp với các chủ đầu tư đẩy nhanh tiến độ dự án cải tạo, nâng "
              "cấp đường tỉnh ĐT.258, bảo đảm hoàn thành trong quý IV năm 2021."),
        ("L", "8.\tYêu cầu UBND các huyện, thành phố tập trung công tác bồi thường, giải phóng mặt bằng, cụ thể:"),
        ("L", "- UBND huyện Chợ Mới: Hoàn thành bàn giao mặt bằng dự án đường Chợ Mới - Yên Đĩnh trước 30/6;"),
        ("L", "- UBND thành phố Bắc Kạn: Hoàn thành phương án tái định cư cho các hộ dân thuộc dự án Khu đô thị phía "
              "Nam trong tháng 7/2021."),
        ("L", "9.\tGiao Văn phòng UBND tỉnh theo dõi, đôn đốc thực hiện; tổng hợp kết quả, báo cáo Chủ tịch UBND tỉnh "
              "tại phiên họp UBND tỉnh thường kỳ tháng 6/2021."),
    ],
    closing="Văn phòng UBND tỉnh thông báo để các cơ quan, đơn vị biết, thực hiện./.",
    recipients=["- CT, các PCT UBND tỉnh;", "- Các sở: KH&ĐT, TC, XD, GTVT, TN&MT;",
                "- Kho bạc Nhà nước tỉnh;", "- UBND các huyện, thành phố;", "- Các chủ đầu tư;",
                "- LĐVP;", "- Lưu: VT, Tổng hợp."],
    signer=["KT. CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG"], signer_name="Ma Thị Hạnh",
))

# --------------------------------------------------------------- 11
NOTICES.append(dict(
    slug="11-so-gddt-dak-lak-chuan-bi-nam-hoc-2024",
    header=dict(style="t22", parent="UBND TỈNH ĐẮK LẮK", issuer=["SỞ GIÁO DỤC VÀ ĐÀO TẠO"],
                rule_left="________", rule_right="__________________",
                number="Số:\u00a017/TB-SGDĐT", dateline="Đắk Lắk, ngày 22 tháng 8 năm 2024"),
    summary=["Kết luận của Giám đốc Sở tại hội nghị triển khai",
             "công tác chuẩn bị năm học 2024 - 2025"],
    body=[
        ("P", "Ngày 20/8/2024, tại Hội trường Sở, đồng chí Trần Thị Ngọc Lan, Giám đốc Sở Giáo dục và Đào tạo chủ "
              "trì hội nghị triển khai công tác chuẩn bị năm học 2024 - 2025. Dự hội nghị có các đồng chí Phó Giám "
              "đốc Sở; Trưởng các phòng chuyên môn, nghiệp vụ thuộc Sở; Hiệu trưởng các trường trung học phổ thông "
              "trực thuộc; Trưởng phòng Giáo dục và Đào tạo các huyện, thị xã, thành phố."),
        ("P", "Sau khi nghe báo cáo và ý kiến thảo luận của các đại biểu, Giám đốc Sở kết luận như sau:"),
        ("H", "I. Về công tác tuyển sinh"),
        ("P", "Kỳ thi tuyển sinh vào lớp 10 năm học 2024 - 2025 được tổ chức an toàn, nghiêm túc; Phòng Quản lý chất "
              "lượng đã phối hợp với các trường hoàn thành chấm thi đúng kế hoạch."),
        ("L", "a) Phòng Giáo dục Trung học chủ trì, phối hợp với Phòng Quản lý chất lượng hướng dẫn các trường THPT "
              "hoàn thành tuyển sinh bổ sung trước ngày 31/8/2024."),
        ("L", "b) Đề nghị Phòng Giáo dục và Đào tạo các huyện, thị xã, thành phố rà soát số học sinh lớp 9 chưa "
              "trúng tuyển, tư vấn phân luồng vào các trung tâm giáo dục nghề nghiệp - giáo dục thường xuyên."),
        ("H", "II. Về cơ sở vật chất, sách giáo khoa, đội ngũ"),
        ("P", "Năm học 2024 - 2025 là năm thứ năm thực hiện Chương trình giáo dục phổ thông 2018; toàn tỉnh còn "
              "thiếu 1.236 giáo viên so với định mức, nhiều phòng học xuống cấp."),
        ("L", "a) Giao Phòng Kế hoạch - Tài chính: Tổng hợp nhu cầu sửa chữa phòng học, mua sắm thiết bị dạy học "
              "tối thiểu lớp 5, lớp 9 và lớp 12; tham mưu Giám đốc Sở báo cáo UBND tỉnh trước ngày 10/9/2024."),
        ("L", "b) Phòng Tổ chức cán bộ chủ trì, phối hợp với Sở Nội vụ tham mưu tuyển dụng giáo viên còn thiếu, "
              "hoàn thành trong tháng 10/2024."),
        ("L", "c) Phòng Giáo dục Trung học: Hướng dẫn các trường lựa chọn sách giáo khoa lớp 9, lớp 12 đúng quy "
              "trình; bảo đảm đủ sách giáo khoa cho học sinh trước ngày khai giảng."),
        ("H", "III. Về tổ chức khai giảng năm học mới"),
        ("L", "a) Các trường THPT trực thuộc tổ chức Lễ khai giảng năm học mới vào ngày 05/9/2024 gọn nhẹ, trang "
              "trọng, tạo không khí phấn khởi cho học sinh."),
        ("L", "b) Văn phòng Sở chủ trì, phối hợp với các phòng chuyên môn xây dựng kế hoạch kiểm tra công tác chuẩn "
              "bị năm học tại các đơn vị, trình Giám đốc Sở trong tháng 8/2024."),
        ("L", "c) Yêu cầu Thủ trưởng các đơn vị trực thuộc báo cáo tình hình khai giảng về Sở (qua Văn phòng Sở) "
              "trước 16\u00a0giờ 00 ngày 05/9/2024."),
    ],
    closing="Sở Giáo dục và Đào tạo thông báo để các đơn vị biết, thực hiện./.",
    sign_style="paras_right",
    recipients=["- UBND tỉnh (b/c);", "- Như trên;", "- Giám đốc, các PGĐ Sở;",
                "- Các phòng thuộc Sở;", "- Web\u00adsite Sở;", "- Lưu: VT, VP."],
    signer=["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"], signer_name="Nguyễn Hữu Lộc",
))

# --------------------------------------------------------------- 12
NOTICES.append(dict(
    slug="12-ubnd-huyen-thach-ha-phien-hop-thang-02-2025",
    header=dict(style="t22", issuer=["ỦY BAN NHÂN DÂN", "HUYỆN THẠCH HÀ"], rule_left="-------",
                number="Số: 38/TB-UBND", dateline="Thạch Hà, ngày 26 tháng 02 năm 2025"),
    summary=["Kết luận của Chủ tịch UBND huyện tại phiên họp thường kỳ tháng 02 năm 2025"],
    body=[
        ("P", "Ngày 24/02/2025, tại Hội trường UBND huyện, Ủy ban nhân dân huyện Thạch Hà tổ chức phiên họp thường "
              "kỳ tháng 02 năm 2025. Dự họp có các đồng chí Thành viên UBND huyện; đại diện lãnh đạo Thường trực "
              "HĐND huyện, Ủy ban MTTQ huyện; Chủ tịch UBND các xã, thị trấn. Sau khi nghe báo cáo và ý kiến tham "
              "gia của các đại biểu, đồng chí Trần Đình Phú, Chủ tịch UBND huyện kết luận như sau:"),
        ("H", "I. Về tình hình kinh tế - xã hội tháng 02 và nhiệm vụ trọng tâm tháng 3 năm 2025"),
        ("P", "Tháng 02 năm 2025, các cơ quan, đơn vị, địa phương đã tổ chức cho Nhân dân đón Tết Nguyên đán Ất Tỵ "
              "vui tươi, an toàn; ra quân sản xuất vụ Xuân đúng khung lịch thời vụ. Thực hiện Kế hoạch số "
              "15/KH-UBND ngày 10/01/2025 của UBND huyện giao Phòng Lao động - Thương binh và Xã hội chủ trì xóa nhà "
              "tạm, nhà dột nát, đến nay đã khởi công 86/142 nhà."),
        ("L", "1.\tGiao Phòng Nông nghiệp và Phát triển nông thôn: Chỉ đạo các xã chăm sóc lúa Xuân, phòng trừ chuột, "
              "ốc bươu vàng; kiểm tra, đôn đốc tiêm phòng gia súc, gia cầm đợt 1 năm 2025, hoàn thành trước ngày "
              "31/3/2025."),
        ("L", "2.\tPhòng Lao động - Thương binh và Xã hội chủ trì, phối hợp với Ủy ban MTTQ huyện và UBND các xã, thị "
              "trấn đẩy nhanh tiến độ xóa nhà tạm, nhà dột nát; phấn đấu hoàn thành 100% số nhà trong quý II năm 2025."),
        ("L", "3.\tGiao Phòng Tài chính - Kế hoạch chủ trì, phối hợp với các cơ quan liên quan rà soát, tham mưu "
              "phương án xử lý tài sản công dôi dư sau sắp xếp các cơ quan chuyên môn. Thời hạn hoàn thành: trong "
              "tháng 3/2025."),
        ("L", "4.\tPhòng Nội vụ: Hướng dẫn các cơ quan, đơn vị thực hiện chế độ, chính sách đối với cán bộ, công chức "
              "nghỉ việc theo Nghị định số 178/2024/NĐ-CP ngày 31/12/2024 của Chính phủ; tổng hợp hồ sơ, trình UBND "
              "huyện xong trước ngày 15/3/2025."),
        ("L", "5.\tĐề nghị Công an huyện chủ động nắm tình hình, bảo đảm an ninh trật tự trong thời gian sắp xếp tổ "
              "chức bộ máy; xử lý nghiêm các hành vi lợi dụng để kích động, gây rối."),
        ("H", "II. Về dự thảo Đề án sắp xếp, tổ chức lại các cơ quan chuyên môn thuộc UBND huyện"),
        ("P", "UBND huyện thống nhất thông qua dự thảo Đề án. Phòng Nội vụ đã tiếp thu phần lớn ý kiến góp ý của các "
              "cơ quan, đơn vị."),
        ("L", "1.\tGiao Phòng Nội |vụ tiếp thu đầy đủ ý kiến tại phiên họp, hoàn thiện dự thảo Đề án, trình Ban "
              "Thường vụ Huyện ủy trước 28/02."),
        ("L", "2.\tVăn phòng HĐND và UBND huyện chủ trì, phối hợp với Phòng Nội vụ chuẩn bị các điều kiện về trụ sở, "
              "trang thiết bị làm việc cho các cơ quan sau sắp xếp; hoàn thành trong tháng 3/2025."),
        ("L", "3.\tYêu cầu Thủ trưởng các cơ quan chuyên môn thuộc UBND huyện làm tốt công tác tư tưởng, bảo đảm hoạt "
              "động thông suốt, không để gián đoạn công việc trong quá trình sắp xếp."),
    ],
    closing="UBND huyện thông báo để các cơ quan, đơn vị, địa phương biết, thực hiện./.",
    recipients=["- TT Huyện ủy, TT HĐND huyện (b/c);", "- Chủ tịch, các PCT UBND huyện;",
                "- Các cơ quan, đơn vị cấp huyện;", "- UBND các xã, thị trấn;", "- Lưu: VT."],
    signer=["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"], signer_name="Trần Đình Phú",
    page_field="footer",
))

# --------------------------------------------------------------- 13
NOTICES.append(dict(
    slug="13-ubnd-tuyen-quang-chuong-trinh-mtqg-2023",
    header=dict(style="t22", issuer=["ỦY BAN NHÂN DÂN", "TỈNH TUYÊN QUANG"], rule_left="--------",
                number="Số: 171/TB-UBND", dateline="Tuyên Quang, ngày 24 tháng 7 năm 2023"),
    summary=["Kết luận của Phó Chủ tịch UBND tỉnh, Trưởng Ban Chỉ đạo các chương trình",
             "mục tiêu quốc gia tỉnh tại hội nghị sơ kết 6 tháng đầu năm 2023"],
    numbering="decimal_bullets",
    body=[
        ("P", "14 giờ 00 ngày 18/7/2023, tại Hội trường tầng 3, trụ sở UBND tỉnh, Ban Chỉ đạo các chương trình mục "
              "tiêu quốc gia tỉnh tổ chức hội nghị sơ kết 6 tháng đầu năm 2023. Dự họp có các đồng chí thành viên "
              "Ban Chỉ đạo tỉnh; lãnh đạo các sở, ngành có liên quan; lãnh đạo UBND các huyện, thành phố. Sau khi "
              "nghe Sở Kế hoạch và Đầu tư báo cáo và ý kiến thảo luận của các đại biểu, đồng chí Hoàng Việt Phương, "
              "Phó Chủ tịch UBND tỉnh, Trưởng Ban Chỉ đạo kết luận như sau:"),
        ("P", "Sáu tháng đầu năm 2023, các chương trình mục tiêu quốc gia trên địa bàn tỉnh đã được triển khai đồng "
              "bộ; Sở Tài chính đã tham mưu phân bổ 100% vốn sự nghiệp được giao. Tuy nhiên, tỷ lệ giải ngân vốn đầu "
              "tư mới đạt 31,5%, vốn sự nghiệp đạt 12,8% kế hoạch; một số dự án thành phần của Chương trình mục tiêu "
              "quốc gia phát triển kinh tế - xã hội vùng đồng bào dân tộc thiểu số và miền núi chưa có hướng dẫn cụ "
              "thể."),
        ("P", "Để hoàn thành mục tiêu năm 2023, đồng chí Trưởng Ban Chỉ đạo yêu cầu các sở, ngành, UBND các huyện, "
              "thành phố tập trung thực hiện các nhiệm vụ sau:"),
        ("L", "1. Sở KH&ĐT chủ trì, phối hợp với Sở Tài chính, Ban Dân tộc tỉnh, Sở LĐ-TB&XH, Sở NN&PTNT tổng hợp "
              "nhu cầu điều chỉnh kế hoạch vốn giữa các dự án thành phần, trình UBND tỉnh trước ngày 15/8/2023."),
        ("L", "2. Giao Sở NN&PTNT hướng dẫn các huyện thẩm định, công nhận xã đạt chuẩn nông thôn mới nâng cao năm "
              "2023; hoàn thành trong năm 2023."),
        ("L", "3. Sở LĐ-TB&XH: Hướng dẫn các huyện rà soát hộ nghèo, hộ cận nghèo giữa kỳ; triển khai các dự án hỗ "
              "trợ phát triển sản xuất, đa dạng hóa sinh kế thuộc Chương trình mục tiêu quốc gia giảm nghèo bền vững."),
        ("L", "- Phối hợp với Sở TT&TT triển khai Dự án giảm nghèo về thông tin;"),
        ("L", "- Báo cáo kết quả thực hiện về UBND tỉnh trong quý III năm 2023."),
        ("L", "4. Ban Dân tộc tỉnh chủ trì, phối hợp với Sở GD&ĐT, Sở Y tế hướng dẫn thực hiện các dự án về giáo "
              "dục, y tế vùng đồng bào dân tộc thiểu số; hoàn thành trước ngày {F: QUOTE \"30/9/2023\" |30/9/2023}."),
        ("L", "5. Sở TN&MT chủ trì, phối hợp với UBND các huyện, thành phố giải quyết vướng mắc về đất đai đối với "
              "các dự án hỗ trợ đất ở, đất sản xuất cho hộ đồng bào dân tộc thiểu số."),
        ("L", "6. Sở TT&TT chủ trì, phối hợp với Báo Tuyên Quang, Đài Phát thanh và Truyền hình tỉnh đẩy mạnh tuyên "
              "truyền về các chương trình mục tiêu quốc gia trên các phương tiện thông tin đại chúng."),
        ("L", "7. Yêu cầu UBND các huyện, thành phố chịu trách nhiệm toàn diện về tiến độ giải ngân trên địa bàn, "
              "trong đó:"),
        ("L", "- Hoàn thành phân bổ chi tiết vốn sự nghiệp còn lại trước ngày 31/7/2023;"),
        ("L", "- Lập danh mục công trình, dự án chậm tiến độ, có giải pháp cụ thể đối với từng dự án;"),
        ("L", "- UBND huyện Lâm Bình, UBND huyện Na Hang: tập trung hoàn thành các công trình nước sinh hoạt tập "
              "trung trong tháng 9/2023."),
        ("L", "8. Công an tỉnh, BCH Quân sự tỉnh theo chức năng, nhiệm vụ phối hợp bảo đảm an ninh trật tự tại các "
              "địa bàn triển khai dự án; nắm chắc tình hình, không để phần tử xấu lợi dụng kích động."),
        ("P", "Các thành viên Ban Chỉ đạo tỉnh theo lĩnh vực, địa bàn được phân công thường xuyên kiểm tra, đôn đốc, "
              "kịp thời báo cáo Trưởng Ban Chỉ đạo những khó khăn, vướng mắc vượt thẩm quyền."),
    ],
    closing="Ủy ban nhân dân tỉnh thông báo để các cơ quan, đơn vị biết, thực hiện./.",
    recipients=["- TT Tỉnh ủy, TT HĐND tỉnh (b/c);", "- Chủ tịch, các PCT UBND tỉnh;",
                "- Thành viên BCĐ các CTMTQG tỉnh;", "- Các sở, ngành có liên quan;",
                "- UBND các huyện, thành phố;", "- Báo Tuyên Quang, Đài PT&TH tỉnh;",
                "- Lưu: VT, TH (Hg)."],
    signer=["TL. CHỦ TỊCH", "KT. CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG"], signer_name="Ma Thế Dũng",
))

# --------------------------------------------------------------- 14
NOTICES.append(dict(
    slug="14-ubnd-lao-cai-xoa-nha-tam-2024",
    header=dict(style="t22", issuer=["ỦY BAN NHÂN DÂN", "TỈNH LÀO CAI"], rule_left="-------",
                number="Số: 612/TB-UBND", dateline="Lào Cai, ngày 16 tháng 12 năm 2024"),
    summary=["Kết luận của Chủ tịch UBND tỉnh tại hội nghị đẩy nhanh tiến độ",
             "xóa nhà tạm, nhà dột nát trên địa bàn tỉnh"],
    summary_br=True,
    body=[
        ("P", "Ngày 12/12/2024, Chủ tịch UBND tỉnh Đinh Quang Hòa chủ trì hội nghị trực tuyến với 9 huyện, thị xã, "
              "thành phố về đẩy nhanh tiến độ xóa nhà tạm, nhà dột nát trên địa bàn tỉnh. Tham dự hội nghị tại điểm "
              "cầu tỉnh có đồng chí Phó Chủ tịch UBND tỉnh; lãnh đạo Ủy ban MTTQ Việt Nam tỉnh; lãnh đạo các sở, "
              "ngành: Lao động - Thương binh và Xã hội, Xây dựng, Tài chính, Kế hoạch và Đầu tư, Ban Dân tộc tỉnh.\n"
              "Sau khi nghe Sở Lao động - Thương binh và Xã hội báo cáo và ý kiến phát biểu của các đại biểu, Chủ "
              "tịch UBND tỉnh kết luận như sau:"),
        ("E",),
        ("H", "I. Đánh giá chung"),
        ("P", "Thực hiện Quyết định số 2105/QĐ-UBND ngày 15/10/2024 của UBND tỉnh giao Sở Tài chính chủ trì bố trí "
              "nguồn kinh phí hỗ trợ, đến nay toàn tỉnh đã khởi công 1.146/2.317 nhà, hoàn thành 408 nhà. Sở "
              "Lao động - Thương binh và Xã hội đã chủ trì, phối hợp với các huyện tổ chức kiểm tra tại 42 xã. Cách "
              "làm “Nhà nước hỗ trợ, dòng họ giúp, Nhân dân góp công” ở huyện Bắc Hà được người dân đồng tình, "
              "hưởng ứng."),
        ("P", "Tuy nhiên, tiến độ ở một số huyện còn chậm; việc rà soát đối tượng chưa chính xác, còn phải điều "
              "chỉnh nhiều lần; một số hộ chưa có đất ở hoặc đất ở nằm trong vùng có nguy cơ sạt lở."),
        ("H", "II. Nhiệm vụ trong thời gian tới"),
        ("P", "**1. Sở Lao động - Thương binh và Xã hội:**"),
        ("P", "- Chủ trì, phối hợp với Ủy ban MTTQ Việt Nam tỉnh và các sở, ngành liên quan theo dõi, đôn đốc các "
              "huyện thực hiện kế hoạch xóa nhà tạm, nhà dột nát; định kỳ hằng tuần tổng hợp, báo cáo UBND tỉnh;"),
        ("P", "- Rà soát, thống nhất số liệu hộ nghèo, hộ cận nghèo có nhà tạm, nhà dột nát cần hỗ trợ, báo cáo "
              "UBND tỉnh trước ngày 20/12/2024."),
        ("L", "2. **Giao Sở Tài chính** chủ trì, phối hợp với Sở Kế hoạch và Đầu tư tham mưu bố trí kinh phí đối "
              "ứng của tỉnh năm 2025; hướng dẫn các huyện thanh toán, quyết toán kinh phí hỗ trợ. Thời hạn hoàn "
              "thành: trước ngày 31/12/2024."),
        ("L", "3. **Sở Xây dựng:** Ban hành mẫu thiết kế nhà ở điển hình phù hợp với phong tục, tập quán của đồng "
              "bào các dân tộc; hướng dẫn các huyện giám sát chất lượng nhà ở sau hỗ trợ."),
        ("L", "4. **Đề nghị Ủy ban MTTQ Việt Nam tỉnh** tiếp tục vận động các doanh nghiệp, tổ chức, cá nhân ủng hộ "
              "Quỹ “Vì người nghèo” để hỗ trợ xóa nhà tạm, nhà dột nát."),
        ("L", "5. **Sở TN&MT** chủ trì, phối hợp với Sở NN&PTNT và UBND các huyện, thị xã, thành phố hướng dẫn giải "
              "quyết vướng mắc về đất ở đối với các hộ chưa có đất hoặc đất ở nằm trong vùng có nguy cơ sạt lở."),
        ("L", "6. **Yêu cầu UBND các huyện, thị xã, thành phố** chịu trách nhiệm trước UBND tỉnh về tiến độ, chất "
              "lượng xóa nhà tạm, nhà dột nát trên địa bàn:"),
        ("L", "- Hoàn thành khởi công 100% số nhà được hỗ trợ trước ngày 31/01/2025;"),
        ("L", "- Huy động lực lượng quân đội, công an, đoàn viên thanh niên tham gia ngày công hỗ trợ các hộ;"),
        ("L", "- UBND huyện Si Ma Cai, Mường Khương: rà soát lại danh sách hộ được hỗ trợ, báo cáo trước ngày "
              "20/12/2024."),
        ("L", "7. Bộ Chỉ huy Quân sự tỉnh, Công an tỉnh chỉ đạo lực lượng vũ trang địa phương tham gia hỗ trợ ngày "
              "công tháo dỡ, xây dựng nhà cho các hộ nghèo."),
        ("L", "8. **Giao Ban Dân tộc tỉnh** phối hợp với Sở LĐ-TB&XH lồng ghép nguồn vốn Chương trình mục tiêu quốc "
              "gia phát triển kinh tế - xã hội vùng đồng bào dân tộc thiểu số và miền núi để hỗ trợ nhà ở; hoàn "
              "thành trong quý I năm 2025."),
        ("L", "9. **Sở Thông tin và Truyền thông** chủ trì, phối hợp với Báo Lào Cai, Đài Phát thanh - Truyền hình "
              "tỉnh tuyên truyền các mô hình, cách làm hay trong xóa nhà tạm, nhà dột nát; biểu dương các tập "
              "thể, cá nhân tiêu biểu."),
        ("L", "10. **Giao Văn phòng UBND tỉnh** theo dõi, đôn đốc các cơ quan, đơn vị thực hiện các nhiệm vụ trên; "
              "tham mưu tổ chức sơ kết trong tháng 6/2025."),
        ("H", "III. Về đề xuất của các địa phương"),
        ("L", "1. Về đề nghị nâng mức hỗ trợ đối với hộ phải di dời khỏi vùng sạt lở của huyện Bát Xát: Giao Sở Tài "
              "chính nghiên cứu, tham mưu UBND tỉnh báo cáo HĐND tỉnh tại kỳ họp gần nhất."),
        ("L", "2. Về đề nghị bổ sung 126 hộ vào danh sách hỗ trợ của thị xã Sa Pa: Thống nhất chủ trương; giao UBND "
              "thị xã Sa Pa hoàn thiện hồ sơ, gửi Sở LĐ-TB&XH thẩm định trước ngày 25/12/2024."),
    ],
    closing="Ủy ban nhân dân tỉnh thông báo để các cơ quan, đơn vị, địa phương biết, thực hiện./.",
    recipients=["- Thường trực Tỉnh ủy (b/c);", "- Thường trực HĐND tỉnh;", "- Chủ tịch, các PCT UBND tỉnh;",
                "- Ủy ban MTTQ Việt Nam tỉnh;", "- Các sở: LĐ-TB&XH, TC, KH&ĐT, XD, TN&MT, NN&PTNT, TT&TT;",
                "- Ban Dân tộc tỉnh;", "- Bộ CHQS tỉnh, Công an tỉnh;", "- UBND các huyện, thị xã, thành phố;",
                "- Báo Lào Cai, Đài PT-TH tỉnh;", "- Lưu: VT, TH1, VX2."],
    signer=["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"], signer_name="Đinh Quang Hòa",
))

# =====================================================================
# A giấy mời and a biên bản (the other two documents of a meeting file)
# =====================================================================

# --------------------------------------------------------------- 17
NOTICES.append(dict(
    slug="17-gm-ubnd-hoa-binh-hop-thang-04-2023",
    doctype="GIẤY MỜI",
    header=dict(style="t22", issuer=["ỦY BAN NHÂN DÂN", "TỈNH HÒA BÌNH"], rule_left="-------",
                number="Số: 62/GM-UBND", dateline="Hòa Bình, ngày 20 tháng 4 năm 2023"),
    summary=["Họp Ủy ban nhân dân tỉnh thường kỳ tháng 4 năm 2023"],
    numbering="bullets",
    body=[
        ("P", "Ủy ban nhân dân tỉnh trân trọng kính mời:"),
        ("L", "- Đồng chí Phó Chủ tịch Thường trực UBND tỉnh;"),
        ("L", "- Các đồng chí Ủy viên UBND tỉnh;"),
        ("L", "- Đại diện lãnh đạo Thường trực HĐND tỉnh, Ủy ban MTTQ Việt Nam tỉnh;"),
        ("L", "- Lãnh đạo Văn phòng UBND tỉnh."),
        ("P", "Tới dự phiên họp Ủy ban nhân dân tỉnh thường kỳ tháng 4 năm 2023."),
        ("P", "**Chủ trì:** đồng chí Quách Văn Thành, Chủ tịch UBND tỉnh."),
        ("P", "**Thời gian:**\t08 giờ 00, thứ Năm, ngày 27/4/2023."),
        ("P", "**Địa điểm:**\tPhòng họp tầng 2, trụ sở UBND tỉnh."),
        ("P", "**Nội dung:** Đánh giá tình hình kinh tế - xã hội tháng 4, nhiệm vụ trọng tâm tháng 5 năm 2023; "
              "cho ý kiến dự thảo Đề án phát triển du lịch hồ Hòa Bình giai đoạn 2023 - 2030."),
        ("P", "Giao Sở Kế hoạch và Đầu tư chuẩn bị báo cáo, gửi Văn phòng UBND tỉnh trước 16 giờ 00 ngày "
              "24/4/2023 để gửi các đại biểu nghiên cứu trước."),
        ("P", "Tài liệu họp được đăng tải trên Hệ thống quản lý văn bản và điều hành của tỉnh. Đề nghị các đại "
              "biểu tham dự đúng thành phần, đúng giờ./."),
    ],
    recipients=["- Như thành phần mời;", "- Chủ tịch UBND tỉnh (b/c);", "- Lưu: VT, TH."],
    signer=["TL. CHỦ TỊCH", "KT. CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG"],
    signer_name="Đinh Thị Thu Hương",
))

# --------------------------------------------------------------- 18
NOTICES.append(dict(
    slug="18-bb-ubnd-huyen-duc-trong-giai-phong-mat-bang-2022",
    doctype="BIÊN BẢN",
    header=dict(style="t22", issuer=["ỦY BAN NHÂN DÂN", "HUYỆN ĐỨC TRỌNG"], rule_left="-------",
                number="Số: 09/BB-UBND", dateline=None),
    summary=["Cuộc họp rà soát tiến độ giải phóng mặt bằng",
             "các dự án trọng điểm trên địa bàn huyện"],
    body=[
        ("P", "**Thời gian bắt đầu:** 14 giờ 00, ngày 08 tháng 11 năm 2022."),
        ("P", "**Địa điểm:** Phòng họp số 2, UBND huyện."),
        ("P", "**Thành phần tham dự:**"),
        ("P", "- Lãnh đạo các phòng: Tài nguyên và Môi trường, Tài chính - Kế hoạch, Kinh tế và Hạ tầng;"),
        ("P", "- Lãnh đạo Trung tâm Phát triển quỹ đất huyện;"),
        ("P", "- Chủ tịch UBND các xã: Hiệp Thạnh, Liên Nghĩa, Phú Hội."),
        ("P", "**Vắng mặt:**"),
        ("P", "- Đồng chí Trưởng Công an huyện (đi công tác, ủy quyền Phó Trưởng Công an huyện dự họp)."),
        ("P", "**Chủ trì (chủ tọa):** đồng chí Nguyễn Hữu Phước, Phó Chủ tịch UBND huyện."),
        ("P", "**Thư ký (người ghi biên bản):** Lê Thị Bích Ngọc, Chuyên viên Văn phòng HĐND và UBND huyện."),
        ("P", "**Nội dung (theo diễn biến cuộc họp):**"),
        ("P", "Đồng chí chủ trì nêu mục đích, yêu cầu của cuộc họp."),
        ("P", "Đại diện Trung tâm Phát triển quỹ đất huyện báo cáo: đến ngày 31/10/2022, đã chi trả bồi thường "
              "cho 214/260 hộ; còn 46 hộ chưa nhận tiền, chủ yếu do chưa thống nhất đơn giá bồi thường đất nông "
              "nghiệp."),
        ("P", "Ý kiến của Phòng Tài nguyên và Môi trường: đề nghị UBND huyện cho phép điều chỉnh hệ số giá đất cụ "
              "thể của 02 dự án. Phòng Tài chính - Kế hoạch đề nghị bổ sung kinh phí bồi thường từ nguồn tăng thu "
              "ngân sách huyện."),
        ("P", "Chủ tịch UBND xã Hiệp Thạnh đề nghị tổ chức đối thoại với các hộ dân còn khiếu nại."),
        ("P", "**Kết luận của chủ trì:**"),
        ("L", "1. Giao Trung tâm Phát triển quỹ đất huyện chủ trì, phối hợp với UBND các xã liên quan tiếp tục vận "
              "động các hộ nhận tiền bồi thường, bàn giao mặt bằng; hoàn thành trước ngày 30/11/2022."),
        ("L", "2. Phòng Tài nguyên và Môi trường: Tham mưu UBND huyện trình UBND tỉnh điều chỉnh hệ số giá đất cụ "
              "thể của 02 dự án trong tháng 11/2022."),
        ("L", "3. Đề nghị Phòng Tài chính - Kế hoạch rà soát, báo cáo khả năng bố trí kinh phí bồi thường bổ sung "
              "từ nguồn tăng thu ngân sách huyện năm 2022."),
        ("L", "4. Yêu cầu UBND xã Hiệp Thạnh chủ trì, phối hợp với Ủy ban MTTQ xã tổ chức đối thoại với các hộ dân "
              "còn khiếu nại, xong trước ngày 20/11/2022."),
        ("P", "Cuộc họp kết thúc vào 16 giờ 30, ngày 08 tháng 11 năm 2022./."),
    ],
    sign_style="bb",
    bb_signers=[("THƯ KÝ", "Lê Thị Bích Ngọc"), ("CHỦ TỌA", "Nguyễn Hữu Phước")],
    recipients=["- Chủ tịch, các PCT UBND huyện;", "- Các thành phần dự họp;", "- Lưu: VT, Hồ sơ."],
))


# =====================================================================
# Notices copied from portal pages (.txt)
# =====================================================================

TEXTS = []

# --------------------------------------------------------------- 15
# As copied from a legal-document portal that lays the header table out
# as lines with "|" between cells and "-------" for the rules; one
# paragraph per line, no blank lines.
TEXTS.append(("15-ubnd-thai-binh-phien-hop-thang-07-2022", """\
ỦY BAN NHÂN DÂN
TỈNH THÁI BÌNH
-------
|
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
---------------
|
Số: 163/TB-UBND
|
Thái Bình, ngày 29 tháng 7 năm 2022
|
THÔNG BÁO
Kết luận của Chủ tịch UBND tỉnh tại phiên họp UBND tỉnh thường kỳ tháng 7 năm 2022
Ngày 27/7/2022, tại Phòng họp số 1, UBND tỉnh, Ủy ban nhân dân tỉnh Thái Bình tổ chức phiên họp thường kỳ tháng 7 năm 2022. Dự họp có các đồng chí Phó Chủ tịch UBND tỉnh; các đồng chí Ủy viên UBND tỉnh; đại diện lãnh đạo Văn phòng Tỉnh ủy, Văn phòng Đoàn ĐBQH và HĐND tỉnh. Sau khi nghe báo cáo và ý kiến tham gia của các đại biểu, đồng chí Ngô Thanh Bình, Chủ tịch UBND tỉnh kết luận như sau:
I. Về tình hình kinh tế - xã hội 7 tháng, nhiệm vụ trọng tâm tháng 8 năm 2022
Sở Kế hoạch và Đầu tư đã báo cáo tổng sản phẩm trên địa bàn tỉnh 6 tháng đầu năm ước tăng 9,1% so với cùng kỳ; sản xuất công nghiệp tiếp tục phục hồi; thu ngân sách nhà nước 7 tháng đạt 61% dự toán. Tuy nhiên, giải ngân vốn đầu tư công còn thấp; giá vật tư nông nghiệp tăng cao ảnh hưởng đến sản xuất vụ Mùa.
1. Giao Sở Nông nghiệp và Phát triển nông thôn chủ trì, phối hợp với UBND các huyện, thành phố chỉ đạo chăm sóc lúa Mùa; chủ động phương án tiêu úng, phòng, chống mưa bão năm 2022.
2. Sở Công thương chủ trì, phối hợp với Sở Kế hoạch và Đầu tư, Ban Quản lý Khu kinh tế và các khu công nghiệp tỉnh đôn đốc các nhà đầu tư hạ tầng cụm công nghiệp hoàn thành thủ tục đất đai; báo cáo UBND tỉnh trước ngày 31/8/2022.
3. Đề nghị Cục Thuế tỉnh đôn đốc thu hồi nợ thuế, phấn đấu thu nội địa 8 tháng đạt trên 70% dự toán.
4. Giao Sở Y tế: Chuẩn bị đầy đủ vắc xin, thuốc, vật tư; đẩy nhanh tiêm vắc xin phòng Covid-19 mũi 3, mũi 4 cho các đối tượng theo hướng dẫn, hoàn thành trong tháng 8/2022.
5. Sở Giáo dục và Đào tạo: Chuẩn bị các điều kiện tổ chức năm học 2022 - 2023; hoàn thành tuyển sinh lớp 10 trước 15/8.
II. Về các nội dung trình tại phiên họp
Ủy ban nhân dân tỉnh thống nhất thông qua dự thảo Nghị quyết quy định mức chi hỗ trợ công tác phổ biến, giáo dục pháp luật trên địa bàn tỉnh.
1. Giao Sở Tư pháp hoàn thiện dự thảo Nghị quyết theo ý kiến của các thành viên UBND tỉnh, gửi Văn phòng UBND tỉnh trước ngày 05/8/2022 để trình HĐND tỉnh.
2. Sở Tài chính chủ trì, phối hợp với Sở Tư pháp rà soát các nội dung chi, bảo đảm phù hợp khả năng cân đối ngân sách.
3. Đề nghị các đồng chí Thành viên UBND tỉnh vắng mặt tại phiên họp gửi ý kiến bằng văn bản về Văn phòng UBND tỉnh trước ngày 02/8/2022.
Ủy ban nhân dân tỉnh thông báo để các cơ quan, đơn vị biết, thực hiện./.
Nơi nhận:
- Thường trực Tỉnh ủy (b/c);
- Thường trực HĐND tỉnh (b/c);
- Chủ tịch, các PCT UBND tỉnh;
- Các sở, ban, ngành tỉnh;
- UBND các huyện, thành phố;
- Lưu: VT, TH.
|
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Ngô Thanh Bình
"""))

# --------------------------------------------------------------- 16
# As copied from a PDF viewer: lines hard-wrapped inside paragraphs, a
# blank line between paragraphs, "(Đã ký)" above the signer's name.
_P16 = [
    "UBND TỈNH QUẢNG BÌNH",
    "BAN CHỈ HUY PHÒNG, CHỐNG THIÊN TAI VÀ TÌM KIẾM CỨU NẠN",
    "Số: 21/TB-BCH",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "Quảng Bình, ngày 23 tháng 5 năm 2025",
    "THÔNG BÁO",
    "Kết luận của đồng chí Phó Trưởng ban Thường trực Ban Chỉ huy tại hội nghị tổng kết công tác "
    "phòng, chống thiên tai năm 2024, triển khai nhiệm vụ năm 2025",
    "Chiều ngày 20/5/2025, Ban Chỉ huy phòng, chống thiên tai và tìm kiếm cứu nạn tỉnh tổ chức hội "
    "nghị tổng kết công tác phòng, chống thiên tai năm 2024, triển khai nhiệm vụ năm 2025. Đồng chí "
    "Hồ Đăng Khoa, Phó Chủ tịch UBND tỉnh, Phó Trưởng ban Thường trực Ban Chỉ huy chủ trì hội nghị. "
    "Tham dự hội nghị có các đồng chí thành viên Ban Chỉ huy tỉnh; lãnh đạo UBND các huyện, thị xã, "
    "thành phố. Sau khi nghe báo cáo và ý kiến thảo luận của các đại biểu, đồng chí Phó Trưởng ban "
    "Thường trực Ban Chỉ huy kết luận như sau:",
    "Năm 2024, thiên tai trên địa bàn tỉnh diễn biến phức tạp, bão số 4 và đợt mưa lớn cuối tháng 10 "
    "gây ngập lụt sâu tại các huyện Lệ Thủy, Quảng Ninh. Sở Nông nghiệp và Phát triển nông thôn (nay "
    "là Sở Nông nghiệp và Môi trường) đã tham mưu Ban Chỉ huy chỉ đạo sơ tán kịp thời 12.460 hộ dân "
    "đến nơi an toàn, không để xảy ra thiệt hại lớn về người. Từ ngày 01/3/2025, các cơ quan chuyên "
    "môn thuộc UBND tỉnh được sắp xếp lại, một số thành viên Ban Chỉ huy thay đổi.",
    "1. Giao Sở Nông nghiệp và Môi trường chủ trì, phối hợp với các thành viên Ban Chỉ huy tham mưu "
    "kiện toàn Ban Chỉ huy tỉnh sau khi sắp xếp tổ chức bộ máy; trình UBND tỉnh trước ngày 31/5/2025.",
    "2. Sở Xây dựng chủ trì, phối hợp với UBND các huyện, thị xã, thành phố kiểm tra an toàn các công "
    "trình hạ tầng giao thông, đê điều, nhà cao tầng trước mùa mưa bão; hoàn thành trước ngày "
    "30/6/2025.",
    "3. Giao Công an tỉnh, Bộ Chỉ huy Quân sự tỉnh, Bộ Chỉ huy Bộ đội Biên phòng tỉnh xây dựng kế "
    "hoạch huy động lực lượng, phương tiện ứng cứu; tổ chức diễn tập trong quý III năm 2025.",
    "4. Đề nghị Đài Khí tượng Thủy văn tỉnh theo dõi chặt chẽ, dự báo sớm, chính xác diễn biến thời "
    "tiết, thiên tai; kịp thời cung cấp thông tin cho Ban Chỉ huy và các địa phương.",
    "5. Sở Công Thương: Chỉ đạo các doanh nghiệp dự trữ lương thực, thực phẩm, hàng hóa thiết yếu ở "
    "các vùng thường xuyên bị chia cắt; hoàn thành trước 15/8.",
    "6. Sở Y tế chủ trì, phối hợp UBND các huyện, thị xã, thành phố chuẩn bị cơ số thuốc, phương "
    "tiện cấp cứu; xây dựng phương án xử lý môi trường, phòng, chống dịch bệnh sau thiên tai.",
    "7. Yêu cầu UBND các huyện, thị xã, thành phố kiện toàn Ban Chỉ huy phòng, chống thiên tai và "
    "tìm kiếm cứu nạn cấp huyện; rà soát, cập nhật phương án ứng phó thiên tai theo cấp độ rủi ro, "
    "hoàn thành trong tháng 6/2025.",
    "8. Sở Khoa học và Công nghệ bảo đảm thông tin liên lạc thông suốt phục vụ công tác chỉ đạo, "
    "điều hành phòng, chống thiên tai.",
    "9. Các thành viên Ban Chỉ huy tỉnh theo địa bàn được phân công chủ động kiểm tra, đôn đốc công "
    "tác chuẩn bị ứng phó thiên tai tại các địa phương.",
    "Ban Chỉ huy phòng, chống thiên tai và tìm kiếm cứu nạn tỉnh thông báo để các cơ quan, đơn vị, "
    "địa phương biết, thực hiện./.",
    "Nơi nhận:\n- Ban Chỉ đạo Phòng thủ dân sự quốc gia (b/c);\n- TT Tỉnh ủy, TT HĐND tỉnh (b/c);\n"
    "- Chủ tịch, các PCT UBND tỉnh;\n- Thành viên Ban Chỉ huy tỉnh;\n"
    "- UBND các huyện, thị xã, thành phố;\n- Lưu: VT, VPTT.",
    "KT. TRƯỞNG BAN\nPHÓ TRƯỞNG BAN\n\n(Đã ký)\n\nHồ Đăng Khoa",
]


def _wrapped(paragraphs, width=84):
    out = []
    for p in paragraphs:
        if "\n" in p:          # already line by line (Nơi nhận, signer)
            out.append(p)
        else:
            out.append("\n".join(wrap(p, width)))
    return "\n\n".join(out) + "\n"


TEXTS.append(("16-bch-pctt-quang-binh-tong-ket-2025", _wrapped(_P16)))


def main():
    only = sys.argv[1:]
    for n in NOTICES:
        if only and not any(n["slug"].startswith(o) for o in only):
            continue
        print(write_docx(n))
    for slug, text in TEXTS:
        if only and not any(slug.startswith(o) for o in only):
            continue
        print(write_txt(slug, text))


if __name__ == "__main__":
    main()
