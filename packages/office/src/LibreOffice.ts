/**
 * Converting the files this package writes with LibreOffice in headless mode: a Word document to
 * PDF (to print or sign), a workbook to CSV as its cells are shown, or re-saved as LibreOffice
 * saves it. LibreOffice is a program on the machine (`soffice`; on Debian the packages
 * `libreoffice-writer-nogui` and `libreoffice-calc-nogui`, which the repository's
 * `.ci/office-deps` installs), not a dependency of the package: {@link available} says whether it
 * is there. Each conversion runs with a profile of its own in a scratch folder, so conversions do
 * not share state and can run side by side.
 *
 * @since 0.1.0
 */
import { spawn, spawnSync } from "node:child_process"
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { pathToFileURL } from "node:url"
import { Effect } from "effect"
import { OfficeError } from "./Excel.ts"

/**
 * Whether `soffice` runs on this machine.
 *
 * @category predicates
 * @since 0.1.0
 */
export const available = (): boolean => spawnSync("soffice", ["--version"], { encoding: "utf8" }).status === 0

/**
 * LibreOffice's CSV export of every sheet of a workbook, each cell as shown (its number format
 * applied), UTF-8, comma-separated, quoted where needed.
 *
 * @category constants
 * @since 0.1.0
 */
export const csvAsShown = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1"

/**
 * Converts a file (`name` gives its extension, which tells LibreOffice what it is) with the export
 * filter `filter` (`pdf`, `xlsx`, {@link csvAsShown}); returns the files written by name (a CSV
 * export writes one file per sheet, `<name>-<sheet>.csv`).
 *
 * @category conversions
 * @since 0.1.0
 */
export const convert = (
  bytes: Uint8Array,
  name: string,
  filter: string,
  timeoutMs = 180_000
): Effect.Effect<ReadonlyMap<string, Uint8Array>, OfficeError> =>
  Effect.acquireUseRelease(
    Effect.sync(() => mkdtempSync(join(tmpdir(), "danvan-soffice-"))),
    (dir) =>
      Effect.callback<ReadonlyMap<string, Uint8Array>, OfficeError>((resume) => {
        const input = join(dir, name)
        const out = join(dir, "out")
        writeFileSync(input, bytes)
        const child = spawn(
          "soffice",
          [
            `-env:UserInstallation=${pathToFileURL(join(dir, "profile")).href}`,
            "--headless",
            "--norestore",
            "--convert-to",
            filter,
            "--outdir",
            out,
            input
          ],
          { stdio: ["ignore", "ignore", "pipe"], timeout: timeoutMs }
        )
        let stderr = ""
        child.stderr.on("data", (d: Buffer) => {
          stderr += d.toString("utf8")
        })
        const fail = (detail: string) =>
          resume(Effect.fail(new OfficeError({ operation: `converting ${name} with LibreOffice`, detail })))
        child.on("error", (e) => fail(e.message))
        child.on("close", (code) => {
          if (code !== 0) return fail(`soffice exited with ${code}: ${stderr.trim()}`)
          const files = (() => {
            try {
              return readdirSync(out)
            } catch {
              return []
            }
          })()
          if (files.length === 0) return fail(`soffice wrote nothing: ${stderr.trim()}`)
          resume(Effect.succeed(new Map(files.map((f) => [f, new Uint8Array(readFileSync(join(out, f)))]))))
        })
        return Effect.sync(() => child.kill())
      }),
    (dir) => Effect.sync(() => rmSync(dir, { recursive: true, force: true }))
  )

/**
 * A Word document as PDF.
 *
 * @category conversions
 * @since 0.1.0
 */
export const toPdf = (docx: Uint8Array): Effect.Effect<Uint8Array, OfficeError> =>
  Effect.flatMap(convert(docx, "document.docx", "pdf"), (files) => {
    const pdf = files.get("document.pdf")
    return pdf === undefined
      ? Effect.fail(new OfficeError({ operation: "converting to PDF", detail: "no PDF was written" }))
      : Effect.succeed(pdf)
  })

/**
 * Every sheet of a workbook as CSV text, its cells as shown, by sheet name.
 *
 * @category conversions
 * @since 0.1.0
 */
export const sheetsAsShown = (xlsx: Uint8Array): Effect.Effect<ReadonlyMap<string, string>, OfficeError> =>
  Effect.map(
    convert(xlsx, "workbook.xlsx", csvAsShown),
    (files) =>
      new Map(
        [...files].map(([file, bytes]) => [
          file.replace(/^workbook-/u, "").replace(/\.csv$/u, ""),
          new TextDecoder().decode(bytes)
        ])
      )
  )
