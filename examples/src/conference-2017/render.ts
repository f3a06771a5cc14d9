/**
 * The six-month report in Vietnamese: as plain text for the terminal, as Markdown, and as CSV
 * tables (UTF-8 with a byte-order mark, so spreadsheet programs read the Vietnamese letters).
 */
import { CalendarDate } from "@danvan/core"
import type { SixMonthReport, Submission } from "./sixMonthReport.ts"

const nf = new Intl.NumberFormat("vi-VN")
const pf = new Intl.NumberFormat("vi-VN", { minimumFractionDigits: 1, maximumFractionDigits: 1 })
const n = (x: number | undefined) => nf.format(x ?? 0)
const day = (d: string) => CalendarDate.formatVietnamese(CalendarDate.unsafeFromString(d))

const shortField: Readonly<Record<string, string>> = {
  economy: "Kinh tế",
  "culture-society": "VH-XH",
  "security-defence": "QP-AN",
  "political-system": "XD HTCT"
}

const submissionText: Readonly<Record<Submission, string>> = {
  onTime: "Đúng hạn",
  late: "Muộn",
  missing: "Chưa gửi"
}

const statusText: Readonly<Record<string, string>> = {
  registered: "đã đăng ký",
  inProgress: "đang triển khai",
  evaluated: "đã đánh giá",
  commended: "được khen thưởng",
  replicated: "đã nhân rộng",
  discontinued: "đã dừng"
}

const ratingText: Readonly<Record<string, string>> = {
  excellent: "xuất sắc",
  good: "tốt",
  fair: "khá",
  ineffective: "không hiệu quả"
}

type Table = { readonly head: ReadonlyArray<string>; readonly rows: ReadonlyArray<ReadonlyArray<string>> }

/** Column `i` is right-aligned when every body cell of it reads as a number. */
const numeric = (t: Table, i: number) => t.rows.every((r) => /^[\d.,%]*$/u.test(r[i] ?? ""))

const width = (s: string) => [...s].length

const textTable = (t: Table, indent = "   "): string => {
  const widths = t.head.map((h, i) => Math.max(width(h), ...t.rows.map((r) => width(r[i] ?? ""))))
  const line = (cells: ReadonlyArray<string>) =>
    indent +
    cells
      .map((c, i) => {
        const pad = " ".repeat((widths[i] ?? 0) - width(c))
        return numeric(t, i) ? pad + c : c + pad
      })
      .join("  ")
      .trimEnd()
  return [line(t.head), indent + widths.map((w) => "-".repeat(w)).join("  "), ...t.rows.map(line)].join("\n")
}

const markdownTable = (t: Table): string => {
  const escape = (c: string) => c.replaceAll("|", "\\|")
  return [
    `| ${t.head.map(escape).join(" | ")} |`,
    `| ${t.head.map((_, i) => (numeric(t, i) ? "---:" : "---")).join(" | ")} |`,
    ...t.rows.map((r) => `| ${r.map(escape).join(" | ")} |`)
  ].join("\n")
}

const fieldTable = (r: SixMonthReport): Table => {
  const total = r.totals.models ?? 0
  return {
    head: ["Lĩnh vực", "Số mô hình", "Tỷ lệ"],
    rows: [
      ...r.fields.map((f) => {
        const count = r.totals[`byField.${f.id}`] ?? 0
        return [f.name, n(count), total === 0 ? "" : `${pf.format((100 * count) / total)}%`]
      }),
      ["Tổng số", n(total), total === 0 ? "" : "100,0%"]
    ]
  }
}

const districtTable = (r: SixMonthReport): Table => ({
  head: ["Mã", "Đơn vị", ...r.fields.map((f) => shortField[f.id] ?? f.name), "Tổng", "Báo cáo", "Ngày gửi"],
  rows: [
    ...r.districts.map((d) => [
      d.code,
      d.name,
      ...r.fields.map((f) => (d.byField === undefined ? "" : n(d.byField[f.id]))),
      d.models === undefined ? "" : n(d.models),
      submissionText[d.submission],
      d.submittedOn === undefined ? "" : day(d.submittedOn)
    ]),
    ["", "Tổng cộng", ...r.fields.map((f) => n(r.totals[`byField.${f.id}`])), n(r.totals.models), "", ""]
  ]
})

