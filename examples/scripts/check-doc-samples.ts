/**
 * The docs check (`pnpm docs:check`): every TypeScript sample a user reads compiles, and every export
 * of the domain modules carries a `@category`, so the API reference is grouped.
 *
 * - **Samples.** Each ```ts block of `docs/*.md` and of the READMEs (the repository's and each
 *   package's), and each ```ts block in a doc comment of a package's sources (the `@example` of an
 *   entry point, a module's sample), is written as a module into a scratch folder inside
 *   `examples/` (ignored by git) and type-checked with the examples' compiler settings against the
 *   workspace's sources. An error is reported at its line in the Markdown or source file. The
 *   consumer check (`.ci/consumer/check.ts`) compiles and runs the Markdown samples against the
 *   packed packages.
 * - **Categories.** Every exported declaration of the modules in {@link categorised} has a
 *   `@category` tag from {@link categories} (Effect's names: models, constructors, errors, …), and
 *   a `@since` tag; a missing or unknown one is reported at its line.
 *
 * A sample is a whole module: it imports what it uses. Samples that need top-level `await` have it
 * (every sample is an ES module).
 */
import { spawnSync } from "node:child_process"
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs"
import { createRequire } from "node:module"
import { basename, join, relative } from "node:path"
import { fileURLToPath } from "node:url"
import ts from "typescript"

const examples = fileURLToPath(new URL("..", import.meta.url))
const root = join(examples, "..")
const scratch = join(examples, "output", ".doc-samples")

