/**
 * Hostile input for the hostile-input properties (issue 14): values an app, a form or an attacker
 * can hand a use case, and ways of spoiling a valid input with them.
 *
 * Each value is a {@link Hostile}: a label to print and a `make` that builds the value afresh for
 * each call (a getter that answers differently on its second read, a revoked proxy, a cycle), so
 * a failing case prints what it was and replays the same way. The kinds:
 * - anything fast-check makes (`fc.anything` with big integers, dates, maps, sets, typed and sparse
 *   arrays, null-prototype and boxed values);
 * - awkward numbers (NaN, ±Infinity, -0, beyond 2^53), big integers, symbols, functions and
 *   classes, invalid and out-of-range dates, sparse arrays of huge length, boxed strings;
 * - prototype keys (`__proto__`, `constructor`, `prototype` as own keys, as values and as ids),
 *   inherited fields and null-prototype objects;
 * - traps: throwing getters, getters that change their answer, proxies with one or every trap
 *   throwing, revoked proxies, objects whose `toString`, `valueOf`, `toJSON` and
 *   `Symbol.toPrimitive` throw, and getters and traps that throw what cannot be shown (an object
 *   whose `toString` is not a function, a revoked proxy);
 * - strings of the right type that are not sensible text: empty, blank, NUL and other control
 *   characters, lone surrogates, direction overrides, zero-width spaces, U+FFFD, look-alike letters,
 *   decomposed letters, just over each length limit, markup, SQL, paths, impossible dates;
 * - size: strings of megabytes (letters, quotes, decomposed Vietnamese, NUL, lone surrogates),
 *   objects and arrays nested 100,000 deep, cycles.
 */
import * as fc from "fast-check"

/** A hostile value: `make` builds it, `label` names it in a failure report. */
export interface Hostile {
  readonly label: string
  readonly make: () => unknown
}

const hostile = (label: string, make: () => unknown): Hostile =>
  Object.assign({ label, make }, { [fc.toStringMethod]: () => label })

const fixed = (label: string, value: unknown): Hostile => hostile(label, () => value)

const boom = (what: string) => () => {
  throw new Error(`hostile ${what}`)
}

const revoked = () => {
  const { proxy, revoke } = Proxy.revocable({}, {})
  revoke()
  return proxy
}

/**
 * Throws what `String` cannot show and `instanceof` cannot ask about: an object whose `toString`
 * is not a function, or a revoked proxy. A library that shows or keeps what a caller's code threw
 * must not throw again on it.
 */
const unshowable = (kind: "toString" | "revoked") => () => {
  throw kind === "toString" ? { toString: "" } : revoked()
}

const trapNames = [
  "get",
  "has",
  "ownKeys",
  "getOwnPropertyDescriptor",
  "getPrototypeOf",
  "set",
  "defineProperty",
  "deleteProperty",
  "isExtensible",
  "preventExtensions"
] as const

/** `target` behind a proxy whose trap `trap` throws (every trap for `"every"`). */
export const trapped = (target: object, trap: (typeof trapNames)[number] | "every"): object =>
  new Proxy(
    target,
    Object.fromEntries(
      (trap === "every" ? trapNames : [trap]).map((name) => [name, boom(`${name} trap`)])
    ) as ProxyHandler<object>
  )

/** A copy of `target` whose property `key` throws when read. */
export const throwingGetter = (target: object, key: PropertyKey): object =>
  Object.defineProperty(Array.isArray(target) ? [...target] : { ...target }, key, {
    enumerable: true,
    configurable: true,
    get: boom(`getter of ${String(key)}`)
  })

/** A copy of `target` whose property `key` gives `first` on the first read and `later` after. */
export const fickleGetter = (target: object, key: PropertyKey, first: unknown, later: unknown): object => {
  let reads = 0
  return Object.defineProperty(Array.isArray(target) ? [...target] : { ...target }, key, {
    enumerable: true,
    configurable: true,
    get: () => (reads++ === 0 ? first : later)
  })
}

const poisoned = () => ({
  toString: boom("toString"),
  valueOf: boom("valueOf"),
  toJSON: boom("toJSON"),
  [Symbol.toPrimitive]: boom("Symbol.toPrimitive"),
  [Symbol.iterator]: boom("Symbol.iterator")
})

