/**
 * Every TypeScript sample in the docs compiles: this script takes each ```ts block of
 * `docs/*.md` and of the READMEs (the repository's and each package's), writes it as a module into a
 * scratch folder inside `examples/` (ignored by git), and type-checks them all with the examples'
 * compiler settings against the workspace's sources. An error is reported at its line in the
 * Markdown file. Run by `pnpm docs:check`; the consumer check (`.ci/consumer/check.ts`) compiles
 * and runs the same samples against the packed packages.
 *
 * A sample is a whole module: it imports what it uses. Samples that need top-level `await` have it
 * (every sample is an ES module).
 */
import { spawnSync } from "node:child_process"
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { createRequire } from "node:module"
import { basename, join, relative } from "node:path"
import { fileURLToPath } from "node:url"

const examples = fileURLToPath(new URL("..", import.meta.url))
const root = join(examples, "..")
const scratch = join(examples, "output", ".doc-samples")

/** A sample: where it comes from and its code. */
interface Sample {
  /** The Markdown file, relative to the repository's root. */
  readonly doc: string
  /** The 1-based line of the Markdown file where the code starts (after the fence). */
  readonly line: number
  readonly code: string
  readonly file: string
}

const fence = /^```(ts|typescript)\s*$/u

/** The ```ts blocks of one Markdown file. */
export const samplesOf = (doc: string, text: string): ReadonlyArray<Omit<Sample, "file">> => {
  const lines = text.split(/\r?\n/u)
  const out: Array<Omit<Sample, "file">> = []
  for (let i = 0; i < lines.length; i++) {
    if (!fence.test(lines[i] ?? "")) continue
    const start = i + 1
    let end = start
    while (end < lines.length && !/^```\s*$/u.test(lines[end] ?? "")) end++
    out.push({ doc, line: start + 1, code: lines.slice(start, end).join("\n") })
    i = end
  }
  return out
}

/** The Markdown files whose samples are checked: the docs, the README and each package's README. */
export const sampleSources = (repository: string): ReadonlyArray<string> => {
  const docs = readdirSync(join(repository, "docs"))
    .filter((f) => f.endsWith(".md"))
    .sort()
    .map((f) => `docs/${f}`)
  const packages = readdirSync(join(repository, "packages"))
    .sort()
    .map((p) => `packages/${p}/README.md`)
    .filter((f) => existsSync(join(repository, f)))
  return [...docs, "README.md", ...packages]
}

/** Every sample of {@link sampleSources}, each with a file name of its own (`docs-storage-2.ts`). */
export const collectSamples = (repository: string): ReadonlyArray<Sample> =>
  sampleSources(repository).flatMap((doc) =>
    samplesOf(doc, readFileSync(join(repository, doc), "utf8")).map((s, n) => ({
      ...s,
      file: `${doc.replace(/\.md$/u, "").replaceAll("/", "-")}-${n + 1}.ts`
    }))
  )

const main = () => {
  const files = sampleSources(root)
  const samples = collectSamples(root)
  rmSync(scratch, { recursive: true, force: true })
  mkdirSync(scratch, { recursive: true })
  for (const s of samples) writeFileSync(join(scratch, s.file), `${s.code}\n\nexport {}\n`)
  writeFileSync(
    join(scratch, "tsconfig.json"),
    JSON.stringify(
      {
        extends: "../../tsconfig.json",
        compilerOptions: {
          composite: false,
          declaration: false,
          declarationMap: false,
          emitDeclarationOnly: false,
          incremental: false,
          noEmit: true,
          rootDir: "../../..",
          noUnusedLocals: false
        },
        include: ["*.ts"]
      },
      null,
      2
    )
  )
  const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc")
  const result = spawnSync(
    process.execPath,
    [tsc, "-p", join(scratch, "tsconfig.json"), "--pretty", "false"],
    {
      encoding: "utf8"
    }
  )
  const byFile = new Map(samples.map((s) => [s.file, s]))
  const output = `${result.stdout}${result.stderr}`
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => {
      const m = /^(.*?)\((\d+),(\d+)\): (.*)$/u.exec(l)
      const sample = m === null ? undefined : byFile.get(basename(m[1] ?? ""))
      return m === null || sample === undefined
        ? l
        : `${sample.doc}:${sample.line + Number(m[2]) - 1}:${m[3]}: ${m[4]}`
    })
  if (result.status !== 0) {
    process.stderr.write(`${output.join("\n")}\n`)
    process.stderr.write(
      `\ndocs:check: ${samples.length} samples from ${files.length} docs; the errors above are in the docs (samples kept in ${relative(root, scratch)})\n`
    )
    process.exitCode = 1
    return
  }
  rmSync(scratch, { recursive: true, force: true })
  process.stdout.write(`docs:check: ${samples.length} TypeScript samples from ${files.length} docs compile\n`)
}

if (import.meta.main) main()
