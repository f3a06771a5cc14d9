/**
 * Whether the independent readers are on this machine (`bash .ci/office-deps` installs them from
 * Debian's packages). Where LibreOffice is missing the checks that need it skip with a warning,
 * except on CI, where the suite fails.
 */
import { spawnSync } from "node:child_process"
import { mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { LibreOffice } from "../src/index.ts"

export const hasLibreOffice = LibreOffice.available()
export const hasPoppler = spawnSync("pdftotext", ["-v"], { encoding: "utf8" }).status === 0
if ((!hasLibreOffice || !hasPoppler) && process.env.CI !== undefined) {
  throw new Error("LibreOffice (soffice) or poppler (pdftotext) is missing: run `bash .ci/office-deps`")
}
if (!hasLibreOffice)
  console.warn("skipping LibreOffice checks: soffice is not installed (bash .ci/office-deps)")

/** The text of a PDF, by poppler's pdftotext (layout kept). */
export const pdfText = (pdf: Uint8Array): string => {
  const file = join(mkdtempSync(join(tmpdir(), "danvan-pdf-")), "t.pdf")
  writeFileSync(file, pdf)
  const r = spawnSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" })
  if (r.status !== 0) throw new Error(r.stderr)
  return r.stdout
}