const nested = (depth: number, wrap: (inner: unknown) => unknown): unknown => {
  let value: unknown = "bottom"
  for (let i = 0; i < depth; i++) value = wrap(value)
  return value
}

const cyclic = () => {
  const o: Record<string, unknown> = { id: "vn-37", unitId: "vn-37" }
  o.self = o
  o.units = [o]
  o.content = o
  o.figures = o
  return o
}

const cyclicArray = () => {
  const a: Array<unknown> = []
  a.push(a, a)
  return a
}

/** Strings of megabytes, built once for the whole run. */
const mega = 1 << 20
let bigStrings: ReadonlyArray<readonly [string, string]> | undefined
const hugeStrings = () => {
  bigStrings ??= [
    ["5 M letters", "a".repeat(5 * mega)],
    ["2 M double quotes", '"'.repeat(2 * mega)],
    ["decomposed Vietnamese, 1.2 M code units", "ệ".normalize("NFD").repeat(400_000)],
    ["a Vietnamese name repeated to 1.4 M", "Nguyễn Văn An ".repeat(100_000)],
    ["1 M digits", "9".repeat(mega)],
    ["a date followed by 1 M spaces", `2025-01-01${" ".repeat(mega)}`],
    ["100 K NUL", "\u0000".repeat(100_000)],
    ["100 K lone surrogates", "\uD800".repeat(100_000)],
    ["a cursor-like 1 M base64url", "A".repeat(mega)]
  ]
  return bigStrings
}

const specials: ReadonlyArray<Hostile> = [
  fixed("NaN", Number.NaN),
  fixed("Infinity", Number.POSITIVE_INFINITY),
  fixed("-Infinity", Number.NEGATIVE_INFINITY),
  fixed("-0", -0),
  fixed("2^53 + 2", 2 ** 53 + 2),
  fixed("1e308", 1e308),
  fixed("5e-324", 5e-324),
  fixed("-1", -1),
  fixed("0.5", 0.5),
  fixed("0n", 0n),
  fixed("-1n", -1n),
  fixed("2n ** 80n", 2n ** 80n),
  fixed("Symbol()", Symbol("hostile")),
  fixed("Symbol.iterator", Symbol.iterator),
  hostile("an object keyed by a symbol", () => ({ [Symbol("k")]: "v", [Symbol.toStringTag]: "Actor" })),
  fixed("a function", () => "vn-37"),
  fixed("an async function", async () => "vn-37"),
  fixed("a class", class Actor {}),
  hostile("a function carrying an actor's fields", () =>
    Object.defineProperties(() => undefined, {
      personId: { value: "p-1", enumerable: true },
      name: { value: "Nguyễn Văn An", enumerable: true },
      unitId: { value: "vn-37", enumerable: true },
      role: { value: "administrator", enumerable: true }
    })
  ),
  hostile("an invalid Date", () => new Date(Number.NaN)),
  hostile("the last Date", () => new Date(8.64e15)),
  hostile("the first Date", () => new Date(-8.64e15)),
  hostile("a Date in 1970", () => new Date(0)),
  hostile("a sparse array", () => {
    const holes: Array<unknown> = []
    holes[2] = "vn-37"
    return holes
  }),
  hostile("an empty array of length 2^32 - 1", () => new Array(2 ** 32 - 1)),
  hostile("an empty array of length 10 M", () => new Array(10_000_000)),
  hostile("an array of 200 K items", () => new Array(200_000).fill("vn-37")),
  hostile("a boxed string", () => new String("vn-37")),
  hostile("a boxed number", () => new Number(1)),
  hostile("a Map", () => new Map([["unitId", "vn-37"]])),
  hostile("a Set", () => new Set(["vn-37"])),
  hostile("a typed array", () => new Uint8Array([1, 2, 3])),
  hostile("a Promise", () => Promise.resolve({ unitId: "vn-37" })),
  hostile("an Error", () => new Error("hostile")),
  hostile("a RegExp", () => /vn-37/),
  hostile("a WeakMap", () => new WeakMap()),
  fixed("globalThis", globalThis)
]

