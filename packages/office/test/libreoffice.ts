/**
 * LibreOffice in headless mode, the independent reader the tests open written files with
 * (`bash .ci/office-deps` installs it from Debian's packages). Where it is missing the suites that
 * need it skip with a warning, except on CI, where they fail.
 */
import { spawnSync } from "node:child_process"
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { basename, extname, join } from "node:path"

export const hasLibreOffice = spawnSync("soffice", ["--version"], { encoding: "utf8" }).status === 0
export const hasPoppler = spawnSync("pdftotext", ["-v"], { encoding: "utf8" }).status === 0
if (!hasLibreOffice && process.env.CI !== undefined) {
  throw new Error("LibreOffice (soffice) is missing: run `bash .ci/office-deps`")
}
if (!hasLibreOffice)
  console.warn("skipping LibreOffice checks: soffice is not installed (bash .ci/office-deps)")

/** A scratch folder for one test file. */
export const scratch = (name: string) => mkdtempSync(join(tmpdir(), `danvan-office-${name}-`))

/**
 * Converts `bytes` (a file named `name`) with LibreOffice to `filter` (`pdf`, `xlsx`, or a CSV filter
 * string); returns the files written, by name. A profile of its own keeps runs apart.
 */
export const convert = (
  dir: string,
  name: string,
  bytes: Uint8Array,
  filter: string
): Map<string, Buffer> => {
  const input = join(dir, name)
  writeFileSync(input, bytes)
  const out = join(dir, `out-${basename(name, extname(name))}-${Math.random().toString(36).slice(2)}`)
  const result = spawnSync(
    "soffice",
    [
      `-env:UserInstallation=file://${join(dir, "profile")}`,
      "--headless",
      "--convert-to",
      filter,
      "--outdir",
      out,
      input
    ],
    { encoding: "utf8", timeout: 120_000 }
  )
  if (result.status !== 0) throw new Error(`soffice failed: ${result.stderr}`)
  return new Map(readdirSync(out).map((f) => [f, readFileSync(join(out, f))]))
}

/** LibreOffice's CSV export of every sheet, the cells as shown (formatted), UTF-8. */
export const csvAsShown = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1"

/** The text of a PDF, by poppler's pdftotext (layout kept). */
export const pdfText = (dir: string, pdf: Buffer): string => {
  const file = join(dir, `t-${Math.random().toString(36).slice(2)}.pdf`)
  writeFileSync(file, pdf)
  const r = spawnSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" })
  if (r.status !== 0) throw new Error(r.stderr)
  return r.stdout
}