const names = (r: SixMonthReport, s: Submission) =>
  r.districts
    .filter((d) => d.submission === s)
    .map((d) => (d.submittedOn === undefined ? d.name : `${d.name}, gửi ngày ${day(d.submittedOn)}`))

/** The report's sections as paragraphs and tables, shared by the text and Markdown forms. */
type Block =
  | { readonly _tag: "title"; readonly text: string }
  | { readonly _tag: "heading"; readonly text: string }
  | { readonly _tag: "paragraph"; readonly text: string }
  | { readonly _tag: "list"; readonly items: ReadonlyArray<string>; readonly numbered?: boolean }
  | { readonly _tag: "table"; readonly table: Table }

const blocks = (r: SixMonthReport): ReadonlyArray<Block> => {
  const t = r.totals
  const onTime = names(r, "onTime")
  const late = names(r, "late")
  const missing = names(r, "missing")
  const periodLower = r.periodLabel.charAt(0).toLowerCase() + r.periodLabel.slice(1)
  return [
    { _tag: "title", text: `BÁO CÁO SƠ KẾT ${r.periodLabel.toUpperCase()}` },
    {
      _tag: "paragraph",
      text: `Công tác thực hiện Quy chế dân chủ ở cơ sở và phong trào thi đua "Dân vận khéo" — ${r.provinceName} (mã ${r.provinceCode}). Ngày báo cáo ${day(r.reportDate)}; số liệu đến hết ngày ${day(r.asOf)}.`
    },
    { _tag: "heading", text: 'I. Phong trào thi đua "Dân vận khéo"' },
    {
      _tag: "paragraph",
      text: `Trong ${periodLower}, các cơ quan, địa phương, đơn vị trên địa bàn tỉnh đang tiếp tục triển khai thực hiện ${n(t.models)} mô hình "Dân vận khéo" (${n(t.newModels)} mô hình mới), trong đó ${n(t.effective)} mô hình được đánh giá hiệu quả, ${n(t.commended)} mô hình được khen thưởng, ${n(t.replicated)} mô hình được nhân rộng; phát hiện ${n(t.exemplaryCases)} điển hình.`
    },
    { _tag: "paragraph", text: "1. Số mô hình theo lĩnh vực" },
    { _tag: "table", table: fieldTable(r) },
    { _tag: "paragraph", text: "2. Số mô hình theo đơn vị cấp huyện" },
    { _tag: "table", table: districtTable(r) },
    {
      _tag: "paragraph",
      text: `3. Tình hình gửi báo cáo: ${n(r.expected)} đơn vị phải báo cáo; ${onTime.length} đơn vị gửi đúng hạn; ${late.length} đơn vị gửi muộn; ${missing.length} đơn vị chưa gửi.`
    },
    ...(late.length + missing.length + r.violations.length === 0
      ? []
      : [
          {
            _tag: "list" as const,
            items: [
              ...late.map((x) => `Gửi muộn: ${x}`),
              ...missing.map((x) => `Chưa gửi: ${x}`),
              ...r.violations.map((v) => `Số liệu chưa hợp lệ: ${v}`)
            ]
          }
        ]),
    { _tag: "paragraph", text: "4. Một số mô hình tiêu biểu đăng ký giai đoạn 2016-2020" },
    {
      _tag: "list",
      items: r.sampleModels.map(
        (m) =>
          `${m.name} — ${m.unit}; lĩnh vực ${m.field}; ${statusText[m.status] ?? m.status}${m.rating === undefined ? "" : `, xếp loại ${ratingText[m.rating] ?? m.rating}`}`
      )
    },
    { _tag: "heading", text: "II. Ban Chỉ đạo (thành phần minh họa)" },
    ...r.committees.flatMap(
      (c): ReadonlyArray<Block> => [
        { _tag: "paragraph", text: c.name },
        {
          _tag: "table",
          table: {
            head: ["Chức vụ trong Ban", "Họ và tên", "Chức danh"],
            rows: c.members.map((m) => [m.post, m.name, m.titles.join(", ")])
          }
        }
      ]
    ),
    { _tag: "heading", text: `III. Văn bản chỉ đạo còn hiệu lực ngày ${day(r.reportDate)}` },
    {
      _tag: "list",
      items: r.directives.map((d) => {
        const later =
          d.replacedBy.length === 0
            ? ""
            : ` (sau được thay thế bởi ${d.replacedBy.map((x) => `${x.number} từ ${day(x.effectiveFrom)}`).join(", rồi ")})`
        return `${d.number} ngày ${day(d.issuedOn)} của ${d.issuer}: ${d.title}${later}`
      })
    },
    { _tag: "heading", text: "IV. Nhiệm vụ 6 tháng cuối năm 2017" },
    { _tag: "list", numbered: true, items: r.tasks.map((x) => `${x.description} (${x.number})`) }
  ]
}

