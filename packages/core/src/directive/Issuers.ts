/**
 * Reference data for document numbers: document type codes, issuer codes with their spelling
 * variants, and Party committee terms. All of it is data an app can extend (a province adds its
 * own issuers, a ministry its own type codes); {@link defaultRegistry} holds the codes of Decree
 * 30/2020/NĐ-CP and Guidance 36-HD/VPTW that the documents of QCDC and DVK use.
 *
 * **Issuer spellings.** Vietnamese offices write "Trung ương" as `TƯ` or, from typewriter and Telex
 * habits (Telex types ư as `w`), as `TW`; they write Đ as `Đ` or as a plain `D` where the font or
 * keyboard lacks it. So `BDVTW` and `BDVTƯ` (Ban Dân vận Trung ương), or `HĐND` and `HDND`, are
 * one issuer. Comparison therefore folds Ư↔W and Đ↔D ({@link fold}). It never folds a bare `U`
 * to `W`: `TU` (Tỉnh ủy, a provincial committee) and `TW` (the Central Committee) are different
 * issuers, and a U/W fold would merge them. A spelling that drops the horn altogether (`BDVTU`
 * for `BDVTƯ`) is therefore an explicit **alias** in the registry, never a rule: Party documents
 * write `BDVTW / BDVTƯ / BDVTU` for one issuer (Guidance 36-HD/VPTW usage), and the default registry
 * follows it on central documents. Provincial commissions (Ban Dân vận Tỉnh ủy) abbreviate
 * themselves `BDVTU` too, so issuers are read in the context of the document's issuer
 * ({@link inContext}): the default registry's local `BDVTU` entry wins on a unit's documents, the
 * central alias on the centre's (decision record 0029).
 *
 * **Type codes** are compared case-insensitively (`qđ` reads as `QĐ`, `QYĐ` as `QyĐ`) but never
 * with the Đ/D fold: `HD` (hướng dẫn, guidance) and `HĐ` (hợp đồng, contract), `DA` (dự án,
 * project) and `ĐA` (đề án, scheme) are different types (Decree 30/2020/NĐ-CP, Appendix III).
 *
 * @since 0.1.0
 */
import { Result, Schema } from "effect"
import * as CalendarDate from "../kernel/CalendarDate.ts"
import * as DanvanError from "../kernel/DanvanError.ts"

/**
 * A document type: its code as written, and its Vietnamese name.
 *
 * @category models
 * @since 0.1.0
 */
export interface DocumentType {
  readonly code: string
  readonly name: string
}

/**
 * An issuer: its canonical code, the other spellings that name it, and its Vietnamese name.
 *
 * @category models
 * @since 0.1.0
 */
export interface IssuerSpec {
  readonly code: string
  readonly aliases?: ReadonlyArray<string>
  readonly name?: string
  /**
   * Where the issuer sits: `central` (a body of the centre: `TW`, `CP`, `QH15`), or `local` (a body
   * of a province, district or commune: `TU`, `UBND`). A `local` entry's spellings are read only on
   * a document a unit issued ({@link inContext}), where they take precedence over a central entry
   * that claims the same spelling: `BDVTU` on a province's document is its own Ban Dân vận, on a
   * central one the Ban Dân vận Trung ương. Absent: unknown, read in either context.
   */
  readonly scope?: Scope
  /** The body an issuer code names, when it names one kind of body (`UBND` → People's Committee). */
  readonly body?: IssuingBody
}

/**
 * Where a document was issued: by a body of the centre, or by a body of a unit (province, district,
 * commune). Issuer codes are read in that context ({@link inContext}).
 *
 * @category models
 * @since 0.1.0
 */
export type Scope = "central" | "local"

/**
 * The kinds of body that issue directives: `partyCommittee` (cấp ủy: Ban Chấp hành Trung ương,
 * Tỉnh ủy, Huyện ủy, Đảng ủy), `partyOffice` (Văn phòng cấp ủy), `massMobilisationCommission` (Ban
 * Dân vận), `nationalAssembly` (Quốc hội and its Standing Committee), `government` (Chính phủ, Thủ
 * tướng), `peoplesCouncil` (HĐND), `peoplesCommittee` (UBND), `fatherlandFront` (MTTQ),
 * `steeringCommittee` (Ban chỉ đạo, such as a QCDC steering committee), `agency` (a ministry,
 * department or other agency).
 *
 * @category schemas
 * @since 0.1.0
 */
