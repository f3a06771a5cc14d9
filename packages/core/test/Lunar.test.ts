import { describe, expect, it } from "@effect/vitest"
import { Result } from "effect"
import * as fc from "fast-check"
import * as Lunar from "../src/calendar/Lunar.ts"
import * as CalendarDate from "../src/kernel/CalendarDate.ts"
import { decodeProblem } from "./support/Decoding.ts"

/*
 * Sources of the published dates these tests check the computation against:
 *
 * [HND] Hồ Ngọc Đức, "Âm lịch Việt Nam", https://www.informatik.uni-leipzig.de/~duc/amlich/ : the
 *       year tables of his calendar for 1800–2199 (the lunar year's first day, its leap month and
 *       the length of each month), decoded into `published` below; rules in "Thuật toán tính âm
 *       lịch", https://www.informatik.uni-leipzig.de/~duc/amlich/calrules_vn.html . His tables
 *       follow the calendar in use at each time: Beijing mean time before 1929, UTC+8 to 1967,
 *       UTC+7 from 1968.
 * [ASL] Helmer Aslaksen, "The Mathematics of the Chinese Calendar" (National University of
 *       Singapore, 2006), https://studylib.net/doc/8101861/the-mathematics-of-the-chinese-calendar :
 *       Tết 1968 on 29 January in Hà Nội (UTC+7), 30 January in the South and in China (UTC+8).
 * [VJO] Việt-Jo, 06/07/2006, https://viet-jo.com/news/life/060706102756.html : Tết 2007 on
 *       17 February in Vietnam, 18 February in China; the government's calendar office lists the
 *       years Vietnam's and China's Tết differ as 1968, 1969, 1984/85, then 2030 and 2053.
 * [SCI] "Why is the Vietnamese and Chinese New Year a day different?",
 *       https://scienceinfo.net/why-is-the-vietnamese-and-chinese-new-year-a-day-different.html :
 *       in 2030 and 2053 Vietnam celebrates Tết a day before China.
 * [HER] Hermetic Systems, Chinese Calendrics Software, leap months,
 *       http://www.hermetic.ch/chcal/leap_months.htm : leap month 8 of 1995 begins on 24 September
 *       in Vietnam and 25 September in China; leap month 11 of 2033.
 * [GOV] The Government's holiday notices, which give the lunar dates of the breaks they announce:
 *       Thông báo 9441/TB-BNV (16/10/2025): 14/02/2026 is 27 tháng Chạp Ất Tỵ, 16/02/2026 is
 *       29 tháng Chạp, 20/02/2026 mùng 4 and 22/02/2026 mùng 6 Tết Bính Ngọ; for 2025, 25/01/2025 is
 *       26 tháng Chạp Giáp Thìn and 02/02/2025 mùng 5 Tết Ất Tỵ; for 2024, 08/02/2024 is 29 tháng Chạp
 *       Quý Mão and 14/02/2024 mùng 5 Tết Giáp Thìn; for 2022, 31/01/2022 is 29 tháng Chạp Tân Sửu;
 *       Giỗ Tổ Hùng Vương (10/3 âm lịch) on 16/04/2016, 06/04/2017, 02/04/2020, 21/04/2021,
 *       10/04/2022, 29/04/2023, 18/04/2024, 07/04/2025 and 26/04/2026.
 * [TUO] "Việt Nam 8 năm liền đón giao thừa vào 29 Tết", Tuổi Trẻ (via fresh.buzz): from Tết 2025
 *       to Tết 2032 the last month of the lunar year has 29 days.
 */

const d = CalendarDate.unsafeFromString

/**
 * [HND], decoded: year, the lunar year's first day (Tết), its leap month (00: none) and each
 * month's length in order, the leap month in its place: L is 30 days, S is 29.
 */