/** A sample: where it comes from and its code. */
interface Sample {
  /** The Markdown or source file, relative to the repository's root. */
  readonly doc: string
  /** The 1-based line of that file where the code starts (after the fence). */
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

/** The `.ts` files under a folder, recursively, in a stable order. */
const sourcesUnder = (folder: string): ReadonlyArray<string> =>
  readdirSync(folder)
    .sort()
    .flatMap((name) => {
      const path = join(folder, name)
      if (statSync(path).isDirectory()) return sourcesUnder(path)
      return name.endsWith(".ts") && !name.endsWith(".d.ts") ? [path] : []
    })

/** The sources of the packages: what doc comments users read in their editor and the API reference. */
export const sourceFiles = (repository: string): ReadonlyArray<string> =>
  readdirSync(join(repository, "packages"))
    .sort()
    .map((p) => join(repository, "packages", p, "src"))
    .filter((dir) => existsSync(dir))
    .flatMap(sourcesUnder)
    .map((path) => relative(repository, path))

const commentFence = /^\s*\*\s?```(ts|typescript)\s*$/u
const commentFenceEnd = /^\s*\*\s?```\s*$/u

/** The ```ts blocks inside the doc comments of one source file, the leading ` * ` removed. */
export const commentSamplesOf = (doc: string, text: string): ReadonlyArray<Omit<Sample, "file">> => {
  const lines = text.split(/\r?\n/u)
  const out: Array<Omit<Sample, "file">> = []
  for (let i = 0; i < lines.length; i++) {
    const opening = lines[i] ?? ""
    if (!commentFence.test(opening)) continue
    const indent = opening.indexOf("*") + 2
    const start = i + 1
    let end = start
    while (end < lines.length && !commentFenceEnd.test(lines[end] ?? "")) end++
    const code = lines
      .slice(start, end)
      .map((l) => l.slice(indent))
      .join("\n")
    out.push({ doc, line: start + 1, code })
    i = end
  }
  return out
}

/** Every sample in a doc comment of {@link sourceFiles} (`packages-core-src-calendar-Period-1.ts`). */
export const collectCommentSamples = (repository: string): ReadonlyArray<Sample> =>
  sourceFiles(repository).flatMap((doc) =>
    commentSamplesOf(doc, readFileSync(join(repository, doc), "utf8")).map((s, n) => ({
      ...s,
      file: `${doc.replace(/\.ts$/u, "").replaceAll("/", "-")}-${n + 1}.ts`
    }))
  )

// ---------------------------------------------------------------------------------------------
// categories
// ---------------------------------------------------------------------------------------------

/**
 * The categories of the API reference, after Effect's own modules. `typedoc.json` lists them in
 * this order (`categoryOrder`).
 */
export const categories: ReadonlyArray<string> = [
  "use cases",
  "models",
  "schemas",
  "constructors",
  "rules",
  "queries",
  "combinators",
  "conversions",
  "parsing",
  "formatting",
  "rendering",
  "math",
  "guards",
  "predicates",
  "orders",
  "constants",
  "errors",
  "violations",
  "services",
  "layers",
  "config",
  "migrations",
  "commands",
  "arbitraries",
  "fixtures"
]

/**
 * The public modules of the storage adapters and of the testkit: what their entry points export.
 */
const adapterModules: ReadonlySet<string> = new Set([
  "packages/store-memory/src/StoreMemory.ts",
  "packages/store-sql/src/Migrations.ts",
  "packages/store-sql/src/StoreSql.ts",
  "packages/store-sql/src/StoreSqlite.ts",
  "packages/store-sql/src/StorePg.ts",
  "packages/store-sql/src/sqlite/SqliteClient.ts",
  "packages/store-json/src/StoreJson.ts",
  "packages/store-testkit/src/arbitraries.ts",
  "packages/store-testkit/src/conformance.ts",
  "packages/store-testkit/src/fixtures.ts",
  "packages/store-testkit/src/model/Reference.ts"
])

/**
 * The modules whose every export must carry a category: core's domain, use cases and storage
 * port, office, and the public modules of the adapters and the testkit.
 */
export const categorised = (repository: string): ReadonlyArray<string> =>
  sourceFiles(repository).filter(
    (f) =>
      ((f.startsWith("packages/core/src/") || f.startsWith("packages/office/src/")) &&
        !f.endsWith("/index.ts")) ||
      adapterModules.has(f)
  )

const isExported = (node: ts.Node): boolean =>
  ts.canHaveModifiers(node) &&
  (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword)

/** What is wrong with the tags of each exported declaration of a source file, by line. */
export const categoryProblems = (doc: string, text: string): ReadonlyArray<string> => {
  const source = ts.createSourceFile(doc, text, ts.ScriptTarget.Latest, true)
  const problems: Array<string> = []
  const functions = new Set<string>()
  for (const statement of source.statements) {
    if (!isExported(statement)) continue
    const named = ts.isVariableStatement(statement) ? statement.declarationList.declarations[0] : statement
    if (named === undefined) continue
    const name = (named as { name?: ts.Node }).name?.getText(source) ?? "(default)"
    // An overloaded function is one export: its first signature carries the tags.
    if (ts.isFunctionDeclaration(statement)) {
      if (functions.has(name)) continue
      functions.add(name)
    }
    const tags = ts.getJSDocTags(named)
    const tag = (n: string) => tags.find((t) => t.tagName.text === n)
    const text = (t: ts.JSDocTag) => (ts.getTextOfJSDocComment(t.comment) ?? "").trim()
    const line = source.getLineAndCharacterOfPosition(statement.getStart(source)).line + 1
    const category = tag("category")
    if (category === undefined) problems.push(`${doc}:${line}: ${name} has no @category`)
    else if (!categories.includes(text(category)))
      problems.push(
        `${doc}:${line}: ${name} has @category ${JSON.stringify(text(category))}, not one of ${categories.join(", ")}`
      )
    if (tag("since") === undefined) problems.push(`${doc}:${line}: ${name} has no @since`)
  }
  return problems
}

// ---------------------------------------------------------------------------------------------
// the check
// ---------------------------------------------------------------------------------------------

const main = () => {
  const files = sampleSources(root)
  const markdown = collectSamples(root)
  const comments = collectCommentSamples(root)
  const samples = [...markdown, ...comments]
  const uncategorised = categorised(root).flatMap((f) =>
    categoryProblems(f, readFileSync(join(root, f), "utf8"))
  )
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
  const what = `${markdown.length} samples from ${files.length} docs and ${comments.length} from doc comments`
  if (result.status !== 0 || uncategorised.length > 0) {
    if (result.status !== 0) {
      process.stderr.write(`${output.join("\n")}\n`)
      process.stderr.write(
        `\ndocs:check: ${what}; the errors above are in the docs (samples kept in ${relative(root, scratch)})\n`
      )
    }
    if (uncategorised.length > 0) {
      process.stderr.write(`${uncategorised.join("\n")}\n`)
      process.stderr.write(
        `\ndocs:check: ${uncategorised.length} exports above need a @category (and @since) so the API reference groups them\n`
      )
    }
    process.exitCode = 1
    return
  }
  rmSync(scratch, { recursive: true, force: true })
  process.stdout.write(
    `docs:check: ${what} compile; the ${categorised(root).length} domain modules categorise every export\n`
  )
}

if (import.meta.main) main()