export const IssuingBody = Schema.Literals([
  "partyCommittee",
  "partyOffice",
  "massMobilisationCommission",
  "nationalAssembly",
  "government",
  "peoplesCouncil",
  "peoplesCommittee",
  "fatherlandFront",
  "steeringCommittee",
  "agency"
])
/**
 * @category models
 * @since 0.1.0
 */
export type IssuingBody = typeof IssuingBody.Type

/**
 * Party committee terms (nhiệm kỳ) of particular issuers: the dates each term of that issuer began
 * (the day after its congress closed). Party numbering restarts at 01 per document type and per
 * term (Guidance 36-HD/VPTW of 03/4/2018), so a number's uniqueness scope is its term.
 *
 * @category models
 * @since 0.1.0
 */
export interface PartyTermSpec {
  readonly issuer: string
  readonly termStarts: ReadonlyArray<CalendarDate.CalendarDate>
}

/**
 * Everything a registry is built from: plain data an app may store or load.
 *
 * @category models
 * @since 0.1.0
 */
export interface RegistrySpec {
  readonly stateTypes: ReadonlyArray<DocumentType>
  readonly partyTypes: ReadonlyArray<DocumentType>
  readonly issuers: ReadonlyArray<IssuerSpec>
  readonly partyTerms?: ReadonlyArray<PartyTermSpec>
}

const Code = Schema.String.pipe(Schema.check(Schema.isMinLength(1), Schema.isMaxLength(40)))

/**
 * The schema of {@link RegistrySpec}, to decode a registry kept as JSON.
 *
 * @category schemas
 * @since 0.1.0
 */
export const RegistrySpecSchema = Schema.Struct({
  stateTypes: Schema.Array(Schema.Struct({ code: Code, name: Schema.String })),
  partyTypes: Schema.Array(Schema.Struct({ code: Code, name: Schema.String })),
  issuers: Schema.Array(
    Schema.Struct({
      code: Code,
      aliases: Schema.optionalKey(Schema.Array(Code)),
      name: Schema.optionalKey(Schema.String),
      scope: Schema.optionalKey(Schema.Literals(["central", "local"])),
      body: Schema.optionalKey(IssuingBody)
    })
  ),
  partyTerms: Schema.optionalKey(
    Schema.Array(Schema.Struct({ issuer: Code, termStarts: Schema.Array(CalendarDate.CalendarDate) }))
  )
})

/**
 * A registry ready for look-ups. Build it with {@link make}; its maps are keyed by the folded
 * spellings described in the module comment.
 *
 * @category models
 * @since 0.1.0
 */
export interface Registry {
  readonly spec: RegistrySpec
  /** Upper-cased code → canonical state type code. */
  readonly stateTypes: ReadonlyMap<string, string>
  /** Upper-cased code → canonical Party type code. */
  readonly partyTypes: ReadonlyMap<string, string>
  /** Folded spelling ({@link fold}) → canonical issuer code, as read in this registry's context. */
  readonly issuers: ReadonlyMap<string, string>
  /** Folded spelling → canonical code of the `local` entries, read first on a unit's documents. */
  readonly localIssuers: ReadonlyMap<string, string>
  /** The context the `issuers` map reads in: `undefined` for no context (central entries win). */
  readonly context?: Scope
  /** Issuer key → term start dates, ascending. */
  readonly partyTerms: ReadonlyMap<string, ReadonlyArray<CalendarDate.CalendarDate>>
}

/**
 * Two entries of a registry spec claim the same spelling for different codes (say `TU` as an
 * alias of `TW`), so look-ups would be ambiguous.
 *
 * @category errors
 * @since 0.1.0
 */
