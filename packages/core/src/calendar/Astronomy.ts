/**
 * The two astronomical facts the lunar calendar rests on: the instants of new moons and the Sun's
 * apparent longitude. Formulas from Jean Meeus, *Astronomical Algorithms* (2nd ed., 1998):
 * chapter 49 for the mean phases of the Moon with their periodic and planetary corrections
 * (within about 20 seconds of the exact new moon over 1800–2200), chapter 25 for the Sun's apparent
 * longitude at low accuracy (0.01°, about a quarter of an hour of the Sun's motion), and the
 * polynomial expressions of ΔT = TT − UT by F. Espenak and J. Meeus (*Five Millennium Canon of
 * Solar Eclipses*, NASA, 2006).
 *
 * Times are Julian days (JD, Universal Time) unless named JDE (Terrestrial Time, the uniform time
 * the theories are written in).
 *
 * @internal
 */

const radians = Math.PI / 180
const sin = (degrees: number) => Math.sin(degrees * radians)

/**
 * JD of 1970-01-01 at 0h UT: a `CalendarDate` day number plus this is the JD of that day's start in UT.
 *
 * @category constants
 * @since 0.1.0
 */
export const unixEpochJd = 2440587.5

/** Julian days per Julian century. */
const century = 36525

/** The JDE of J2000.0 (2000-01-01 12h TT). */
const j2000 = 2451545

/**
 * The mean length of a synodic month in days (Meeus, eq. 49.1).
 *
 * @category constants
 * @since 0.1.0
 */
export const synodicMonth = 29.530588861

/** JDE of the mean new moon k = 0 (6 January 2000). */
const firstMeanNewMoon = 2451550.09766

/**
 * ΔT in seconds for a decimal year, by the Espenak–Meeus polynomials. Before 1800 and after 2150
 * it uses their long-term parabola, whose uncertainty grows to minutes.
 *
 * @category math
 * @since 0.1.0
 */
export const deltaT = (year: number): number => {
  if (year < 1800 || year >= 2150) {
    const u = (year - 1820) / 100
    return -20 + 32 * u * u
  }
  if (year < 1860) {
    const t = year - 1800
    return (
      13.72 -
      0.332447 * t +
      0.0068612 * t ** 2 +
      0.0041116 * t ** 3 -
      0.00037436 * t ** 4 +
      0.0000121272 * t ** 5 -
      0.0000001699 * t ** 6 +
      0.000000000875 * t ** 7
    )
  }
  if (year < 1900) {
    const t = year - 1860
    return (
      7.62 + 0.5737 * t - 0.251754 * t ** 2 + 0.01680668 * t ** 3 - 0.0004473624 * t ** 4 + t ** 5 / 233174
    )
  }
  if (year < 1920) {
    const t = year - 1900
    return -2.79 + 1.494119 * t - 0.0598939 * t ** 2 + 0.0061966 * t ** 3 - 0.000197 * t ** 4
  }
  if (year < 1941) {
    const t = year - 1920
    return 21.2 + 0.84493 * t - 0.0761 * t ** 2 + 0.0020936 * t ** 3
  }
  if (year < 1961) {
    const t = year - 1950
    return 29.07 + 0.407 * t - t ** 2 / 233 + t ** 3 / 2547
  }
  if (year < 1986) {
    const t = year - 1975
    return 45.45 + 1.067 * t - t ** 2 / 260 - t ** 3 / 718
  }
  if (year < 2005) {
    const t = year - 2000
    return (
      63.86 +
      0.3345 * t -
      0.060374 * t ** 2 +
      0.0017275 * t ** 3 +
      0.000651814 * t ** 4 +
      0.00002373599 * t ** 5
    )
  }
  if (year < 2050) {
    const t = year - 2000
    return 62.92 + 0.32217 * t + 0.005589 * t ** 2
  }
  const u = (year - 1820) / 100
  return -20 + 32 * u * u - 0.5628 * (2150 - year)
}

const decimalYear = (jd: number) => 2000 + (jd - j2000) / 365.25

/** TT − UT at a JD, in days. */
const deltaTDays = (jd: number) => deltaT(decimalYear(jd)) / 86400