const published: ReadonlyArray<string> = [
  "1900 01-31 08 SLSSLSLLSLLSL",
  "1901 02-19 00 SLSSLSLSLLLS",
  "1902 02-08 00 LSLSSLSLSLLL",
  "1903 01-29 05 SLSLSSLSSLLSL",
  "1904 02-16 00 LLSLSSLSSLLS",
  "1905 02-04 00 LLSLLSSLSLSL",
  "1906 01-25 04 SLSLLSLSLSLSL",
  "1907 02-13 00 SLSLSLLSLSLS",
  "1908 02-02 00 LSSLLSLSLLSL",
  "1909 01-22 02 SLSSLSLSLLLSL",
  "1910 02-10 00 SLSSLSLSLLLS",
  "1911 01-30 06 LSLSSLSSLLSLL",
  "1912 02-18 00 LSLSSLSSLLSL",
  "1913 02-06 00 LLSLSSLSSLSL",
  "1914 01-26 05 LLSLSLSLSSLSL",
  "1915 02-14 00 LSLLSLSLSLSS",
  "1916 02-03 00 LLSLSLLSLSLS",
  "1917 01-23 02 LSSLSLLSLLSLS",
  "1918 02-11 00 LSSLSLSLLSLL",
  "1919 02-01 07 SLSSLSSLLSLLL",
  "1920 02-20 00 SLSSLSSLSLLL",
  "1921 02-08 00 LSLSSLSSLSLL",
  "1922 01-28 05 LSLLSSLSSLSLL",
  "1923 02-16 00 SLLSLSLSSLSL",
  "1924 02-05 00 SLLSLLSLSLSL",
  "1925 01-25 04 SSLSLLSLLSLSL",
  "1926 02-13 00 SSLSLSLLSLLS",
  "1927 02-02 00 LSSLSLSLSLLL",
  "1928 01-23 02 SLSSLSSLSLLLL",
  "1929 02-10 00 SLSSLSSLSLLL",
  "1930 01-30 06 SLLSSLSSLSLLS",
  "1931 02-17 00 LLSLSLSSLSLS",
  "1932 02-06 00 LLLSLSLSSLSL",
  "1933 01-26 05 SLLSLLSLSLSSL",
  "1934 02-14 00 SLSLLSLSLLSL",
  "1935 02-04 00 SSLSLSLLSLLS",
  "1936 01-24 03 LSSLSSLLSLLLS",
  "1937 02-11 00 LSSLSSLSLLLS",
  "1938 01-31 07 LLSSLSSLSLLSL",
  "1939 02-19 00 LLSSLSSLSLSL",
  "1940 02-08 00 LLSLSLSSLSLS",
  "1941 01-27 06 LLSLLSLSSLSLS",
  "1942 02-15 00 LSLLSLSLSLSL",
  "1943 02-05 00 SLSLSLLSLSLS",
  "1944 01-25 04 LSLSLSLSLLSLL",
  "1945 02-13 00 SSLSSLSLLLSL",
  "1946 02-02 00 LSSLSSLSLLSL",
  "1947 01-22 02 LLSSLSSLSLSLL",
  "1948 02-10 00 LSLSLSSLSLSL",
  "1949 01-29 07 LSLLSLSSLSLSL",
  "1950 02-17 00 SLLSLLSSLSLS",
  "1951 02-06 00 LSLLSLSLSLSL",
  "1952 01-27 05 SLSLSLSLLSLSL",
  "1953 02-14 00 SLSSLLSLLSLS",
  "1954 02-03 00 LSLSSLSLLSLL",
  "1955 01-24 03 SLSLSSLSLSLLL",
  "1956 02-12 00 SLSLSSLSLSLL",
  "1957 01-31 08 LSLSLSSLSLSLS",
  "1958 02-18 00 LLLSLSSLSLSL",
  "1959 02-08 00 SLLSLSLSLSLS",
  "1960 01-28 06 LSLSLLSLSLSLS",
  "1961 02-15 00 LSLSLSLLSLSL",
  "1962 02-05 00 SLSSLSLLSLLS",
  "1963 01-25 04 LSLSSLSLSLLLS",
  "1964 02-13 00 LSLSSLSLSLLL",
  "1965 02-02 00 SLSLSSLSSLLS",
  "1966 01-21 03 LLLSLSSLSSLLS",
  "1967 02-09 00 LLSLLSSLSLSS",
  "1968 01-29 07 LLSLLSLSLSLSS",
  "1969 02-16 00 LLSLSLLSLSLS",
  "1970 02-06 00 LSSLSLLSLLSL",
  "1971 01-27 05 SLSSLSLSLLLSL",
  "1972 02-15 00 SLSSLSLSLLSL",
  "1973 02-03 00 LSLSSLSSLLSL",
  "1974 01-23 04 LLSLSSLSSLSLL",
  "1975 02-11 00 LSLLSSLSSLSL",
  "1976 01-31 08 LLSLSLSLSSLSL",
  "1977 02-18 00 LSLLSLSLSLSS",
  "1978 02-07 00 LSLLSLSLLSLS",
  "1979 01-28 06 SLSLSLLSLLSLS",
  "1980 02-16 00 LSSLSLSLLSLL",
  "1981 02-05 00 SLSSLSSLLSLL",
  "1982 01-25 04 LSLSSLSSLSLLL",
  "1983 02-13 00 LSLSSLSSLSLL",
  "1984 02-02 00 LSLSLSLSSLSL",
  "1985 01-21 02 LSLLSLSLSSLSL",
  "1986 02-09 00 SLLSLLSLSSLS",
  "1987 01-29 07 LSLSLLSLLSLSS",
  "1988 02-17 00 LSLSLSLLSLLS",
  "1989 02-06 00 LSSLSSLLSLLL",
  "1990 01-27 05 SLSSLSSLSLLLL",
  "1991 02-15 00 SLSSLSSLSLLL",
  "1992 02-04 00 SLLSSLSSLSLL",
  "1993 01-23 03 SLLSLSLSSLSLS",
  "1994 02-10 00 LLLSLSLSSLSL",
  "1995 01-31 08 SLLSLSLSLSLSL",
  "1996 02-19 00 SLSLSLLSLSLS",
  "1997 02-07 00 LSLSLSLSLLSL",
  "1998 01-28 05 LSSLSSLLSLLSL",
  "1999 02-16 00 LSSLSSLSLLLS",
  "2000 02-05 00 LLSSLSSLSLLS",
  "2001 01-24 04 LLSLSLSSLSLSL",
  "2002 02-12 00 LLSLSLSSLSLS",
  "2003 02-01 00 LLSLLSLSSLSL",
  "2004 01-22 02 SLSLLSLSLSLSL",
  "2005 02-09 00 SLSLSLLSLSLS",
  "2006 01-29 07 LSLSSLLSLLSLS",
  "2007 02-17 00 LSLSSLSLLLSL",
  "2008 02-07 00 LSSLSSLSLSLL",
  "2009 01-26 05 LSLSLSSLSLSLL",
  "2010 02-14 00 LSLSLSSLSLSL",
  "2011 02-03 00 LSLLSLSSLSLS",
  "2012 01-23 04 LSLLSLSLSLSLS",
  "2013 02-10 00 LSLSLLSLSLSL",
  "2014 01-31 09 SLSLSLSLLSLSL",
  "2015 02-19 00 SLSSLSLLLSLS",
  "2016 02-08 00 LSLSSLSLLSLL",
  "2017 01-28 06 SLSLSSLSLSLLL",
  "2018 02-16 00 SLSLSSLSSLLL",
  "2019 02-05 00 SLLSLSSLSSLL",
  "2020 01-25 04 SLLLSLSSLSSLL",
  "2021 02-12 00 SLLSLSLSLSLS",
  "2022 02-01 00 LSLSLLSLSLSL",
  "2023 01-22 02 SLSSLLSLLSLSL",
  "2024 02-10 00 SLSSLSLLSLLS",
  "2025 01-29 06 LSLSSLSLSLLLS",
  "2026 02-17 00 LSLSSLSSLLLS",
  "2027 02-06 00 LLSLSSLSSLLS",
  "2028 01-26 05 LLLSLSSLSSLLS",
  "2029 02-13 00 LLSLSLSLSSLS",
  "2030 02-02 00 LLSLLSLSLSLS",
  "2031 01-23 03 SLSLLSLLSLSLS",
  "2032 02-11 00 SLSLSLLSLLSL",
  "2033 01-31 11 SLSSLSLSLLLSL",
  "2034 02-19 00 SLSSLSSLLLSL",
  "2035 02-08 00 LSLSSLSSLLSL",
  "2036 01-28 06 LLSLSSLSSLSLL",
  "2037 02-15 00 LSLLSSLSSLSL",
  "2038 02-04 00 LSLLSLSLSSLS",
  "2039 01-24 05 LLSLLSLSLSSLS",
  "2040 02-12 00 LSLLSLSLLSLS",
  "2041 02-01 00 SLSLSLSLLLSL",
  "2042 01-22 02 SLSSLSLSLLSLL",
  "2043 02-10 00 SLSSLSSLLSLL",
  "2044 01-30 07 LSLSSLSSLSLLL",
  "2045 02-17 00 LSLSSLSSLSLL",
  "2046 02-06 00 LSLSLSLSSLSL",
  "2047 01-26 05 LSLLSLSLSSLSL",
  "2048 02-14 00 SLLSLLSLSSLS",
  "2049 02-02 00 LSLSLLSLSLLS",
  "2050 01-23 03 SLSLSLSLLSLLS",
  "2051 02-11 00 SLSLSSLLSLLL",
  "2052 02-01 08 SLSSLSSLSLLLS",
  "2053 02-18 00 LLSSLSSLSLLL",
  "2054 02-08 00 SLSLSLSSLSLL",
  "2055 01-28 06 SLLSLSLSSLSLS",
  "2056 02-15 00 LLSLLSLSSLSL",
  "2057 02-04 00 SLSLLSLSLSLS",
  "2058 01-24 04 LSLSLSLLSLSLS",
  "2059 02-12 00 LSLSLSLSLLSL",
  "2060 02-02 00 SLSLSSLSLLLS",
  "2061 01-21 03 LLSSLSSLSLLLS",
  "2062 02-09 00 LLSSLSSLSLSL",
  "2063 01-29 07 LLSLSLSSLSLSL",
  "2064 02-17 00 LLSLSLSSLSLS",
  "2065 02-05 00 LLSLLSSLSLSL",
  "2066 01-26 05 SLSLLSLSLSLSL",
  "2067 02-14 00 SLSLSLLSLSLS",
  "2068 02-03 00 LSLSSLLSLLSL",
  "2069 01-23 04 SLSLSSLSLLLSL",
  "2070 02-11 00 SLSLSSLSLSLL",
  "2071 01-31 08 LSLSLSSLSLSLL",
  "2072 02-19 00 LSLSLSSLSSLL",
  "2073 02-07 00 LSLLSLSSLSSL",
  "2074 01-27 06 LSLLSLSLSLSLS",
  "2075 02-15 00 LSLSLLSLSLSL",
  "2076 02-05 00 SLSLSLSLLSLS",
  "2077 01-24 04 LSLSSLSLLSLLS",
  "2078 02-12 00 LSLSSLSLSLLL",
  "2079 02-02 00 SLSLSSLSLSLL",
  "2080 01-22 03 LSLSLSSSLSLLL",
  "2081 02-09 00 SLLSLSSLSSLL",
  "2082 01-29 07 SLLSLSLSLSSLL",
  "2083 02-17 00 SLLSLSLSLSLS",
  "2084 02-06 00 LSLSLLSLSLSL",
  "2085 01-26 05 SSLSLLSLSLLSL",
  "2086 02-14 00 SSLSLSLLSLLS",
  "2087 02-03 00 LSLSSLSLSLLL",
  "2088 01-24 04 SLSLSSSLSLLLS",
  "2089 02-10 00 LLSLSSSLSLLS",
  "2090 01-30 08 LLLSLSSLSSLSL",
  "2091 02-18 00 LLSLSLSLSSLS",
  "2092 02-07 00 LLSLLSLSLSSL",
  "2093 01-27 06 SLSLLSLLSLSLS",
  "2094 02-15 00 SLSLSLLSLLSL",
  "2095 02-05 00 SSLSLSLSLLLS",
  "2096 01-25 04 LSLSSLSSLLLSL",
  "2097 02-12 00 LSLSSSLSLLSL",
  "2098 02-01 00 LLSLSSSLSLSL",
  "2099 01-21 02 LLSLSLSSLSLSL",
  "2100 02-09 00 LSLLSLSLSSLS"
]

