/**
 * The commands of `danvan`, on effect's command-line modules (`effect/cli`): `init`, `migrate`,
 * `import units`, `export` and `check`. Each runs the library's use cases and adapters; this
 * module only reads flags, prints in plain words, and ends with an exit code (`ExitCode`).
 *
 * @since 0.1.0
 */
import { createReadStream, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs"
import { dirname, join, resolve } from "node:path"
import {
  CalendarDate,
  type Actor as CoreActor,
  Ids,
  Page,
  Period,
  Policy,
  type Programme,
  ReferenceData,
  SixMonthReport,
  type Store,
  type StoreError,
  UnitImport,
  UnitRepository,
  Units
} from "@danvan/core"
import { CsvTables, Text, WordDocument, Workbook } from "@danvan/office"
import { StoreJson } from "@danvan/store-json"
import { Console, Effect, Layer, Option, Result, Schema, Stream } from "effect"
import { Command, Flag } from "effect/cli"
import * as Actor from "./Actor.ts"
import * as Check from "./Check.ts"
import * as ExitCode from "./ExitCode.ts"
import * as Location from "./Location.ts"

// ---------------------------------------------------------------------------------------------
// failing in plain words
// ---------------------------------------------------------------------------------------------

/** Prints `message` on stderr and ends the command with `code`. */
const failWith = (code: number, message: string) =>
  Effect.flatMap(Console.error(`danvan: ${message}`), () =>
    Effect.fail(new ExitCode.CliFailure({ code, message }))
  )

/** Bad usage or input: exit 2. */
const usage = (message: string) => failWith(ExitCode.usage, message)

const messageOf = (error: unknown): string =>
  error instanceof Error ? error.message : typeof error === "string" ? error : JSON.stringify(error)

/**
 * Ends a command's failures the same way: a typed error of the library is printed as its message
 * (never a stack), with the exit code of its kind (`ExitCode.ofError`); a defect is an internal
 * error (exit 70), printed with its stack only when `DANVAN_DEBUG` is set.
 */
const plainly = <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<A, ExitCode.CliFailure, R> =>
  effect.pipe(
    Effect.catch((error: E) =>
      error instanceof ExitCode.CliFailure
        ? Effect.fail(error)
        : typeof error === "object" && error !== null && "_tag" in error
          ? failWith(ExitCode.ofError(error as { readonly _tag: string }), messageOf(error))
          : failWith(ExitCode.internal, `internal error: ${messageOf(error)}`)
    ),
    Effect.catchDefect((defect) =>
      Effect.flatMap(process.env.DANVAN_DEBUG === undefined ? Effect.void : Console.error(defect), () =>
        failWith(ExitCode.internal, `internal error: ${messageOf(defect)}`)
      )
    )
  )

const fromResult = <A>(result: Result.Result<A, string>) =>
  Result.isSuccess(result) ? Effect.succeed(result.success) : usage(result.failure)

/** A flag's value decoded with the library's schema (in NFC); what the schema says is wrong is the message. */
const decodeFlag = <S extends Schema.Top & { readonly DecodingServices: never }>(
  schema: S,
  flag: string,
  value: string
): Effect.Effect<S["Type"], ExitCode.CliFailure> =>
  Schema.decodeUnknownEffect(schema)(value.normalize("NFC")).pipe(
    Effect.catch((error) =>
      usage(`--${flag} ${JSON.stringify(value)}: ${error.message.split("\n").join(" ")}`)
    )
  ) as Effect.Effect<S["Type"], ExitCode.CliFailure>

/** Today in Vietnam (UTC+7), the day the library judges dates on. */
const todayInVietnam = (): string =>
  new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Ho_Chi_Minh" }).format(new Date())

// ---------------------------------------------------------------------------------------------
// the store and the actor
// ---------------------------------------------------------------------------------------------

const storeFlags = {
  store: Flag.String("store").pipe(
    Flag.withDescription("the store: sqlite:<file>, postgres://user@host:port/database or json:<directory>"),
    Flag.withMetavar("location")
  ),
  schema: Flag.String("schema").pipe(
    Flag.withDescription(
      "with postgres://…: the PostgreSQL schema the store lives in (default: the server's)"
    ),
    Flag.optional
  )
}

const locationOf = (flags: { readonly store: string; readonly schema: Option.Option<string> }) =>
  fromResult(Location.parse(flags.store, flags.schema))

/** The location must hold a danvan store (whose schema or format may be behind). */
const existingStore = (location: Location.Location) =>
  Effect.flatMap(Location.inspect(location), (found) =>
    found._tag === "Store"
      ? Effect.void
      : found._tag === "Nothing"
        ? failWith(
            ExitCode.internal,
            `there is no danvan store at ${Location.describe(location)}: create one with danvan init --store …`
          )
        : usage(`${Location.describe(location)} is not a danvan store: it is ${found.what}`)
  )

/** Runs a use-case program against the store, under the command line's policy. */
const withStore = <A, E, R>(
  location: Location.Location,
  program: Effect.Effect<A, E, R>,
  options: { readonly migrate: boolean; readonly readOnly?: boolean } = { migrate: false }
) =>
  Effect.provide(
    program,
    Layer.mergeAll(Location.layer(location, options), Policy.layer(Actor.policy))
  ) as Effect.Effect<A, E | StoreError.StoreFailure, Exclude<R, Store.Store>>

const actorOf = (flags: { readonly as: Option.Option<string>; readonly role: Option.Option<string> }) => {
  const actor = Actor.fromFlags(flags)
  return typeof actor === "string" ? usage(actor) : Effect.succeed(actor)
}

const versionText = (v: Location.Version) =>
  `${v.kind} ${v.current}; this version of danvan writes ${v.latest}`

// ---------------------------------------------------------------------------------------------
// init
// ---------------------------------------------------------------------------------------------

const init = Command.make("init", storeFlags, (flags) =>
  plainly(
    Effect.gen(function* () {
      const location = yield* locationOf(flags)
      const where = Location.describe(location)
      const found = yield* Location.inspect(location)
      if (found._tag === "Other")
        return yield* usage(
          `refusing to create a store at ${where}: it is ${found.what}, not a danvan store. Name a new file, an empty database or schema, or an empty directory.`
        )
      if (found._tag === "Store") {
        const v = yield* Location.version(location)
        yield* Console.log(
          v.current === v.latest
            ? `${where} is already a danvan store (${versionText(v)}); nothing to do`
            : `${where} is already a danvan store (${versionText(v)}); bring it up to date with danvan migrate`
        )
        return
      }
      // A new store: the SQL layers create the database and apply every migration; a JSON store
      // writes its first snapshot.
      yield* Effect.scoped(
        Effect.gen(function* () {
          const context = yield* Layer.build(Location.layer(location, { migrate: true }))
          if (location._tag === "Json") {
            const maintenance = yield* Effect.serviceOption(StoreJson.Maintenance).pipe(
              Effect.provide(context)
            )
            if (Option.isSome(maintenance)) yield* maintenance.value.compact
          }
        })
      )
      const v = yield* Location.version(location)
      yield* Console.log(`created a danvan store at ${where} (${v.kind} ${v.current})`)
    })
  )
).pipe(
  Command.withDescription(
    "Create a store (every migration applied). Safe to run again; refuses a file, database or directory that holds something else."
  )
)

// ---------------------------------------------------------------------------------------------
// migrate
// ---------------------------------------------------------------------------------------------

const migrate = Command.make("migrate", storeFlags, (flags) =>
  plainly(
    Effect.gen(function* () {
      const location = yield* locationOf(flags)
      yield* existingStore(location)
      const before = yield* Location.version(location)
      if (before.current > before.latest)
        return yield* failWith(
          ExitCode.internal,
          `${Location.describe(location)} is at ${before.kind} ${before.current}, newer than the ${before.latest} this version of danvan knows: upgrade @danvan/cli (nothing was changed)`
        )
      if (before.current === before.latest) {
        yield* Console.log(
          `${before.kind} ${before.current} → ${before.latest}: already current, nothing to do`
        )
        return
      }
      yield* Location.migrate(location)
      const after = yield* Location.version(location)
      yield* Console.log(`${after.kind} ${before.current} → ${after.current}`)
    })
  )
).pipe(
  Command.withDescription(
    "Bring a store to the schema (SQL) or format (JSON) this version writes; prints from → to."
  )
)

// ---------------------------------------------------------------------------------------------
// import units
// ---------------------------------------------------------------------------------------------

const progress = (text: string) => Console.error(text)

/** A file's bytes in chunks, reporting on stderr every tenth of the file read. */
async function* chunksWithProgress(path: string, size: number, report: (line: string) => void) {
  let read = 0
  let nextReport = size / 10
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    read += (chunk as Uint8Array).length
    if (read >= nextReport && read < size) {
      report(`read ${read.toLocaleString("en")} of ${size.toLocaleString("en")} bytes`)
      nextReport += size / 10
    }
    yield chunk as Uint8Array
  }
  report(`read ${read.toLocaleString("en")} bytes`)
}

