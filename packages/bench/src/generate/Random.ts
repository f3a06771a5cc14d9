/**
 * A small seeded pseudo-random generator (sfc32, seeded through a 32-bit string hash), so the same
 * seed gives the same data on every machine and Node version. Each province gets its own stream
 * (`forKey(seed, "province", code)`), so a province's data does not depend on which other
 * provinces a scale selects or on the order they are generated in.
 *
 * @since 0.1.0
 */

/** cyrb53-style hash of a string into four 32-bit words. */
const hash4 = (text: string): [number, number, number, number] => {
  let h1 = 0xdeadbeef
  let h2 = 0x41c6ce57
  let h3 = 0x9e3779b9
  let h4 = 0x85ebca6b
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    h1 = Math.imul(h1 ^ c, 2654435761)
    h2 = Math.imul(h2 ^ c, 1597334677)
    h3 = Math.imul(h3 ^ c, 2246822507)
    h4 = Math.imul(h4 ^ c, 3266489909)
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909)
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h3 ^ (h3 >>> 13), 3266489909)
  h3 = Math.imul(h3 ^ (h3 >>> 16), 2246822507) ^ Math.imul(h4 ^ (h4 >>> 13), 3266489909)
  h4 = Math.imul(h4 ^ (h4 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909)
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0]
}

/** A stream of pseudo-random numbers. @since 0.1.0 */
export interface Random {
  /** A float in [0, 1). */
  readonly next: () => number
  /** An integer in [min, max], both inclusive. */
  readonly int: (min: number, max: number) => number
  /** True with probability `p`. */
  readonly chance: (p: number) => boolean
  /** One element of a non-empty array. */
  readonly pick: <A>(items: ReadonlyArray<A>) => A
  /** One key, chosen with the given weights. */
  readonly weighted: <K extends string>(weights: Readonly<Record<K, number>>) => K
  /** A count with the given mean: Poisson for small means, rounded normal for large ones. */
  readonly count: (mean: number) => number
}

/**
 * The generator for a seed and a key (the key parts are joined with `/`).
 *
 * @since 0.1.0
 */
export const forKey = (seed: number, ...key: ReadonlyArray<string | number>): Random => {
  let [a, b, c, d] = hash4(`${seed}/${key.join("/")}`)
  const next = (): number => {
    a >>>= 0
    b >>>= 0
    c >>>= 0
    d >>>= 0
    let t = (a + b) | 0
    a = b ^ (b >>> 9)
    b = (c + (c << 3)) | 0
    c = (c << 21) | (c >>> 11)
    d = (d + 1) | 0
    t = (t + d) | 0
    c = (c + t) | 0
    return (t >>> 0) / 4294967296
  }
  for (let i = 0; i < 12; i++) next()
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1))
  const weighted = <K extends string>(weights: Readonly<Record<K, number>>): K => {
    const entries = Object.entries(weights) as Array<[K, number]>
    let total = 0
    for (const [, w] of entries) total += w
    let r = next() * total
    for (const [k, w] of entries) {
      r -= w
      if (r < 0) return k
    }
    return entries[entries.length - 1]![0]
  }
  const count = (mean: number): number => {
    if (mean <= 0) return 0
    if (mean > 30) {
      // Box–Muller, rounded and clamped at 0.
      const u = Math.max(next(), 1e-12)
      const v = next()
      const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v)
      return Math.max(0, Math.round(mean + Math.sqrt(mean) * z))
    }
    // Knuth's method.
    const limit = Math.exp(-mean)
    let k = 0
    let p = next()
    while (p > limit) {
      k++
      p *= next()
    }
    return k
  }
  return {
    next,
    int,
    chance: (p) => next() < p,
    pick: (items) => items[Math.floor(next() * items.length)]!,
    weighted,
    count
  }
}
