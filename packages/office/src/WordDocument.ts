/**
 * A `Document` as a Word file (`.docx`) in the format of administrative documents set by Decree
 * 30/2020/NĐ-CP on clerical work (công tác văn thư), Appendix I (thể thức và kỹ thuật trình bày
 * văn bản hành chính):
 *
 * - Part I, general rules: A4 paper (210 × 297 mm), portrait; margins 20–25 mm top and bottom,
 *   30–35 mm left, 15–20 mm right (here 20, 20, 30 and 15 mm); the Vietnamese font Times New Roman
 *   in Unicode (TCVN 6909:2001), black; pages numbered from 1 in Arabic numerals, size 13–14,
 *   upright, centred in the top margin, the first page not numbered.
 * - Part II, the elements, laid out as the decree's layout sample (Mẫu 1.1) places them: in a
 *   borderless two-column table, on the left the issuing body (the body above it in capitals,
 *   upright; the issuing body in capitals, bold, with a short line under it) and the number and
 *   symbol (`Số: 35/BC-BCĐ`, size 13); on the right the national title in capitals, bold, size
 *   12–13 (`CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM`), the motto in bold, size 13–14, its words
 *   capitalised and joined by hyphens with spaces (`Độc lập - Tự do - Hạnh phúc`) over a line as
 *   long as it, and the place and date in italics, size 13–14 (`Ninh Bình, ngày 14 tháng 7 năm
 *   2017`, with a leading zero for days below 10 and months below 3); then the kind of document
 *   (`BÁO CÁO`) and its summary (trích yếu), centred, bold, size 14, a short line under them; the
 *   body, size 14, justified, first lines indented 1.27 cm, at least 6 pt between paragraphs, line
 *   spacing between single and 1.5 lines, sections numbered `I.`, `II.` and items `1.`, `2.` in
 *   bold; at the end, the recipients (`Nơi nhận:` bold italic, size 12; each recipient size 11 on
 *   its own line beginning with `-` and ending with `;`, the last `- Lưu: VT, …` ending with `.`)
 *   on the left and the signature block on the right (the capacity such as `TM.` and the authority
 *   in capitals, bold, size 13–14; the signer's title; room to sign; the name in bold).
 *
 * Charts are native Word charts (`c:chart` with their data embedded), so Word and LibreOffice draw
 * them crisply, the reader can edit them, and their figures travel with the file; `ChartSvg` draws
 * the same charts as SVG for the web.
 *
 * @since 0.1.0
 */
import { Document as Doc, SixMonthReport } from "@danvan/core"
import {
  AlignmentType,
  BorderStyle,
  Document,
  Header,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  type ParagraphChild,
  Table,
  TableBorders,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType
} from "docx"
import { ChartRun } from "docx/charts"
import type { Effect } from "effect"
import { attempt, countFormat, type OfficeError } from "./Excel.ts"

/**
 * What the document's first and last lines say: who issues it, its number, who signs, who receives.
 *
 * @category models
 * @since 0.1.0
 */
export interface Letterhead {
  /** The body directly above the issuer (cơ quan chủ quản), as it is written: `UBND TỈNH NINH BÌNH`. */
  readonly parentBody?: string
  /** The issuing body (tên cơ quan ban hành): `BAN CHỈ ĐẠO THỰC HIỆN QUY CHẾ DÂN CHỦ Ở CƠ SỞ`. */
  readonly body: string
  /** The number and symbol after `Số:`: `35/BC-BCĐ`. */
  readonly number: string
  /** The place name of the date line (địa danh): `Ninh Bình`. */
  readonly place: string
  /** The date of issue; the report date by default. */
  readonly date?: string
  readonly signer: {
    /** `TM.` (on behalf of a collective), `KT.` (deputy signing for the head), `TL.`, `TUQ.`, or none. */
    readonly capacity?: string
    /** The body or post signed for, after the capacity: `BAN CHỈ ĐẠO`. */
    readonly authority?: string
    /** The signer's title: `TRƯỞNG BAN`. */
    readonly title: string
    readonly name: string
  }
  /** The recipients, without the archive line: `Ban Dân vận Trung ương (b/c)`. */
  readonly recipients: ReadonlyArray<string>
  /** The archive line after `Lưu:` (`VT, BCĐ`); `VT` by default. */
  readonly archive?: string
}