const prototypeKeys: ReadonlyArray<Hostile> = [
  fixed('"__proto__"', "__proto__"),
  fixed('"constructor"', "constructor"),
  fixed('"prototype"', "prototype"),
  fixed('"hasOwnProperty"', "hasOwnProperty"),
  fixed('"toString"', "toString"),
  hostile("an own __proto__ key", () =>
    JSON.parse('{"__proto__": {"role": "administrator", "unitId": "vn-37", "polluted": true}}')
  ),
  hostile("own __proto__, constructor and prototype keys", () =>
    JSON.parse('{"__proto__": 1, "constructor": {"prototype": {"polluted": true}}, "prototype": 2}')
  ),
  hostile("an object inheriting an administrator's fields", () =>
    Object.create({ personId: "p-1", name: "Nguyễn Văn An", unitId: "vn-37", role: "administrator" })
  ),
  hostile("a null-prototype object", () =>
    Object.assign(Object.create(null), { unitId: "vn-37", asOf: "2025-01-01" })
  ),
  hostile("an object with a toString key", () => ({ toString: "vn-37", valueOf: 1, hasOwnProperty: 2 }))
]

/** Strings of the right type that the text policy, a store or a printer may choke on. */
const awkwardStrings: ReadonlyArray<Hostile> = [
  "",
  "   ",
  "\u0000",
  "Ninh\u0000Bình",
  "\uD800",
  "Ninh Bình\uDC00",
  "\u202Egnp.exe",
  "\u200B\u200B",
  "Ninh B\uFFFDnh",
  "Ðông Hải",
  "\u001b[31mđỏ\u001b[0m",
  "dòng một\r\ndòng hai",
  "Nghệ An".normalize("NFD"),
  "x".repeat(501),
  "x".repeat(2_001),
  "x".repeat(4_097),
  "<script>alert(1)</script>",
  "'; DROP TABLE units; --",
  "../../etc/passwd",
  // A format string and template markers, taken as text.
  ["%s%n$", "{7*7}{{7*7}}"].join(""),
  "2025-02-30",
  "2025-04-02T01:00:00.000Z",
  "2025Q5",
  "9999-12-31",
  "0000-01-01"
].map((value) => fixed(JSON.stringify(value), value))

const traps: ReadonlyArray<Hostile> = [
  ...trapNames.map((trap) => hostile(`a proxy whose ${trap} trap throws`, () => trapped({}, trap))),
  hostile("a proxy whose every trap throws", () => trapped({}, "every")),
  hostile("a proxy of an array whose every trap throws", () => trapped([], "every")),
  hostile("a revoked proxy", revoked),
  hostile("an object whose every conversion throws", poisoned),
  hostile("an object with a throwing getter", () => throwingGetter({}, "unitId")),
  hostile("an object with a getter throwing what cannot be shown", () =>
    Object.defineProperty({}, "unitId", { enumerable: true, get: unshowable("toString") })
  ),
  hostile(
    "a proxy whose every trap throws a revoked proxy",
    () =>
      new Proxy(
        {},
        Object.fromEntries(trapNames.map((name) => [name, unshowable("revoked")])) as ProxyHandler<object>
      )
  ),
  hostile("an array with a throwing index", () => throwingGetter(["vn-37"], 0)),
  hostile("an array with a throwing length", () => trapped(["vn-37"], "get"))
]

const sizes = (): ReadonlyArray<Hostile> => [
  ...hugeStrings().map(([label, value]) => fixed(`a string of ${label}`, value)),
  hostile("arrays nested 100,000 deep", () => nested(100_000, (inner) => [inner])),
  hostile("objects nested 100,000 deep", () =>
    nested(100_000, (inner) => ({ units: inner, content: inner }))
  ),
  hostile("a cyclic object", cyclic),
  hostile("a cyclic array", cyclicArray)
]

/** Any hostile value: of fast-check's making or of the kinds above. */
export const hostileValue: fc.Arbitrary<Hostile> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc
      .anything({
        maxDepth: 3,
        withBigInt: true,
        withBoxedValues: true,
        withDate: true,
        withMap: true,
        withSet: true,
        withNullPrototype: true,
        withObjectString: true,
        withSparseArray: true,
        withTypedArray: true,
        withUnicodeString: true
      })
      .map((value) => fixed(fc.stringify(value), value))
  },
  { weight: 2, arbitrary: fc.constantFrom(...specials) },
  { weight: 2, arbitrary: fc.constantFrom(...awkwardStrings) },
  { weight: 1, arbitrary: fc.constantFrom(...prototypeKeys) },
  { weight: 2, arbitrary: fc.constantFrom(...traps) },
  { weight: 1, arbitrary: fc.constant(null).chain(() => fc.constantFrom(...sizes())) }
)