const importUnits = Command.make(
  "units",
  {
    ...storeFlags,
    ...Actor.flags,
    dataset: Flag.File("dataset", { mustExist: true }).pipe(
      Flag.withDescription(
        "the public dataset (vietnamese-provinces-database JSON: provinces with District or Wards)"
      ),
      Flag.optional
    ),
    csv: Flag.File("csv", { mustExist: true }).pipe(
      Flag.withDescription("the statistics office's CSV export (danh mục hành chính)"),
      Flag.optional
    ),
    delimiter: Flag.String("delimiter").pipe(
      Flag.withDescription("the CSV field separator: , (default) or ; (a spreadsheet saved in Vietnamese)"),
      Flag.optional
    ),
    asOf: Flag.String("as-of").pipe(
      Flag.withDescription(
        "the first day the imported units are valid, YYYY-MM-DD (default: today in Vietnam)"
      ),
      Flag.optional
    ),
    until: Flag.String("until").pipe(
      Flag.withDescription("the day they stop being valid (exclusive), YYYY-MM-DD; absent for current units"),
      Flag.optional
    )
  },
  (flags) =>
    plainly(
      Effect.gen(function* () {
        const location = yield* locationOf(flags)
        const actor = yield* actorOf(flags)
        if (Option.isSome(flags.dataset) === Option.isSome(flags.csv))
          return yield* usage("name one file to import: --dataset <file.json> or --csv <file.csv>")
        if (Option.isSome(flags.delimiter) && Option.isNone(flags.csv))
          return yield* usage("--delimiter goes with --csv")
        const validFrom = yield* decodeFlag(
          CalendarDate.CalendarDate,
          "as-of",
          Option.getOrElse(flags.asOf, todayInVietnam)
        )
        const validUntil = Option.isSome(flags.until)
          ? yield* decodeFlag(CalendarDate.CalendarDate, "until", flags.until.value)
          : undefined
        yield* existingStore(location)
        const summary = yield* withStore(
          location,
          Effect.gen(function* () {
            const repository = yield* UnitRepository
            const existing = yield* Stream.runCollect(
              Page.stream((page) => repository.list({}, page), Page.maxLimit)
            )
            yield* progress(`the store holds ${existing.length} units`)
            const options = {
              validFrom,
              ...(validUntil === undefined ? {} : { validUntil }),
              existing
            }
            const built = Option.isSome(flags.dataset)
              ? yield* Effect.gen(function* () {
                  const path = flags.dataset.pipe(Option.getOrThrow)
                  const text = readFileSync(path, "utf8")
                  yield* progress(`read ${Buffer.byteLength(text).toLocaleString("en")} bytes from ${path}`)
                  return yield* Effect.fromResult(UnitImport.fromDatasetJson(text, options))
                })
              : yield* Effect.gen(function* () {
                  const path = flags.csv.pipe(Option.getOrThrow)
                  const size = statSync(path).size
                  // Progress is written as the file is read, not after: the import is one pass.
                  const result = yield* UnitImport.fromStatisticsCsvChunks(
                    chunksWithProgress(path, size, (line) => process.stderr.write(`${line}\n`)),
                    {
                      ...options,
                      ...(Option.isSome(flags.delimiter) ? { delimiter: flags.delimiter.value } : {})
                    }
                  )
                  return result
                })
            yield* progress(
              `built ${built.imported.length} units: ${built.added.length} new, ${built.changed.length} changed, ${built.unchanged.length} unchanged, ${built.rejected.length} rejected`
            )
            for (const r of built.rejected) yield* progress(`rejected ${r.record}: ${r.reason}`)
            for (const c of built.changed)
              yield* progress(
                `not changed: unit ${c.before.id} differs in ${c.fields.join(", ")} (a stored unit changes by a succession: merge, split, rename or transfer)`
              )
            if (built.added.length > 0) {
              yield* progress(`storing ${built.added.length} units…`)
              yield* Units.importUnits(actor, { units: built.added, successions: [] })
            }
            return built
          })
        )
        yield* Console.log(
          `added ${summary.added.length}, changed ${summary.changed.length} (not applied), unchanged ${summary.unchanged.length}, rejected ${summary.rejected.length}`
        )
      })
    )
).pipe(
  Command.withDescription(
    "Import administrative units from the public dataset (JSON) or the statistics office's CSV, through the library's import and its importUnits use case (all or nothing)."
  )
)