const FONT = "Times New Roman"
/** Half-points, as Word counts font sizes. */
const pt = (n: number) => n * 2
const BODY = pt(14)
/** Millimetres in twips (1/1440 inch), rounded: A4 is 11906 × 16838. */
const mm = (millimetres: number) => Math.round((millimetres * 1440) / 25.4)
/** A4 less the margins: 210 − 30 − 15 mm. */
const textWidth = mm(210 - 30 - 15)

const run = (text: string, options: { bold?: boolean; italics?: boolean; size?: number } = {}) =>
  new TextRun({
    text,
    font: FONT,
    size: options.size ?? BODY,
    bold: options.bold ?? false,
    italics: options.italics ?? false
  })

const centred = (children: ReadonlyArray<ParagraphChild>, after = 0) =>
  new Paragraph({
    alignment: AlignmentType.CENTER,
    // 1.15 lines: at single spacing, capitals with Vietnamese marks above (Ỉ, Ẫ) touch the marks
    // below the line before (Ạ, Ự); the decree allows single to 1.5 lines.
    spacing: { before: 0, after, line: 276 },
    children: [...children]
  })

/**
 * A short horizontal line, centred in a column of `columnWidth` twips: a paragraph with a bottom
 * border, indented from both sides so the border is `length` twips long.
 */
const rule = (columnWidth: number, length: number) => {
  const side = Math.max(0, Math.round((columnWidth - length) / 2))
  return new Paragraph({
    spacing: { before: 0, after: 120, line: 120, lineRule: LineRuleType.EXACT },
    indent: { left: side, right: side },
    border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: "000000", space: 1 } },
    children: []
  })
}

/** About how wide a line of text is in Times New Roman at a size (in half-points): for sizing lines. */
const textLength = (text: string, halfPoints: number, bold: boolean) =>
  Math.round([...text].length * halfPoints * 10 * (bold ? 0.48 : 0.45))

const noBorders = TableBorders.NONE

const cell = (children: ReadonlyArray<Paragraph | Table>, width: number) =>
  new TableCell({
    width: { size: width, type: WidthType.DXA },
    borders: noBorders,
    children: [...children]
  })

/**
 * "ngày 14 tháng 7 năm 2017": the day and month with a leading zero when the day is below 10 or the
 * month below 3 (Decree 30/2020/NĐ-CP, Appendix I, Part II, item 4).
 */
const dateLine = (date: string) => {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number]
  const d = day < 10 ? `0${day}` : String(day)
  const m = month < 3 ? `0${month}` : String(month)
  return `ngày ${d} tháng ${m} năm ${year}`
}

/**
 * A borderless table of two columns across the text width, the left one `left` twips wide: how
 * the decree's layout sample places the header block and the closing block side by side.
 */
const sideBySide = (
  left: number,
  leftContent: (width: number) => ReadonlyArray<Paragraph>,
  rightContent: (width: number) => ReadonlyArray<Paragraph>
) => {
  const right = textWidth - left
  return new Table({
    width: { size: textWidth, type: WidthType.DXA },
    columnWidths: [left, right],
    layout: TableLayoutType.FIXED,
    borders: noBorders,
    rows: [
      new TableRow({
        cantSplit: true,
        children: [cell(leftContent(left), left), cell(rightContent(right), right)]
      })
    ]
  })
}

const headerBlock = (letterhead: Letterhead, date: string) => {
  const motto = "Độc lập - Tự do - Hạnh phúc"
  return sideBySide(
    mm(70),
    (width) => [
      ...(letterhead.parentBody === undefined
        ? []
        : [centred([run(letterhead.parentBody.toUpperCase(), { size: pt(13) })])]),
      centred([run(letterhead.body.toUpperCase(), { size: pt(13), bold: true })]),
      rule(width, Math.round(width / 3)),
      centred([run(`Số: ${letterhead.number}`, { size: pt(13) })])
    ],
    (width) => [
      centred([run("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", { size: pt(12), bold: true })]),
      centred([run(motto, { size: pt(13), bold: true })]),
      rule(width, textLength(motto, pt(13), true)),
      centred([run(`${letterhead.place}, ${dateLine(date)}`, { size: pt(14), italics: true })])
    ]
  )
}

const bodyParagraph = (text: string) =>
  new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    indent: { firstLine: mm(12.7) },
    spacing: { before: 0, after: 120, line: 312 },
    children: [run(text)]
  })

const headingParagraph = (text: string) =>
  new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    indent: { firstLine: mm(12.7) },
    spacing: { before: 120, after: 120, line: 312 },
    keepNext: true,
    children: [run(text, { bold: true })]
  })