const textBlock = (b: Block): string => {
  switch (b._tag) {
    case "title":
      return `${b.text}\n${"=".repeat(width(b.text))}`
    case "heading":
      return `${b.text}\n${"-".repeat(width(b.text))}`
    case "paragraph":
      return b.text
    case "list":
      return b.items.map((x, i) => `   ${b.numbered === true ? `${i + 1}.` : "-"} ${x}`).join("\n")
    case "table":
      return textTable(b.table)
  }
}

const markdownBlock = (b: Block): string => {
  switch (b._tag) {
    case "title":
      return `# ${b.text}`
    case "heading":
      return `## ${b.text}`
    case "paragraph":
      return b.text
    case "list":
      return b.items.map((x, i) => `${b.numbered === true ? `${i + 1}.` : "-"} ${x}`).join("\n")
    case "table":
      return markdownTable(b.table)
  }
}

/** The report as plain text for a terminal. */
export const toText = (r: SixMonthReport): string => `${blocks(r).map(textBlock).join("\n\n")}\n`

/** The report as Markdown. */
export const toMarkdown = (r: SixMonthReport): string => `${blocks(r).map(markdownBlock).join("\n\n")}\n`

const csvCell = (c: string) => (/[",\r\n]/u.test(c) ? `"${c.replaceAll('"', '""')}"` : c)

/** A CSV file (RFC 4180: comma-separated, CRLF line ends) with a UTF-8 byte-order mark. */
export const csv = (
  head: ReadonlyArray<string>,
  rows: ReadonlyArray<ReadonlyArray<string | number>>
): string =>
  `\uFEFF${[head, ...rows].map((r) => r.map((c) => csvCell(String(c))).join(",")).join("\r\n")}\r\n`

/** The report's tables as CSV files, by file name. */
export const toCsv = (r: SixMonthReport): Readonly<Record<string, string>> => ({
  "mo-hinh-theo-don-vi.csv": csv(
    ["Mã", "Đơn vị", ...r.fields.map((f) => f.name), "Tổng số mô hình", "Tình hình báo cáo", "Ngày gửi"],
    [
      ...r.districts.map((d) => [
        d.code,
        d.name,
        ...r.fields.map((f) => (d.byField === undefined ? "" : (d.byField[f.id] ?? 0))),
        d.models ?? "",
        submissionText[d.submission],
        d.submittedOn ?? ""
      ]),
      [
        "",
        "Tổng cộng",
        ...r.fields.map((f) => r.totals[`byField.${f.id}`] ?? 0),
        r.totals.models ?? 0,
        "",
        ""
      ]
    ]
  ),
  "ban-chi-dao.csv": csv(
    ["Ban Chỉ đạo", "Chức vụ trong Ban", "Họ và tên", "Chức danh"],
    r.committees.flatMap((c) => c.members.map((m) => [c.name, m.post, m.name, m.titles.join(", ")]))
  ),
  "van-ban-va-nhiem-vu.csv": csv(
    ["Loại", "Số hiệu", "Ngày ban hành", "Nội dung"],
    [
      ...r.directives.map((d) => ["Văn bản còn hiệu lực", d.number, d.issuedOn, d.title]),
      ...r.tasks.map((x) => ["Nhiệm vụ 6 tháng cuối năm 2017", x.number, "", x.description])
    ]
  )
})