export class RegistryConflict extends DanvanError.TaggedError<RegistryConflict>()("RegistryConflict", {
  table: Schema.Literals(["stateTypes", "partyTypes", "issuers"]),
  spelling: Schema.String,
  codes: Schema.Array(Schema.String)
}) {
  override get message(): string {
    return `the ${this.table} table gives the spelling ${JSON.stringify(this.spelling)} to more than one code (${this.codes.map((c) => JSON.stringify(c)).join(", ")}); keep one`
  }
}

/**
 * Writes a code the way documents print it: NFC, upper case (Vietnamese letters included: `ư` →
 * `Ư`, `đ` → `Đ`), no spaces, and the look-alike Eth (`Ð`, U+00D0, which some keyboards produce
 * for Đ) replaced by Đ (U+0110).
 *
 * @category conversions
 * @since 0.1.0
 */
export const upper = (code: string): string =>
  code.normalize("NFC").replace(/\s+/gu, "").toUpperCase().replace(/Ð/gu, "Đ").normalize("NFC")

/**
 * The comparison form of an issuer spelling: {@link upper}, then Ư → W and Đ → D. Only these two
 * folds, never U → W (see the module comment: `TU` ≠ `TW`).
 *
 * @category conversions
 * @since 0.1.0
 */
export const fold = (code: string): string => upper(code).replace(/Ư/gu, "W").replace(/Đ/gu, "D")

/**
 * The canonical spelling of an issuer: the registry's code when any of its spellings matches
 * (folded); otherwise the input written with {@link upper}, each `-`-separated part replaced by its
 * canonical spelling when the registry knows it (`ttg-ktth` → `TTg-KTTH`). Parts unknown to the
 * registry keep their own Ư/W and Đ/D choice, since there is nothing to say which is canonical.
 *
 * @category conversions
 * @since 0.1.0
 */
export const canonicalIssuer = (issuer: string, registry: Registry = defaultRegistry): string => {
  const u = upper(issuer)
  const whole = registry.issuers.get(fold(u))
  if (whole !== undefined) return whole
  return u
    .split("-")
    .map((part) => registry.issuers.get(fold(part)) ?? part)
    .join("-")
}

/**
 * The key two spellings of one issuer share: the folded canonical spelling. `BDVTW`, `BDVTƯ` and
 * `BDVTU` give `BDVTW`; `TW` and `TƯ` give `TW`; `TU` gives `TU`.
 *
 * @category conversions
 * @since 0.1.0
 */
export const issuerKey = (issuer: string, registry: Registry = defaultRegistry): string =>
  fold(canonicalIssuer(issuer, registry))

/**
 * The canonical state type code for a spelling, if the registry knows it.
 *
 * @category queries
 * @since 0.1.0
 */
export const stateType = (code: string, registry: Registry = defaultRegistry): string | undefined =>
  registry.stateTypes.get(upper(code))

/**
 * The canonical Party type code for a spelling, if the registry knows it.
 *
 * @category queries
 * @since 0.1.0
 */
export const partyType = (code: string, registry: Registry = defaultRegistry): string | undefined =>
  registry.partyTypes.get(upper(code))

const typeTable = (
  table: "stateTypes" | "partyTypes",
  types: ReadonlyArray<DocumentType>
): Result.Result<ReadonlyMap<string, string>, RegistryConflict> => {
  const map = new Map<string, string>()
  for (const t of types) {
    const code = t.code.normalize("NFC").trim()
    const key = upper(code)
    const seen = map.get(key)
    if (seen !== undefined && seen !== code) {
      return Result.fail(new RegistryConflict({ table, spelling: key, codes: [seen, code] }))
    }
    map.set(key, code)
  }
  return Result.succeed(map)
}

/**
 * Builds a registry, checking that no spelling names two codes. Later entries with the same code
 * merge (an app may list an issuer again to add aliases).
 *
 * @category constructors
 * @since 0.1.0
 */
