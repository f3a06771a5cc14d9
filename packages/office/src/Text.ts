/**
 * A `Document` as plain text for a terminal and as Markdown. Tables are aligned by character count
 * (Vietnamese letters are NFC, one code point each), numeric columns to the right. Charts are
 * pictures: these renderings leave them out (their figures are in the tables beside them).
 *
 * @since 0.1.0
 */
import { Document } from "@danvan/core"

type Grid = { readonly head: ReadonlyArray<string>; readonly rows: ReadonlyArray<ReadonlyArray<string>> }

/** A table's cells as text, with its narrow headers and its total row last. */
const grid = (table: Document.Table): Grid => {
  const cells = (row: ReadonlyArray<Document.Value>) =>
    table.columns.map((c, i) => Document.formatValue(c.kind, row[i] ?? null))
  return {
    head: table.columns.map(Document.shortHeader),
    rows: [...table.rows, ...(table.total === undefined ? [] : [table.total])].map(cells)
  }
}

/** Column `i` is right-aligned when every body cell of it reads as a number. */
const numeric = (g: Grid, i: number) => g.rows.every((r) => /^[\d.,%]*$/u.test(r[i] ?? ""))

const width = (s: string) => [...s].length

const textTable = (g: Grid, indent = "   "): string => {
  const widths = g.head.map((h, i) => Math.max(width(h), ...g.rows.map((r) => width(r[i] ?? ""))))
  const line = (cells: ReadonlyArray<string>) =>
    indent +
    cells
      .map((c, i) => {
        const pad = " ".repeat((widths[i] ?? 0) - width(c))
        return numeric(g, i) ? pad + c : c + pad
      })
      .join("  ")
      .trimEnd()
  return [line(g.head), indent + widths.map((w) => "-".repeat(w)).join("  "), ...g.rows.map(line)].join("\n")
}

const markdownTable = (g: Grid): string => {
  const escape = (c: string) => c.replaceAll("|", "\\|")
  return [
    `| ${g.head.map(escape).join(" | ")} |`,
    `| ${g.head.map((_, i) => (numeric(g, i) ? "---:" : "---")).join(" | ")} |`,
    ...g.rows.map((r) => `| ${r.map(escape).join(" | ")} |`)
  ].join("\n")
}

const list = (items: ReadonlyArray<string>, numbered: boolean | undefined, indent: string) =>
  items.map((x, i) => `${indent}${numbered === true ? `${i + 1}.` : "-"} ${x}`).join("\n")

const textBlock = (b: Document.Block): ReadonlyArray<string> => {
  switch (b._tag) {
    case "heading":
      return [`${b.text}\n${"-".repeat(width(b.text))}`]
    case "subheading":
    case "paragraph":
      return [b.text]
    case "list":
      return [list(b.items, b.numbered, "   ")]
    case "table":
      return [textTable(grid(b.table))]
    case "chart":
      return []
  }
}

const markdownBlock = (b: Document.Block): ReadonlyArray<string> => {
  switch (b._tag) {
    case "heading":
      return [`## ${b.text}`]
    case "subheading":
      return [`### ${b.text}`]
    case "paragraph":
      return [b.text]
    case "list":
      return [list(b.items, b.numbered, "")]
    case "table":
      return [markdownTable(grid(b.table))]
    case "chart":
      return []
  }
}

/**
 * The document as plain text: the title underlined with `=`, section headings with `-`, tables
 * aligned in columns.
 *
 * @category rendering
 * @since 0.1.0
 */
export const plain = (doc: Document.Document): string =>
  `${[`${doc.title}\n${"=".repeat(width(doc.title))}`, ...doc.blocks.flatMap(textBlock)].join("\n\n")}\n`

/**
 * The document as Markdown (GitHub's tables, numeric columns right-aligned).
 *
 * @category rendering
 * @since 0.1.0
 */
export const markdown = (doc: Document.Document): string =>
  `${[`# ${doc.title}`, ...doc.blocks.flatMap(markdownBlock)].join("\n\n")}\n`