const importCommand = Command.make("import").pipe(
  Command.withDescription("Import records into a store."),
  Command.withSubcommands([importUnits])
)

// ---------------------------------------------------------------------------------------------
// export
// ---------------------------------------------------------------------------------------------

const LetterheadFile = Schema.Struct({
  parentBody: Schema.optionalKey(Schema.String),
  body: Schema.String,
  number: Schema.String,
  place: Schema.String,
  date: Schema.optionalKey(CalendarDate.CalendarDate),
  signer: Schema.Struct({
    capacity: Schema.optionalKey(Schema.String),
    authority: Schema.optionalKey(Schema.String),
    title: Schema.String,
    name: Schema.String
  }),
  recipients: Schema.Array(Schema.String),
  archive: Schema.optionalKey(Schema.String)
})

/** Writes a file whole or not at all: to a temporary name, then renamed into place. */
const writeAtomically = (path: string, data: string | Uint8Array) =>
  Effect.try({
    try: () => {
      mkdirSync(dirname(resolve(path)), { recursive: true })
      const temporary = `${path}.${process.pid}.tmp`
      writeFileSync(temporary, data)
      renameSync(temporary, path)
    },
    catch: (cause) =>
      new ExitCode.CliFailure({
        code: ExitCode.internal,
        message: `cannot write ${path}: ${messageOf(cause)}`
      })
  }).pipe(Effect.tapError((e) => Console.error(`danvan: ${e.message}`)))