const listParagraphs = (items: ReadonlyArray<string>, numbered: boolean | undefined) =>
  items.map((x, i) => bodyParagraph(`${numbered === true ? `${i + 1}.` : "-"} ${x}`))

/**
 * Column widths (twips) that fit the text width: each column as wide as its longest word or
 * value needs (about 120 twips a character at size 12), text columns taking what is left in
 * proportion to their longest cell.
 */
const columnWidths = (table: Doc.Table): ReadonlyArray<number> => {
  const perChar = 125
  const pad = 200
  const all = [...table.rows, ...(table.total === undefined ? [] : [table.total])]
  const texts = table.columns.map((c, i) => [
    Doc.shortHeader(c),
    ...all.map((r) => Doc.formatValue(c.kind, r[i] ?? null))
  ])
  const words = texts.map((ts) => Math.max(...ts.flatMap((t) => t.split(/\s+/u).map((w) => [...w].length))))
  const longest = texts.map((ts) => Math.max(...ts.map((t) => [...t].length)))
  const minimum = table.columns.map((c, i) => pad + perChar * (c.kind === "text" ? words[i]! : longest[i]!))
  const spare = textWidth - minimum.reduce((a, b) => a + b, 0)
  const growth = table.columns.map((c, i) => (c.kind === "text" ? Math.max(0, longest[i]! - words[i]!) : 0))
  const totalGrowth = growth.reduce((a, b) => a + b, 0)
  if (spare <= 0 || totalGrowth === 0) {
    const scale = textWidth / minimum.reduce((a, b) => a + b, 0)
    return minimum.map((w) => Math.floor(w * scale))
  }
  const widths = minimum.map((w, i) => w + Math.min(growth[i]! * perChar, (spare * growth[i]!) / totalGrowth))
  const scale = textWidth / widths.reduce((a, b) => a + b, 0)
  return widths.map((w) => Math.floor(w * scale))
}

/** A table of the body: size 12, bordered, header bold, numbers right-aligned, total bold. */
const bodyTable = (table: Doc.Table) => {
  const widths = columnWidths(table)
  const cells = (values: ReadonlyArray<Doc.Value>, bold: boolean) =>
    table.columns.map((c, i) => {
      const text = Doc.formatValue(c.kind, values[i] ?? null)
      const right = c.kind === "count" || c.kind === "share"
      return new TableCell({
        width: { size: widths[i]!, type: WidthType.DXA },
        verticalAlign: VerticalAlign.CENTER,
        margins: { left: 60, right: 60, top: 20, bottom: 20 },
        children: [
          new Paragraph({
            alignment: right
              ? AlignmentType.RIGHT
              : c.kind === "date"
                ? AlignmentType.CENTER
                : AlignmentType.LEFT,
            spacing: { before: 0, after: 0, line: 240 },
            children: [run(text, { size: pt(12), bold })]
          })
        ]
      })
    })
  const header = new TableRow({
    tableHeader: true,
    children: table.columns.map(
      (c, i) =>
        new TableCell({
          width: { size: widths[i]!, type: WidthType.DXA },
          verticalAlign: VerticalAlign.CENTER,
          margins: { left: 60, right: 60, top: 20, bottom: 20 },
          children: [centred([run(Doc.shortHeader(c), { size: pt(12), bold: true })])]
        })
    )
  })
  return [
    new Table({
      width: { size: textWidth, type: WidthType.DXA },
      columnWidths: [...widths],
      layout: TableLayoutType.FIXED,
      rows: [
        header,
        ...table.rows.map((r) => new TableRow({ cantSplit: true, children: cells(r, false) })),
        ...(table.total === undefined
          ? []
          : [new TableRow({ cantSplit: true, children: cells(table.total, true) })])
      ]
    }),
    new Paragraph({ spacing: { before: 0, after: 120 }, children: [] })
  ]
}

/**
 * A native chart of horizontal bars, with its title, values on single bars and a legend when it
 * has several series. Word draws a bar chart's first category at the bottom, so categories are
 * given in reverse to read top-down in the document's order.
 */