// Periodic terms of the new moon (Meeus, ch. 49): [coefficient, power of E, M, M′, F, Ω].
const newMoonTerms: ReadonlyArray<readonly [number, number, number, number, number, number]> = [
  [-0.4072, 0, 0, 1, 0, 0],
  [0.17241, 1, 1, 0, 0, 0],
  [0.01608, 0, 0, 2, 0, 0],
  [0.01039, 0, 0, 0, 2, 0],
  [0.00739, 1, -1, 1, 0, 0],
  [-0.00514, 1, 1, 1, 0, 0],
  [0.00208, 2, 2, 0, 0, 0],
  [-0.00111, 0, 0, 1, -2, 0],
  [-0.00057, 0, 0, 1, 2, 0],
  [0.00056, 1, 1, 2, 0, 0],
  [-0.00042, 0, 0, 3, 0, 0],
  [0.00042, 1, 1, 0, 2, 0],
  [0.00038, 1, 1, 0, -2, 0],
  [-0.00024, 1, -1, 2, 0, 0],
  [-0.00017, 0, 0, 0, 0, 1],
  [-0.00007, 0, 2, 1, 0, 0],
  [0.00004, 0, 0, 2, -2, 0],
  [0.00004, 0, 3, 0, 0, 0],
  [0.00003, 0, 1, 1, -2, 0],
  [0.00003, 0, 0, 2, 2, 0],
  [-0.00003, 0, 1, 1, 2, 0],
  [0.00003, 0, -1, 1, 2, 0],
  [-0.00002, 0, -1, 1, -2, 0],
  [-0.00002, 0, 1, 3, 0, 0],
  [0.00002, 0, 0, 4, 0, 0]
]

// Additional (planetary) corrections (Meeus, ch. 49) after the first, whose argument has a quadratic
// term: [coefficient, constant, rate per lunation].
const planetaryTerms: ReadonlyArray<readonly [number, number, number]> = [
  [0.000165, 251.88, 0.016321],
  [0.000164, 251.83, 26.651886],
  [0.000126, 349.42, 36.412478],
  [0.00011, 84.66, 18.206239],
  [0.000062, 141.74, 53.303771],
  [0.00006, 207.14, 2.453732],
  [0.000056, 154.84, 7.30686],
  [0.000047, 34.52, 27.261239],
  [0.000042, 207.19, 0.121824],
  [0.00004, 291.34, 1.844379],
  [0.000037, 161.72, 24.198154],
  [0.000035, 239.56, 25.513099],
  [0.000023, 331.55, 3.592518]
]

/**
 * The JDE of new moon number `k`, counted from the new moon of 6 January 2000 (k = 0; negative
 * before it). Meeus, chapter 49, with all periodic and additional corrections.
 *
 * @category math
 * @since 0.1.0
 */
export const newMoonJde = (k: number): number => {
  const t = k / 1236.85
  const t2 = t * t
  const t3 = t2 * t
  const t4 = t3 * t
  const mean = firstMeanNewMoon + synodicMonth * k + 0.00015437 * t2 - 0.00000015 * t3 + 0.00000000073 * t4
  const e = 1 - 0.002516 * t - 0.0000074 * t2
  const m = 2.5534 + 29.1053567 * k - 0.0000014 * t2 - 0.00000011 * t3
  const mPrime = 201.5643 + 385.81693528 * k + 0.0107582 * t2 + 0.00001238 * t3 - 0.000000058 * t4
  const f = 160.7108 + 390.67050284 * k - 0.0016118 * t2 - 0.00000227 * t3 + 0.000000011 * t4
  const omega = 124.7746 - 1.56375588 * k + 0.0020672 * t2 + 0.00000215 * t3
  let correction = 0
  for (const [c, ePower, cm, cmPrime, cf, cOmega] of newMoonTerms) {
    correction += c * e ** ePower * sin(cm * m + cmPrime * mPrime + cf * f + cOmega * omega)
  }
  let planetary = 0.000325 * sin(299.77 + 0.107408 * k - 0.009173 * t2)
  for (const [c, a, rate] of planetaryTerms) planetary += c * sin(a + rate * k)
  return mean + correction + planetary
}

/**
 * The JD (UT) of new moon number `k` (see {@link newMoonJde}).
 *
 * @category math
 * @since 0.1.0
 */
export const newMoon = (k: number): number => {
  const jde = newMoonJde(k)
  return jde - deltaTDays(jde)
}

/**
 * The number of the new moon nearest before or at a JD, give or take one (callers adjust).
 *
 * @category math
 * @since 0.1.0
 */
export const lunationNear = (jd: number): number => Math.floor((jd - firstMeanNewMoon) / synodicMonth)

/**
 * The Sun's apparent longitude in degrees, in [0, 360), at a JD (UT): Meeus, chapter 25 (true
 * longitude from the mean longitude and the equation of the centre, corrected for nutation and
 * aberration), accurate to about 0.01°.
 *
 * @category math
 * @since 0.1.0
 */
export const sunLongitude = (jd: number): number => {
  const t = (jd + deltaTDays(jd) - j2000) / century
  const l0 = 280.46646 + 36000.76983 * t + 0.0003032 * t * t
  const m = 357.52911 + 35999.05029 * t - 0.0001537 * t * t
  const c =
    (1.914602 - 0.004817 * t - 0.000014 * t * t) * sin(m) +
    (0.019993 - 0.000101 * t) * sin(2 * m) +
    0.000289 * sin(3 * m)
  const omega = 125.04 - 1934.136 * t
  const apparent = l0 + c - 0.00569 - 0.00478 * sin(omega)
  return ((apparent % 360) + 360) % 360
}