const exportCommand = Command.make(
  "export",
  {
    ...storeFlags,
    ...Actor.flags,
    period: Flag.String("period").pipe(
      Flag.withDescription("the period: 2017S1 (first half of 2017), 2017Y, 2017Q2…")
    ),
    unit: Flag.String("unit").pipe(Flag.withDescription("the reporting unit's id (a province, say)")),
    format: Flag.Literals("format", ["xlsx", "docx", "csv", "md"]).pipe(
      Flag.withDescription(
        "xlsx (one sheet per table), docx (the report under its letterhead), csv (one file per table, in --out as a directory) or md"
      )
    ),
    out: Flag.String("out").pipe(Flag.withDescription("the file to write (a directory for csv)")),
    regime: Flag.String("regime").pipe(
      Flag.withDescription(
        "the reporting regime whose deadlines judge completeness (default: the store's only regime)"
      ),
      Flag.optional
    ),
    programme: Flag.Literals("programme", ["DVK", "QCDC"]).pipe(
      Flag.withDescription("the programme of the figures (default DVK)"),
      Flag.optional
    ),
    date: Flag.String("date").pipe(
      Flag.withDescription("the report date, YYYY-MM-DD (default: today in Vietnam)"),
      Flag.optional
    ),
    letterhead: Flag.File("letterhead", { mustExist: true }).pipe(
      Flag.withDescription("docx: a JSON file with the letterhead (body, number, place, signer, recipients)"),
      Flag.optional
    )
  },
  (flags) =>
    plainly(
      Effect.gen(function* () {
        const location = yield* locationOf(flags)
        const actor = yield* actorOf(flags)
        const periodId = yield* decodeFlag(Period.PeriodId, "period", flags.period)
        const rootId = yield* decodeFlag(Ids.UnitId, "unit", flags.unit)
        const reportDate = yield* decodeFlag(
          CalendarDate.CalendarDate,
          "date",
          Option.getOrElse(flags.date, todayInVietnam)
        )
        const letterhead = Option.isSome(flags.letterhead)
          ? yield* Effect.try({
              try: () =>
                JSON.parse(
                  readFileSync(flags.letterhead.pipe(Option.getOrThrow), "utf8"),
                  // Vietnamese text is kept in NFC, whatever the editor saved.
                  (_key, value: unknown) => (typeof value === "string" ? value.normalize("NFC") : value)
                ) as unknown,
              catch: (cause) => `--letterhead: the file is not JSON: ${messageOf(cause)}`
            }).pipe(
              Effect.flatMap((json) =>
                Effect.mapError(
                  Schema.decodeUnknownEffect(LetterheadFile)(json),
                  (issue) => `--letterhead: ${issue.message}`
                )
              ),
              Effect.catch((message: string) => usage(message))
            )
          : undefined
        if (letterhead !== undefined && flags.format !== "docx")
          return yield* usage("--letterhead goes with --format docx")
        yield* existingStore(location)
        const report = yield* withStore(
          location,
          Effect.gen(function* () {
            const reference = yield* ReferenceData
            const regimeId = Option.isSome(flags.regime)
              ? yield* decodeFlag(Ids.RegimeId, "regime", flags.regime.value)
              : yield* Effect.flatMap(reference.regimes, (regimes) =>
                  regimes.length === 1
                    ? Effect.succeed(regimes[0]!.id)
                    : usage(
                        regimes.length === 0
                          ? "the store has no reporting regime: an administrator stores one first (Configuration.putRegime)"
                          : `name the reporting regime with --regime: the store has ${regimes.map((r) => r.id).join(", ")}`
                      )
                )
            return yield* SixMonthReport.read(actor as CoreActor.ActorInput, {
              rootId,
              periodId,
              regimeId,
              reportDate,
              ...(Option.isSome(flags.programme)
                ? { programme: flags.programme.value as Programme.Programme }
                : {})
            })
          })
        )
        const out = flags.out
        switch (flags.format) {
          case "xlsx":
            yield* writeAtomically(out, yield* Workbook.sixMonthReport(report))
            break
          case "docx":
            yield* writeAtomically(
              out,
              yield* WordDocument.sixMonthReport(
                report,
                letterhead ?? {
                  // A draft's letterhead: the unit's name; the number and the signer are left to fill in.
                  body: report.unitName.toLocaleUpperCase("vi"),
                  number: "……/BC",
                  place: report.unitName,
                  signer: { title: "……", name: "……" },
                  recipients: []
                }
              )
            )
            break
          case "md":
            yield* writeAtomically(out, Text.markdown(SixMonthReport.document(report)))
            break
          case "csv": {
            const files = CsvTables.files(SixMonthReport.tables(report))
            for (const [name, text] of Object.entries(files)) yield* writeAtomically(join(out, name), text)
            yield* Console.log(
              `wrote ${Object.keys(files).length} CSV files to ${out}: ${Object.keys(files).join(", ")}`
            )
            return
          }
        }
        yield* Console.log(`wrote ${out}`)
      })
    )
).pipe(
  Command.withDescription(
    "Export a period's consolidation and six-month report of a unit (read through the library's use cases, as the actor) as Excel, Word, CSV or Markdown."
  )
)