interface PublishedYear {
  readonly year: number
  readonly tet: CalendarDate.CalendarDate
  readonly leapMonth: number | undefined
  readonly lengths: ReadonlyArray<29 | 30>
}

const publishedYears: ReadonlyArray<PublishedYear> = published.map((row) => {
  const [year, tet, leap, lengths] = row.split(" ") as [string, string, string, string]
  return {
    year: Number(year),
    tet: d(`${year}-${tet}`),
    leapMonth: Number(leap) === 0 ? undefined : Number(leap),
    lengths: [...lengths].map((c) => (c === "L" ? 30 : 29))
  }
})

const china = { utcOffsetMinutes: Lunar.chinaOffsetMinutes }

describe("Lunar calendar against published tables", () => {
  it("the table covers 1900 to 2100, one row a year", () => {
    expect(publishedYears.map((y) => y.year)).toEqual(Array.from({ length: 201 }, (_, i) => 1900 + i))
  })

  it("UTC+7 from 1968 to 2100: every month's first day and length as published [HND], but one", () => {
    const disagreements: Array<string> = []
    for (const row of publishedYears.filter((y) => y.year >= 1968)) {
      const months = Lunar.months(row.year)
      expect(months[0]!.first).toBe(row.tet)
      expect(Lunar.leapMonth(row.year)).toBe(row.leapMonth)
      expect(months.length).toBe(row.lengths.length)
      let first = row.tet
      for (const [i, m] of months.entries()) {
        if (m.first !== first || m.length !== row.lengths[i]) {
          disagreements.push(`${row.year} month ${m.month}${m.leap ? "L" : ""}: ${m.first}/${m.length}`)
        }
        first = CalendarDate.addDays(first, row.lengths[i]!)
      }
    }
    // The new moon of 7 May 2054 falls at 00:00:22 on 8 May in Hà Nội by Meeus's theory and the
    // Espenak–Meeus ΔT, just before midnight in [HND]: closer than ΔT can be predicted. Month 3 of
    // 2054 ends a day later here, and month 4 begins a day later.
    expect(disagreements).toEqual(["2054 month 3: 2054-04-08/30", "2054 month 4: 2054-05-08/29"])
  })

  it("Tết from 1900 to 1967 as published, computed for the time zone of each year [HND]", () => {
    const differing = publishedYears
      .filter((y) => y.year < 1968)
      .filter(
        (y) => Lunar.newYear(y.year, { utcOffsetMinutes: Lunar.historicalOffsetMinutes(y.year) }) !== y.tet
      )
      .map((y) => y.year)
    // Tết 1925: the new moon fell at 22:30 Beijing mean time on 24 January, but the calendar of the
    // Nguyễn court put Tết on 25 January (and [VJO] counts 1925 among the years Vietnam's Tết
    // differed from China's): a calendar of the time, not one computable from the astronomy.
    expect(differing).toEqual([1925])
  })

  it("the lunar dates the Government's notices give [GOV]", () => {
    const cases: ReadonlyArray<readonly [string, string]> = [
      ["2026-02-14", "27/12 Ất Tỵ"],
      ["2026-02-16", "29/12 Ất Tỵ"],
      ["2026-02-20", "4/1 Bính Ngọ"],
      ["2026-02-22", "6/1 Bính Ngọ"],
      ["2025-01-25", "26/12 Giáp Thìn"],
      ["2025-02-02", "5/1 Ất Tỵ"],
      ["2024-02-08", "29/12 Quý Mão"],
      ["2024-02-14", "5/1 Giáp Thìn"],
      ["2022-01-31", "29/12 Tân Sửu"]
    ]
    for (const [solar, lunar] of cases) {
      expect(Lunar.format(Result.getOrThrow(Lunar.fromSolar(d(solar))))).toBe(lunar)
    }
    const hungKings = ["2016-04-16", "2017-04-06", "2020-04-02", "2021-04-21", "2022-04-10", "2023-04-29"]
    for (const date of [...hungKings, "2024-04-18", "2025-04-07", "2026-04-26"]) {
      const year = CalendarDate.parts(d(date)).year
      expect(Lunar.toSolar({ year, month: 3, day: 10, leap: false })).toEqual(Result.succeed(date))
    }
  })

  it("from Tết 2025 to Tết 2032 the old year ends on its 29th day [TUO]", () => {
    for (let year = 2024; year <= 2032; year++) {
      const months = Lunar.months(year)
      expect([year, months[months.length - 1]!.length]).toEqual([year, year === 2032 ? 30 : 29])
    }
  })
})