export const make = (spec: RegistrySpec): Result.Result<Registry, RegistryConflict> => {
  const stateTypes = typeTable("stateTypes", spec.stateTypes)
  if (Result.isFailure(stateTypes)) return Result.fail(stateTypes.failure)
  const partyTypes = typeTable("partyTypes", spec.partyTypes)
  if (Result.isFailure(partyTypes)) return Result.fail(partyTypes.failure)
  const issuers = new Map<string, string>()
  const localIssuers = new Map<string, string>()
  const central = new Set<string>()
  for (const i of spec.issuers) {
    const code = upperKeepCase(i.code)
    const table = i.scope === "local" ? localIssuers : issuers
    for (const spelling of [i.code, ...(i.aliases ?? [])]) {
      const key = fold(spelling)
      const seen = table.get(key)
      if (seen !== undefined && seen !== code) {
        return Result.fail(new RegistryConflict({ table: "issuers", spelling: key, codes: [seen, code] }))
      }
      table.set(key, code)
      if (i.scope === "central") central.add(key)
    }
  }
  // A local code no other entry claims is read in any context (`TU` of a province has no central
  // homonym). A spelling both a central and a local entry claim depends on the document's
  // context; one a local entry and an entry of no scope claim is ambiguous in a unit's documents.
  for (const [key, code] of localIssuers) {
    const seen = issuers.get(key)
    if (seen === undefined) issuers.set(key, code)
    else if (seen !== code && !central.has(key)) {
      return Result.fail(new RegistryConflict({ table: "issuers", spelling: key, codes: [seen, code] }))
    }
  }
  const partial: Omit<Registry, "partyTerms"> & {
    partyTerms: Map<string, ReadonlyArray<CalendarDate.CalendarDate>>
  } = {
    spec,
    stateTypes: stateTypes.success,
    partyTypes: partyTypes.success,
    issuers,
    localIssuers,
    partyTerms: new Map()
  }
  for (const t of spec.partyTerms ?? []) {
    const key = issuerKey(t.issuer, partial)
    const starts = [...(partial.partyTerms.get(key) ?? []), ...t.termStarts]
    partial.partyTerms.set(key, [...new Set(starts)].sort())
  }
  return Result.succeed(partial)
}

/**
 * Issuer codes keep the case they are registered with (`TTg`, Thủ tướng Chính phủ, has a lower-case
 * g) but are NFC, without spaces, with Ð replaced by Đ.
 */
const upperKeepCase = (code: string): string =>
  code.normalize("NFC").replace(/\s+/gu, "").replace(/Ð/gu, "Đ").replace(/ð/gu, "đ").normalize("NFC")

/**
 * Adds types, issuers and terms to a registry (the app's own, after the defaults).
 *
 * @category combinators
 * @since 0.1.0
 */
export const extend = (
  registry: Registry,
  more: Partial<RegistrySpec>
): Result.Result<Registry, RegistryConflict> =>
  make({
    stateTypes: [...registry.spec.stateTypes, ...(more.stateTypes ?? [])],
    partyTypes: [...registry.spec.partyTypes, ...(more.partyTypes ?? [])],
    issuers: [...registry.spec.issuers, ...(more.issuers ?? [])],
    partyTerms: [...(registry.spec.partyTerms ?? []), ...(more.partyTerms ?? [])]
  })

/**
 * The default data: the state type codes of Decree 30/2020/NĐ-CP, Appendix III, plus `NĐ` (nghị
 * định), `TT` (thông tư) and `PL` (pháp lệnh), which normative numbers use (`60/2013/NĐ-CP`,
 * `34/2007/PL-UBTVQH11`); the Party type codes of Guidance 36-HD/VPTW; and the issuers that the
 * QCDC and DVK documents named in the docs use.
 *
 * @category constants
 * @since 0.1.0
 */
