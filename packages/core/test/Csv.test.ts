import { describe, expect, it } from "@effect/vitest"
import * as fc from "fast-check"
import * as Csv from "../src/text/Csv.ts"

/** An RFC 4180 reader written apart from the writer: records of fields, quotes undone. */
const readBack = (file: string): ReadonlyArray<ReadonlyArray<string>> => {
  expect(file.startsWith("\uFEFF")).toBe(true)
  const text = file.slice(1)
  const records: Array<Array<string>> = []
  let record: Array<string> = []
  let field = ""
  let i = 0
  while (i < text.length) {
    const c = text[i]!
    if (c === '"' && field === "") {
      i++
      while (i < text.length) {
        if (text[i] === '"' && text[i + 1] === '"') {
          field += '"'
          i += 2
        } else if (text[i] === '"') {
          i++
          break
        } else field += text[i++]
      }
    } else if (c === ",") {
      record.push(field)
      field = ""
      i++
    } else if (c === "\r" && text[i + 1] === "\n") {
      record.push(field)
      records.push(record)
      record = []
      field = ""
      i += 2
    } else {
      field += c
      i++
    }
  }
  return records
}

describe("Csv", () => {
  it("neutralises every cell a spreadsheet would run as a formula", () => {
    for (const t of ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", '=HYPERLINK("http://x","y")']) {
      expect(Csv.neutralise(t)).toBe(`'${t}`)
    }
    expect(Csv.cell("=1+1")).toBe("'=1+1")
    expect(Csv.cell('=HYPERLINK("a","b")')).toBe(`"'=HYPERLINK(""a"",""b"")"`)
    expect(Csv.cell(-5)).toBe("-5")
    expect(Csv.cell(null)).toBe("")
    expect(Csv.format(["Mã", "Đơn vị"], [["369", "Thành phố Ninh Bình"]])).toBe(
      "\uFEFFMã,Đơn vị\r\n369,Thành phố Ninh Bình\r\n"
    )
  })

  it("no text cell read back begins with a formula trigger, and every other is kept (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.string(), { minLength: 1, maxLength: 4 }), { maxLength: 5 }),
        (rows) => {
          const back = readBack(Csv.format(["a"], rows))
          const body = back.slice(1)
          for (const [i, row] of rows.entries()) {
            for (const [j, cell] of row.entries()) {
              const read = body[i]?.[j] ?? ""
              expect(Csv.formulaTriggers.includes(read[0] ?? "")).toBe(false)
              expect(read).toBe(Csv.neutralise(cell))
            }
          }
        }
      )
    )
  })
})