describe("UTC+7 against UTC+8", () => {
  it("Tết differs from China's exactly in 1968, 1969, 1985, 2007, 2030 and 2053 (1968–2100)", () => {
    const differing: Array<readonly [number, string, string]> = []
    for (let year = 1968; year <= 2100; year++) {
      const vietnam = Lunar.newYear(year)
      const chinese = Lunar.newYear(year, china)
      if (vietnam !== chinese) differing.push([year, vietnam, chinese])
    }
    expect(differing).toEqual([
      [1968, "1968-01-29", "1968-01-30"], // [ASL]
      [1969, "1969-02-16", "1969-02-17"], // [VJO]
      [1985, "1985-01-21", "1985-02-20"], // [VJO]: a month apart, the leap month moved
      [2007, "2007-02-17", "2007-02-18"], // [VJO]
      [2030, "2030-02-02", "2030-02-03"], // [VJO], [SCI]
      [2053, "2053-02-18", "2053-02-19"] // [VJO], [SCI]
    ])
  })

  it("1984–85: China's leap month 10 of 1984 is Vietnam's leap month 2 of 1985", () => {
    expect([Lunar.leapMonth(1984), Lunar.leapMonth(1984, china)]).toEqual([undefined, 10])
    expect([Lunar.leapMonth(1985), Lunar.leapMonth(1985, china)]).toEqual([2, undefined])
  })

  it("leap month 8 of 1995 begins a day apart; 2033 has a leap month 11 in both [HER]", () => {
    const leap8 = (options?: Lunar.Options) => Lunar.months(1995, options).find((m) => m.leap)
    expect(leap8()).toMatchObject({ month: 8, first: "1995-09-24" })
    expect(leap8(china)).toMatchObject({ month: 8, first: "1995-09-25" })
    expect([Lunar.leapMonth(2033), Lunar.leapMonth(2033, china)]).toEqual([11, 11])
  })

  it("a time zone outside UTC-12..UTC+14 is refused", () => {
    expect(() => Lunar.newYear(2026, { utcOffsetMinutes: 900 })).toThrow(RangeError)
    expect(() => Lunar.newYear(2026, { utcOffsetMinutes: Number.NaN })).toThrow(RangeError)
  })
})