export const defaultSpec: RegistrySpec = {
  stateTypes: [
    { code: "NQ", name: "Nghị quyết" },
    { code: "NĐ", name: "Nghị định" },
    { code: "TT", name: "Thông tư" },
    { code: "PL", name: "Pháp lệnh" },
    { code: "QĐ", name: "Quyết định" },
    { code: "CT", name: "Chỉ thị" },
    { code: "QC", name: "Quy chế" },
    { code: "QyĐ", name: "Quy định" },
    { code: "TC", name: "Thông cáo" },
    { code: "TB", name: "Thông báo" },
    { code: "HD", name: "Hướng dẫn" },
    { code: "CTr", name: "Chương trình" },
    { code: "KH", name: "Kế hoạch" },
    { code: "PA", name: "Phương án" },
    { code: "ĐA", name: "Đề án" },
    { code: "DA", name: "Dự án" },
    { code: "BC", name: "Báo cáo" },
    { code: "BB", name: "Biên bản" },
    { code: "TTr", name: "Tờ trình" },
    { code: "HĐ", name: "Hợp đồng" },
    { code: "CĐ", name: "Công điện" },
    { code: "BGN", name: "Bản ghi nhớ" },
    { code: "BTT", name: "Bản thỏa thuận" },
    { code: "GUQ", name: "Giấy ủy quyền" },
    { code: "GM", name: "Giấy mời" },
    { code: "GGT", name: "Giấy giới thiệu" },
    { code: "GNP", name: "Giấy nghỉ phép" },
    { code: "PG", name: "Phiếu gửi" },
    { code: "PC", name: "Phiếu chuyển" },
    { code: "PB", name: "Phiếu báo" }
  ],
  partyTypes: [
    { code: "NQ", name: "Nghị quyết" },
    { code: "CT", name: "Chỉ thị" },
    { code: "KL", name: "Kết luận" },
    { code: "QĐ", name: "Quyết định" },
    { code: "HD", name: "Hướng dẫn" },
    { code: "KH", name: "Kế hoạch" },
    { code: "BC", name: "Báo cáo" },
    { code: "TB", name: "Thông báo" },
    { code: "CV", name: "Công văn" }
  ],
  issuers: [
    {
      code: "TW",
      aliases: ["TƯ"],
      name: "Ban Chấp hành Trung ương Đảng",
      scope: "central",
      body: "partyCommittee"
    },
    {
      code: "VPTW",
      aliases: ["VPTƯ"],
      name: "Văn phòng Trung ương Đảng",
      scope: "central",
      body: "partyOffice"
    },
    {
      code: "BDVTƯ",
      aliases: ["BDVTW", "BDVTU"],
      name: "Ban Dân vận Trung ương",
      scope: "central",
      body: "massMobilisationCommission"
    },
    { code: "BDVTU", name: "Ban Dân vận Tỉnh ủy", scope: "local", body: "massMobilisationCommission" },
    { code: "TU", name: "Tỉnh ủy", scope: "local", body: "partyCommittee" },
    { code: "HU", name: "Huyện ủy", scope: "local", body: "partyCommittee" },
    { code: "ĐU", name: "Đảng ủy", scope: "local", body: "partyCommittee" },
    { code: "CP", name: "Chính phủ", scope: "central", body: "government" },
    { code: "TTg", name: "Thủ tướng Chính phủ", scope: "central", body: "government" },
    { code: "UBND", name: "Ủy ban nhân dân", scope: "local", body: "peoplesCommittee" },
    { code: "HĐND", name: "Hội đồng nhân dân", scope: "local", body: "peoplesCouncil" },
    {
      code: "UBTVQH11",
      name: "Ủy ban Thường vụ Quốc hội khóa XI",
      scope: "central",
      body: "nationalAssembly"
    },
    { code: "QH13", name: "Quốc hội khóa XIII", scope: "central", body: "nationalAssembly" },
    { code: "QH14", name: "Quốc hội khóa XIV", scope: "central", body: "nationalAssembly" },
    { code: "QH15", name: "Quốc hội khóa XV", scope: "central", body: "nationalAssembly" }
  ]
}

const unsafeMake = (spec: RegistrySpec): Registry => {
  const r = make(spec)
  if (Result.isFailure(r)) throw new Error(r.failure.message)
  return r.success
}

/**
 * The registry built from {@link defaultSpec}.
 *
 * @category constants
 * @since 0.1.0
 */
export const defaultRegistry: Registry = unsafeMake(defaultSpec)

/**
 * The registry as read on a document issued in `context`: on a unit's document (`local`) the
 * spellings of `local` entries come first, so `BDVTU` is the unit's own Ban Dân vận; on a central
 * document (`central`) only the other entries are read, so `BDVTU` is the Ban Dân vận Trung ương.
 * Every function that takes a registry reads in the context of the registry it is given.
 *
 * @category combinators
 * @since 0.1.0
 */