const chartParagraph = (chart: Doc.Chart) => {
  const width = 600
  const height = Math.max(260, Math.min(520, 110 + chart.categories.length * (chart.stacked ? 34 : 48)))
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { before: 60, after: 180 },
    keepLines: true,
    children: [
      new ChartRun({
        type: "bar",
        title: { text: chart.title, font: { name: FONT, size: 12, bold: true } },
        categories: [...chart.categories].reverse(),
        series: chart.series.map((s) => ({
          name: s.name,
          values: [...s.values].reverse(),
          ...(s.color === undefined ? {} : { color: s.color })
        })),
        stacking: chart.stacked ? "stacked" : "none",
        legend: chart.series.length > 1 ? { position: "bottom" } : false,
        font: { name: FONT },
        categoryAxis: { font: { name: FONT, size: 10 } },
        valueAxis: { title: chart.valueTitle, numberFormat: countFormat, font: { name: FONT, size: 10 } },
        ...(chart.stacked ? {} : { dataLabels: { value: true, numberFormat: countFormat } }),
        transformation: { width, height },
        altText: { name: chart.id, description: chart.title, title: chart.title }
      })
    ]
  })
}

const blockContent = (b: Doc.Block): ReadonlyArray<Paragraph | Table> => {
  switch (b._tag) {
    case "heading":
    case "subheading":
      return [headingParagraph(b.text)]
    case "paragraph":
      return [bodyParagraph(b.text)]
    case "list":
      return listParagraphs(b.items, b.numbered)
    case "table":
      return bodyTable(b.table)
    case "chart":
      // A chart with no categories or no series (no model fields stored yet, no units below the
      // root) has nothing to draw, and Word's chart part cannot hold it: the tables say the same.
      return b.chart.categories.length === 0 || b.chart.series.length === 0 ? [] : [chartParagraph(b.chart)]
  }
}

const closingBlock = (letterhead: Letterhead) => {
  const recipients = [...letterhead.recipients.map((r) => `- ${r};`), `- Lưu: ${letterhead.archive ?? "VT"}.`]
  const signer = letterhead.signer
  const authority = [signer.capacity, signer.authority].filter((x) => x !== undefined && x !== "").join(" ")
  return sideBySide(
    mm(80),
    () => [
      new Paragraph({
        spacing: { before: 0, after: 0 },
        children: [run("Nơi nhận:", { size: pt(12), bold: true, italics: true })]
      }),
      ...recipients.map(
        (r) => new Paragraph({ spacing: { before: 0, after: 0 }, children: [run(r, { size: pt(11) })] })
      )
    ],
    () => [
      ...(authority === "" ? [] : [centred([run(authority.toUpperCase(), { bold: true })])]),
      centred([run(signer.title.toUpperCase(), { bold: true })], mm(25)),
      centred([run(signer.name, { bold: true })])
    ]
  )
}

/**
 * A document as a Word file in the format of Decree 30/2020/NĐ-CP (see the module comment).
 *
 * @category rendering
 * @since 0.1.0
 */
export const fromDocument = (
  doc: Doc.Document,
  letterhead: Letterhead,
  date: string
): Effect.Effect<Uint8Array, OfficeError> => {
  const pageNumber = new Header({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ children: [PageNumber.CURRENT], font: FONT, size: BODY })]
      })
    ]
  })
  const document = new Document({
    creator: "danvan",
    title: `${doc.kind} ${doc.summary}`,
    styles: { default: { document: { run: { font: FONT, size: BODY } } } },
    sections: [
      {
        properties: {
          titlePage: true,
          page: {
            size: { width: mm(210), height: mm(297) },
            margin: {
              top: mm(20),
              bottom: mm(20),
              left: mm(30),
              right: mm(15),
              header: mm(10),
              footer: mm(10)
            }
          }
        },
        headers: { default: pageNumber, first: new Header({ children: [] }) },
        children: [
          headerBlock(letterhead, date),
          new Paragraph({ spacing: { before: 240, after: 0 }, children: [] }),
          centred([run(doc.kind.toUpperCase(), { bold: true })], 0),
          centred([run(doc.summary, { bold: true })]),
          rule(textWidth, Math.round(textWidth / 3)),
          ...doc.blocks.flatMap(blockContent),
          new Paragraph({ spacing: { before: 0, after: 120 }, children: [] }),
          closingBlock(letterhead)
        ]
      }
    ]
  })
  return attempt("writing the Word document", async () => new Uint8Array(await Packer.toBuffer(document)))
}

/**
 * The six-month report as a Word file: `SixMonthReport.document` under the letterhead, dated the
 * report date unless the letterhead says otherwise.
 *
 * @category rendering
 * @since 0.1.0
 */
export const sixMonthReport = (
  report: SixMonthReport.SixMonthReport,
  letterhead: Letterhead
): Effect.Effect<Uint8Array, OfficeError> =>
  fromDocument(SixMonthReport.document(report), letterhead, letterhead.date ?? report.reportDate)