const yearArb = fc.integer({ min: Lunar.minYear, max: Lunar.maxYear })
const offsetArb = fc.constantFrom(Lunar.vietnamOffsetMinutes, Lunar.chinaOffsetMinutes)
const solarArb = fc
  .integer({
    min: CalendarDate.toDayNumber(d("1800-02-01")),
    max: CalendarDate.toDayNumber(d("2199-12-31"))
  })
  .map(CalendarDate.fromDayNumber)

describe("Lunar calendar (properties)", () => {
  it("months have 29 or 30 days, follow each other, and a year has 12 or 13 of them", () => {
    fc.assert(
      fc.property(yearArb, offsetArb, (year, utcOffsetMinutes) => {
        const months = Lunar.months(year, { utcOffsetMinutes })
        const next = year < Lunar.maxYear ? Lunar.newYear(year + 1, { utcOffsetMinutes }) : undefined
        expect([12, 13]).toContain(months.length)
        for (const [i, m] of months.entries()) {
          expect([29, 30]).toContain(m.length)
          expect(m.year).toBe(year)
          const end = CalendarDate.addDays(m.first, m.length)
          if (i + 1 < months.length) expect(months[i + 1]!.first).toBe(end)
          else if (next !== undefined) expect(next).toBe(end)
        }
      }),
      { numRuns: 150 }
    )
  })

  it("months are numbered 1 to 12, a leap month repeats the number before it, exactly in 13-month years", () => {
    fc.assert(
      fc.property(yearArb, offsetArb, (year, utcOffsetMinutes) => {
        const months = Lunar.months(year, { utcOffsetMinutes })
        const leaps = months.filter((m) => m.leap)
        expect(leaps.length).toBe(months.length === 13 ? 1 : 0)
        expect(months.filter((m) => !m.leap).map((m) => m.month)).toEqual([
          1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12
        ])
        for (const [i, m] of months.entries()) if (m.leap) expect(months[i - 1]!.month).toBe(m.month)
      }),
      { numRuns: 150 }
    )
  })

  it("the lunar new year falls between 21 January and 20 February", () => {
    fc.assert(
      fc.property(yearArb, offsetArb, (year, utcOffsetMinutes) => {
        const tet = Lunar.newYear(year, { utcOffsetMinutes })
        expect(tet >= `${year}-01-21` && tet <= `${year}-02-20`).toBe(true)
      }),
      { numRuns: 200 }
    )
  })

  it("solar → lunar → solar is the identity, and the day after is the next lunar day", () => {
    fc.assert(
      fc.property(solarArb, offsetArb, (date, utcOffsetMinutes) => {
        const options = { utcOffsetMinutes }
        const lunar = Result.getOrThrow(Lunar.fromSolar(date, options))
        expect(Lunar.toSolar(lunar, options)).toEqual(Result.succeed(date))
        if (date >= "2199-12-31") return
        const next = Result.getOrThrow(Lunar.fromSolar(CalendarDate.addDays(date, 1), options))
        if (next.day === 1) {
          const length = Lunar.months(lunar.year, options).find(
            (m) => m.month === lunar.month && m.leap === lunar.leap
          )!.length
          expect(lunar.day).toBe(length)
        } else {
          expect(next).toEqual({ ...lunar, day: lunar.day + 1 })
        }
      }),
      { numRuns: 500 }
    )
  })

  it("lunar → solar → lunar is the identity for real lunar dates; the others are NotALunarDate", () => {
    const lunarArb = fc.record({
      year: yearArb,
      month: fc.integer({ min: 1, max: 12 }),
      day: fc.integer({ min: 1, max: 30 }),
      leap: fc.boolean()
    })
    fc.assert(
      fc.property(lunarArb, (lunar) => {
        const month = Lunar.months(lunar.year).find((m) => m.month === lunar.month && m.leap === lunar.leap)
        const solar = Lunar.toSolar(lunar)
        if (month === undefined || lunar.day > month.length) {
          expect(Result.isFailure(solar) && solar.failure._tag).toBe("NotALunarDate")
        } else {
          expect(Lunar.fromSolar(Result.getOrThrow(solar))).toEqual(Result.succeed(lunar))
        }
      }),
      { numRuns: 500 }
    )
  })
})