/** `now`s for the facade's clock that throw or give no sensible instant. */
export const nowValues: ReadonlyArray<Hostile> = [
  fixed("a now that throws", boom("now")),
  fixed("a now giving an invalid Date", () => new Date(Number.NaN)),
  fixed("a now giving a number", () => Date.now()),
  fixed("a now giving a string", () => "2025-04-02T01:00:00.000Z"),
  fixed("a now giving undefined", () => undefined),
  fixed("a now giving the year 275760", () => new Date(8.64e15)),
  fixed("a now giving the year -1", () => new Date(-62_198_755_200_000)),
  fixed("a now giving a throwing proxy", () => trapped(new Date(), "every")),
  fixed("a now giving a Date whose getTime throws", () =>
    Object.defineProperty(new Date(), "getTime", { value: boom("getTime") })
  ),
  fixed("a now giving a Date whose getTime gives NaN", () =>
    Object.defineProperty(new Date(), "getTime", { value: () => Number.NaN })
  ),
  fixed("a now giving a Date subclass", () => new (class extends Date {})(0))
]

/** One of {@link nowValues}. */
export const hostileNow: fc.Arbitrary<Hostile> = fc.constantFrom(...nowValues)

// Spoiling a valid input ------------------------------------------------------------------------

type Path = ReadonlyArray<string | number>

/** Every path into a plain value (the root first), for choosing where to spoil it. */
export const paths = (value: unknown, at: Path = []): ReadonlyArray<Path> => {
  if (typeof value !== "object" || value === null) return [at]
  const children = Array.isArray(value)
    ? value.flatMap((v, i) => paths(v, [...at, i]))
    : Object.entries(value).flatMap(([k, v]) => paths(v, [...at, k]))
  return [at, ...children]
}

const actions = [
  "replace",
  "delete",
  "extraKey",
  "throwingGetter",
  "fickleGetter",
  "proxy",
  "inherit",
  "nullPrototype",
  "protoKey"
] as const

/** How to spoil a valid input: where (an index into its {@link paths}), how and with what. */
export interface Spoiler {
  readonly at: number
  readonly action: (typeof actions)[number]
  readonly trap: (typeof trapNames)[number] | "every"
  readonly value: Hostile
}

export const spoiler: fc.Arbitrary<Spoiler> = fc.record({
  at: fc.nat(),
  // Mostly a value replaced, so the spoiled input is often otherwise valid and reaches deep.
  action: fc.oneof(
    { weight: actions.length, arbitrary: fc.constant("replace" as const) },
    fc.constantFrom(...actions)
  ),
  trap: fc.constantFrom(...trapNames, "every" as const),
  value: hostileValue
})

const clone = (value: unknown): unknown =>
  typeof value !== "object" || value === null
    ? value
    : Array.isArray(value)
      ? value.map(clone)
      : Object.fromEntries(Object.entries(value).map(([k, v]) => [k, clone(v)]))

const spoilNode = (node: unknown, s: Spoiler): unknown => {
  const value = s.value.make()
  const container = typeof node === "object" && node !== null
  const anyKey = container ? (Object.keys(node)[0] ?? "x") : "x"
  switch (s.action) {
    case "replace":
      return value
    case "delete":
      return undefined
    case "extraKey":
      return container ? Object.assign(clone(node) as object, { "x-hostile": value }) : value
    case "throwingGetter":
      return container ? throwingGetter(node, anyKey) : value
    case "fickleGetter":
      return container ? fickleGetter(node, anyKey, (node as Record<string, unknown>)[anyKey], value) : value
    case "proxy":
      return container ? trapped(node, s.trap) : value
    case "inherit":
      return container && !Array.isArray(node) ? Object.create(node) : value
    case "nullPrototype":
      return container && !Array.isArray(node) ? Object.assign(Object.create(null), node) : value
    case "protoKey":
      return container && !Array.isArray(node)
        ? Object.defineProperty(clone(node) as object, "__proto__", {
            value,
            enumerable: true,
            configurable: true,
            writable: true
          })
        : value
  }
}