// ---------------------------------------------------------------------------------------------
// check
// ---------------------------------------------------------------------------------------------

const check = Command.make("check", storeFlags, (flags) =>
  plainly(
    Effect.gen(function* () {
      const location = yield* locationOf(flags)
      const where = Location.describe(location)
      const problems: Array<Check.Problem> = []
      const found = yield* Location.inspect(location)
      let records: Check.Records | undefined
      if (found._tag === "Nothing") problems.push({ where, problem: "there is no danvan store here" })
      else if (found._tag === "Other")
        problems.push({ where, problem: `not a danvan store: it is ${found.what}` })
      else {
        const v = yield* Location.version(location).pipe(
          Effect.catchTag("StoreCorrupt", (e) => {
            problems.push({ where: e.location, problem: e.reason })
            return Effect.succeed(undefined)
          })
        )
        if (v !== undefined && v.current !== v.latest)
          problems.push({
            where,
            problem:
              v.current < v.latest
                ? `the store is at ${v.kind} ${v.current}, behind the current ${v.latest}: run danvan migrate`
                : `the store is at ${v.kind} ${v.current}, newer than the ${v.latest} this version of danvan knows`
          })
        // A SQL store opens only at the current schema; a JSON store opens read-only, whatever its
        // format version, and is checked as it loads.
        if (v !== undefined && (v.current === v.latest || location._tag === "Json")) {
          const read = yield* withStore(location, Check.readAll, { migrate: false, readOnly: true }).pipe(
            Effect.catchTag("StoreCorrupt", (e) => {
              problems.push({ where: e.location, problem: e.reason })
              return Effect.succeed(undefined)
            })
          )
          if (read?._tag === "Damaged")
            for (const e of read.damaged) problems.push({ where: e.location, problem: e.reason })
          // The contract is checked once every record reads: with a kind missing, every reference
          // to it would look broken.
          if (read?._tag === "Read") {
            records = read.records
            problems.push(...Check.contractProblems(records))
          }
        }
      }
      if (problems.length > 0) {
        for (const p of problems) yield* Console.log(`${p.where}: ${p.problem}`)
        return yield* failWith(
          ExitCode.problems,
          `${where}: ${problems.length} problem${problems.length === 1 ? "" : "s"} found`
        )
      }
      const counted = records === undefined ? [] : Check.counts(records).filter(([, n]) => n > 0)
      yield* Console.log(
        `${where}: no problems found${counted.length === 0 ? " (the store is empty)" : ` in ${counted.reduce((a, [, n]) => a + n, 0)} records (${counted.map(([e, n]) => `${e} ${n}`).join(", ")})`}`
      )
    })
  )
).pipe(
  Command.withDescription(
    "Check a store: every record decodes, the storage contract holds (references, unique values), the schema or format is current. Exit 1 with the list of problems."
  )
)

// ---------------------------------------------------------------------------------------------
// the command
// ---------------------------------------------------------------------------------------------

/**
 * The `danvan` command and its subcommands.
 *
 * @category commands
 * @since 0.1.0
 */
export const danvan = Command.make("danvan").pipe(
  Command.withDescription(
    'danvan: stores, units and reports for công tác dân vận (QCDC and the "Dân vận khéo" movement). Exit codes: 0 ok, 1 problems found, 2 usage or invalid input, 70 internal error or store unavailable, 130 interrupted.'
  ),
  Command.withSubcommands([init, migrate, importCommand, exportCommand, check])
)