describe("Lunar calendar (input)", () => {
  it("years outside 1800–2199 are a typed error, never a throw, for any solar date", () => {
    fc.assert(
      fc.property(
        fc.integer({
          min: CalendarDate.toDayNumber(d("0001-01-01")),
          max: CalendarDate.toDayNumber(d("9999-12-31"))
        }),
        (n) => {
          const date = CalendarDate.fromDayNumber(n)
          const lunar = Lunar.fromSolar(date)
          const { year } = CalendarDate.parts(date)
          if (year >= 1801 && year <= 2199) expect(Result.isSuccess(lunar)).toBe(true)
          if (Result.isFailure(lunar)) expect(lunar.failure._tag).toBe("LunarYearOutOfRange")
        }
      ),
      { numRuns: 300 }
    )
    expect(Lunar.fromSolar(d("1800-01-24"))).toEqual(
      Result.fail(new Lunar.LunarYearOutOfRange({ year: 1799 }))
    )
    expect(() => Lunar.months(2200)).toThrow("lunar year 2200 is not one the lunar calendar supports")
    expect(Lunar.checkYear(2199)).toEqual(Result.succeed(2199))
  })

  it("a lunar date that does not exist says why", () => {
    const noLeap = Lunar.toSolar({ year: 2026, month: 3, day: 1, leap: true })
    expect(Result.isFailure(noLeap) && noLeap.failure.message).toBe(
      "1/3 nhuận Bính Ngọ is not a day of the lunar calendar: the lunar year 2026 has no leap month 3"
    )
    // month 12 of Ất Tỵ (2025) has 29 days: 16/02/2026 is its last
    const thirtieth = Lunar.toSolar({ year: 2025, month: 12, day: 30, leap: false })
    expect(Result.isFailure(thirtieth) && thirtieth.failure.message).toContain("month 12 of 2025 has 29 days")
  })

  it("toSolar answers any numbers with a date or a typed error, never a throw", () => {
    const number = fc.oneof(
      fc.integer({ min: -5, max: 40 }),
      fc.double(),
      fc.integer({ min: 1790, max: 2210 })
    )
    fc.assert(
      fc.property(fc.record({ year: number, month: number, day: number, leap: fc.boolean() }), (date) => {
        const solar = Lunar.toSolar(date)
        if (Result.isFailure(solar)) {
          expect(["NotALunarDate", "LunarYearOutOfRange"]).toContain(solar.failure._tag)
          expect(solar.failure.message.length).toBeGreaterThan(0)
        }
      }),
      { numRuns: 500 }
    )
    const month13 = Lunar.toSolar({ year: 2026, month: 13, day: 1, leap: false })
    expect(Result.isFailure(month13) && month13.failure.message).toContain("a lunar year has months 1 to 12")
    const fractional = Lunar.toSolar({ year: 2026.5, month: 1, day: 1, leap: false })
    expect(Result.isFailure(fractional) && fractional.failure.message).toBe(
      "lunar year 2026.5 is not one the lunar calendar supports (whole years 1800 to 2199)"
    )
  })

  it("decoding a lunar date gives a value or a typed error on arbitrary input", () => {
    fc.assert(
      fc.property(fc.anything(), (input) => {
        expect(decodeProblem(Lunar.LunarDate, input)).toBeUndefined()
      })
    )
  })

  it("names years as Vietnamese does, in NFC", () => {
    const names = [1984, 1985, 2024, 2025, 2026].map(Lunar.yearName)
    expect(names).toEqual(["Giáp Tý", "Ất Sửu", "Giáp Thìn", "Ất Tỵ", "Bính Ngọ"])
    for (const name of names) expect(name.normalize("NFC")).toBe(name)
    expect(Lunar.format({ year: 2023, month: 2, day: 15, leap: true })).toBe("15/2 nhuận Quý Mão")
  })
})