/** `valid` spoiled by `s` at one of its paths; `delete` removes the key (the root: `undefined`). */
export const spoil = (valid: unknown, s: Spoiler): unknown => {
  const all = paths(valid)
  const path = all[s.at % all.length] as Path
  const copy = clone(valid)
  if (path.length === 0) return spoilNode(copy, s)
  let parent = copy as Record<string | number, unknown>
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>
  const last = path[path.length - 1] as string | number
  const spoiled = spoilNode(parent[last], s)
  if (s.action === "delete" && !Array.isArray(parent)) delete parent[last]
  else parent[last] = spoiled
  return copy
}

// Every place, every kind ---------------------------------------------------------------------

/**
 * The values the sweep puts in every place of an input: every awkward string, one of each kind of
 * value of the wrong type, the traps, and one of each size.
 */
export const sweepValues = (): ReadonlyArray<Hostile> => [
  ...awkwardStrings,
  fixed("null", null),
  fixed("undefined", undefined),
  fixed("true", true),
  fixed("{}", {}),
  fixed("[]", []),
  ...specials.filter((h) =>
    [
      "NaN",
      "Infinity",
      "-0",
      "2^53 + 2",
      "-1",
      "0.5",
      "2n ** 80n",
      "Symbol()",
      "a function",
      "an invalid Date",
      "a sparse array",
      "an empty array of length 2^32 - 1",
      "a boxed string",
      "a Map"
    ].includes(h.label)
  ),
  ...prototypeKeys.slice(0, 3),
  ...traps.filter((h) => /every trap|revoked|every conversion|throwing getter/.test(h.label)),
  ...sizes().filter((h) => /5 M letters|100,000 deep|cyclic object/.test(h.label))
]

const protoKeys = ["__proto__", "constructor", "prototype", "toString", "hasOwnProperty"] as const

/** One way of spoiling an input: its label and a maker of the spoiled copy. */
export interface Variant {
  readonly label: string
  readonly make: () => unknown
}

/**
 * Every spoiled copy of `valid` (a list of arguments) the sweep tries: each place below the list
 * replaced by each of {@link sweepValues}, and each object given each prototype key (holding a
 * number, a string, an object), put behind a proxy with each trap throwing, given a throwing
 * getter, made null-prototype or made to inherit its fields.
 */
export const variants = (valid: ReadonlyArray<unknown>): ReadonlyArray<Variant> => {
  const places = paths(valid).filter((p) => p.length > 0)
  const at = (root: unknown, path: Path, f: (node: unknown) => unknown): unknown => {
    const copy = clone(root) as Record<string | number, unknown>
    let parent = copy
    for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>
    const last = path[path.length - 1] as string | number
    parent[last] = f(parent[last])
    return copy
  }
  const values = sweepValues()
  const out: Array<Variant> = []
  for (const path of places) {
    const where = path.join(".")
    for (const value of values)
      out.push({ label: `${where} = ${value.label}`, make: () => at(valid, path, value.make) })
    const node = path.reduce<unknown>((o, k) => (o as Record<string | number, unknown>)[k], valid)
    if (typeof node !== "object" || node === null || Array.isArray(node)) continue
    for (const key of protoKeys) {
      for (const value of [1, "x", { polluted: true }]) {
        out.push({
          label: `${where} with own key ${key} = ${JSON.stringify(value)}`,
          make: () =>
            at(valid, path, (n) =>
              Object.defineProperty(n as object, key, {
                value,
                enumerable: true,
                configurable: true,
                writable: true
              })
            )
        })
      }
    }
    for (const trap of [...trapNames, "every" as const]) {
      out.push({
        label: `${where} behind a proxy whose ${trap} trap throws`,
        make: () => at(valid, path, (n) => trapped(n as object, trap))
      })
    }
    const first = Object.keys(node)[0] ?? "x"
    out.push(
      {
        label: `${where}.${first} a throwing getter`,
        make: () => at(valid, path, (n) => throwingGetter(n as object, first))
      },
      {
        label: `${where} null-prototype`,
        make: () => at(valid, path, (n) => Object.assign(Object.create(null), n))
      },
      {
        label: `${where} inheriting its fields`,
        make: () => at(valid, path, (n) => Object.create(n as object))
      }
    )
  }
  return out
}