export const inContext = (registry: Registry, context: Scope): Registry => {
  if (registry.context === context) return registry
  const cache = contextCache.get(registry) ?? new Map<Scope, Registry>()
  contextCache.set(registry, cache)
  const hit = cache.get(context)
  if (hit !== undefined) return hit
  const issuers = new Map<string, string>()
  if (context === "local") {
    for (const [key, code] of registry.issuers) issuers.set(key, code)
    for (const [key, code] of registry.localIssuers) issuers.set(key, code)
  } else {
    const local = new Set(registry.localIssuers.values())
    for (const [key, code] of registry.issuers) if (!local.has(code)) issuers.set(key, code)
    for (const [key, code] of registry.localIssuers) if (!issuers.has(key)) issuers.set(key, code)
  }
  const scoped: Registry = { ...registry, issuers, context }
  cache.set(context, scoped)
  return scoped
}

const contextCache = new WeakMap<Registry, Map<Scope, Registry>>()

/**
 * The registry's entry for an issuer code as read in the registry's context, if it has one.
 *
 * @category queries
 * @since 0.1.0
 */
export const specOf = (issuer: string, registry: Registry = defaultRegistry): IssuerSpec | undefined => {
  const code = canonicalIssuer(issuer, registry)
  const local = registry.context === "local" && [...registry.localIssuers.values()].includes(code)
  let found: IssuerSpec | undefined
  for (const spec of registry.spec.issuers) {
    if (upperKeepCase(spec.code) !== code) continue
    if (registry.context === "central" && spec.scope === "local") continue
    if (local && spec.scope !== "local") continue
    found = found === undefined ? spec : { ...found, ...spec }
  }
  return found
}

const centralSuffix = /TW$/u

/**
 * Whether an issuer is a central Party body: its key ends in `TW` (`TW`, `VPTW`, `BDVTW`, …), as
 * central bodies' codes end in "Trung ương".
 *
 * @category predicates
 * @since 0.1.0
 */
export const isCentral = (issuer: string, registry: Registry = defaultRegistry): boolean =>
  centralSuffix.test(issuerKey(issuer, registry))

/**
 * The start of the Party committee term that a document of `issuer` issued on `date` belongs to.
 *
 * Where the registry lists the issuer's term starts (`partyTerms`), the term is the latest listed
 * start on or before the date. Otherwise, and for dates before the first listed start, a default
 * computed from the record alone applies. **The default boundaries are unconfirmed
 * approximations**, chosen so a boundary falls shortly after the congress that opens a term (a
 * boundary before the congress would put the old term's highest numbers in the new term, where
 * they are bound to be reused):
 * - central issuers ({@link isCentral}): terms start on 1 February of every year ≡ 1 (mod 5)
 *   (2016-02-01, 2021-02-01, 2026-02-01), just after the national congresses held in late January;
 * - every other issuer: terms start on 1 November of every year ≡ 0 (mod 5) (2015-11-01,
 *   2020-11-01, 2025-11-01), after the provincial congresses, which close the local congress
 *   season. District and grassroots committees meet earlier in the year: configure their terms.
 *
 * @category queries
 * @since 0.1.0
 */
export const partyTermStart = (
  issuer: string,
  date: CalendarDate.CalendarDate,
  registry: Registry = defaultRegistry
): CalendarDate.CalendarDate => {
  const starts = registry.partyTerms.get(issuerKey(issuer, registry)) ?? []
  let listed: CalendarDate.CalendarDate | undefined
  for (const s of starts) if (s <= date) listed = s
  if (listed !== undefined) return listed
  const central = isCentral(issuer, registry)
  const { year } = CalendarDate.parts(date)
  const [month, remainder] = central ? [2, 1] : [11, 0]
  let y = year - ((((year - remainder) % 5) + 5) % 5)
  if (y < 1 || CalendarDate.make(y, month, 1) > date) y -= 5
  return y < 1 ? CalendarDate.make(1, 1, 1) : CalendarDate.make(y, month, 1)
}
