import { existsSync, readFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { describe, expect, it } from "@effect/vitest"
import { Result } from "effect"
import * as fc from "fast-check"
import * as CalendarDate from "../src/kernel/CalendarDate.ts"
import * as Hierarchy from "../src/unit/Hierarchy.ts"
import { fullName, twoTierSince, Unit, type UnitLevel } from "../src/unit/Unit.ts"
import * as UnitImport from "../src/unit/UnitImport.ts"

const day = CalendarDate.unsafeFromString
const unitsDir = new URL("../../../../shared/domain/units/", import.meta.url)
const threeTierPath = fileURLToPath(new URL("units-2024-three-tier.json", unitsDir))
const twoTierPath = fileURLToPath(new URL("units-2026-two-tier.json", unitsDir))
const haveThreeTier = existsSync(threeTierPath)
const haveTwoTier = existsSync(twoTierPath)
if (!haveThreeTier || !haveTwoTier) {
  console.warn(`UnitImport: skipping the dataset tests, ${fileURLToPath(unitsDir)} is absent`)
}

const ok = <A, E>(r: Result.Result<A, E>): A => {
  if (Result.isFailure(r)) throw new Error(`expected success, got ${String(r.failure)}`)
  return r.success
}
const fail = <A, E>(r: Result.Result<A, E>): E => {
  if (Result.isSuccess(r)) throw new Error("expected a failure")
  return r.failure
}
const countByLevel = (units: ReadonlyArray<Unit>) => {
  const counts: Record<UnitLevel, number> = { province: 0, district: 0, commune: 0, grassroots: 0 }
  for (const u of units) counts[u.level]++
  return counts
}
const countByType = (units: ReadonlyArray<Unit>) => {
  const counts: Record<string, number> = {}
  for (const u of units) counts[u.type] = (counts[u.type] ?? 0) + 1
  return counts
}

const threeTier = {
  validFrom: day("2025-01-01"),
  validUntil: twoTierSince
}
const twoTier = { validFrom: twoTierSince }

describe("UnitImport.fromDatasetJson (public dataset)", () => {
  it.skipIf(!haveThreeTier)(
    "imports the 2024 three-tier snapshot: 63 provinces, 696 districts, 10,035 communes, valid",
    () => {
      const result = ok(UnitImport.fromDatasetJson(readFileSync(threeTierPath, "utf8"), threeTier))
      expect(result.rejected).toEqual([])
      expect(result.changed).toEqual([])
      expect(countByLevel(result.added)).toEqual({
        province: 63,
        district: 696,
        commune: 10_035,
        grassroots: 0
      })
      expect(countByType(result.added)).toMatchObject({
        province: 57,
        centralCity: 6,
        ruralDistrict: 508,
        urbanDistrict: 49,
        districtTown: 52,
        // Thủy Nguyên (Hải Phòng) and Thủ Đức (Hồ Chí Minh) are cities under centrally-run cities.
        municipalCity: 2,
        provincialCity: 85,
        commune: 7692,
        ward: 1726,
        townlet: 617
      })
      expect(Hierarchy.validate(result.imported)).toEqual([])
      const h = Hierarchy.make(result.imported)
      const phucXa = Hierarchy.findByCode(h, "00001", day("2025-03-01")) as Unit
      expect(phucXa).toMatchObject({ id: "vn-00001-2025-01-01", type: "ward", name: "Phúc Xá" })
      expect(fullName(phucXa)).toBe("Phường Phúc Xá")
      expect(Hierarchy.ancestors(h, phucXa.id, day("2025-03-01")).map(fullName)).toEqual([
        "Quận Ba Đình",
        "Thành phố Hà Nội"
      ])
      // An island district without communes (`Ward: null` in the file) is imported on its own.
      const bachLongVi = Hierarchy.findByCode(h, "318", day("2025-03-01")) as Unit
      expect(bachLongVi.name).toBe("Bạch Long Vĩ")
      expect(Hierarchy.children(h, bachLongVi.id, day("2025-03-01"))).toEqual([])
      for (const u of result.added) expect(u.name).toBe(u.name.normalize("NFC"))
    }
  )

  it.skipIf(!haveTwoTier)(
    "imports the 2026 two-tier snapshot from 01/07/2025: 34 provinces, 3,321 communes, no district, valid",
    () => {
      const result = ok(UnitImport.fromDatasetJson(readFileSync(twoTierPath, "utf8"), twoTier))
      expect(result.rejected).toEqual([])
      expect(countByLevel(result.added)).toEqual({ province: 34, district: 0, commune: 3321, grassroots: 0 })
      expect(countByType(result.added).specialZone).toBe(13)
      expect(Hierarchy.validate(result.imported)).toEqual([])
      const h = Hierarchy.make(result.imported)
      for (const u of result.added.filter((x) => x.level === "commune")) {
        expect(Hierarchy.parentOf(h, u.id, day("2026-01-01"))?.level).toBe("province")
      }
    }
  )

  it.skipIf(!haveThreeTier || !haveTwoTier)(
    "imports both snapshots side by side: reused codes do not collide",
    () => {
      const before = ok(UnitImport.fromDatasetJson(readFileSync(threeTierPath, "utf8"), threeTier))
      const after = ok(UnitImport.fromDatasetJson(readFileSync(twoTierPath, "utf8"), twoTier))
      const all = [...before.imported, ...after.imported]
      expect(new Set(all.map((u) => u.id)).size).toBe(all.length)
      expect(Hierarchy.validate(all)).toEqual([])
    }
  )

  it.skipIf(!haveThreeTier)(
    "rejects every district (and its communes) when three-tier data would outlive 01/07/2025",
    () => {
      const result = ok(
        UnitImport.fromDatasetJson(readFileSync(threeTierPath, "utf8"), { validFrom: day("2025-01-01") })
      )
      expect(countByLevel(result.added)).toEqual({ province: 63, district: 0, commune: 0, grassroots: 0 })
      expect(result.rejected).toHaveLength(696 + 10_035)
      expect(result.rejected[0]?.reason).toContain("abolished on 2025-07-01")
      expect(result.rejected[1]?.reason).toContain("was rejected")
    }
  )
})

describe("UnitImport.fromDataset (examples)", () => {
  const twoTierSample = [
    {
      Code: "37",
      Name: "Ninh Bình",
      FullName: "Tỉnh Ninh Bình",
      Wards: [
        { Code: "14359", Name: "Hoa Lư", FullName: "Phường Hoa Lư", ProvinceCode: "37" },
        // NFD input and a lower-case type word, as the dataset has once.
        {
          Code: "14362",
          Name: "Nam Hoa Lư".normalize("NFD"),
          FullName: "xã Nam Hoa Lư".normalize("NFD"),
          ProvinceCode: "37"
        },
        { Code: "1437", Name: "Bad code", FullName: "Xã Bad code", ProvinceCode: "37" },
        { Code: "14365", Name: "Nowhere", FullName: "Làng Nowhere", ProvinceCode: "37" },
        { Code: "14368", Name: "Wrong parent", FullName: "Xã Wrong parent", ProvinceCode: "36" },
        { Code: "14359", Name: "Twice", FullName: "Xã Twice", ProvinceCode: "37" },
        { Code: "14371", Name: "", FullName: "Đặc khu Cồn Cỏ", ProvinceCode: "37" }
      ]
    },
    { Code: "01", Name: "Hà Nội", FullName: "Thành phố Hà Nội", Wards: [] },
    {
      Code: "99",
      Name: "Atlantis",
      FullName: "Vương quốc Atlantis",
      Wards: [{ Code: "99999", Name: "X", FullName: "Xã X" }]
    }
  ]

  it("imports what it can and rejects the rest, each with a reason", () => {
    const result = ok(UnitImport.fromDataset(twoTierSample, twoTier))
    expect(result.added.map((u) => [u.id, u.type, u.name])).toEqual([
      ["vn-37-2025-07-01", "province", "Ninh Bình"],
      ["vn-14359-2025-07-01", "ward", "Hoa Lư"],
      ["vn-14362-2025-07-01", "commune", "Nam Hoa Lư"],
      ["vn-14371-2025-07-01", "specialZone", "Cồn Cỏ"],
      ["vn-01-2025-07-01", "centralCity", "Hà Nội"]
    ])
    expect(result.added[2]?.name).toBe("Nam Hoa Lư".normalize("NFC"))
    expect(result.rejected.map((r) => [r.code, r.reason])).toEqual([
      ["1437", expect.stringContaining("5 digits")],
      ["14365", expect.stringContaining("does not start with a commune-level unit type")],
      ["14368", expect.stringContaining('parent code "36"')],
      ["14359", expect.stringContaining("already used by provinces[0].Wards[0]")],
      ["99", expect.stringContaining("province-level unit type")],
      ["99999", expect.stringContaining("was rejected")]
    ])
    expect(result.rejected[0]?.record).toBe("provinces[0].Wards[2] (code 1437)")
    expect(result.added[1]?.parents.map((l) => [l.parentId, l.from, l.until])).toEqual([
      ["vn-37-2025-07-01", "2025-07-01", undefined]
    ])
    expect(Hierarchy.validate(result.imported)).toEqual([])
  })

  it("rejects two-tier data dated before 01/07/2025", () => {
    const result = ok(UnitImport.fromDataset(twoTierSample.slice(0, 1), { validFrom: day("2024-01-01") }))
    expect(result.added.map((u) => u.level)).toEqual(["province"])
    expect(result.rejected.every((r) => r.reason.length > 0)).toBe(true)
    expect(result.rejected.some((r) => r.reason.includes("sits under a district-level unit"))).toBe(true)
  })

  it("reads districts, cities and communes of the three-tier shape", () => {
    const result = ok(
      UnitImport.fromDataset(
        [
          {
            Code: "31",
            Name: "Hải Phòng",
            FullName: "Thành phố Hải Phòng",
            District: [
              {
                Code: "311",
                Name: "Thủy Nguyên",
                FullName: "Thành phố Thủy Nguyên",
                ProvinceCode: "31",
                Ward: null
              },
              {
                Code: "318",
                Name: "Bạch Long Vĩ",
                FullName: "Huyện Bạch Long Vĩ",
                ProvinceCode: "31",
                Ward: null
              }
            ]
          },
          {
            Code: "37",
            Name: "Ninh Bình",
            FullName: "Tỉnh Ninh Bình",
            District: [
              {
                Code: "369",
                Name: "Hoa Lư",
                FullName: "Thành phố Hoa Lư",
                Ward: [
                  { Code: "14359", Name: "Đông Thành", FullName: "Phường Đông Thành", DistrictCode: "369" }
                ]
              },
              { Code: "372", Name: "Tam Điệp", FullName: "Thị xã Tam Điệp", Ward: [] },
              {
                Code: "374",
                Name: "Kim Sơn",
                FullName: "Huyện Kim Sơn",
                Ward: [{ Code: "14500", Name: "Phát Diệm", FullName: "Thị trấn Phát Diệm" }]
              }
            ]
          }
        ],
        threeTier
      )
    )
    expect(result.rejected).toEqual([])
    expect(result.added.map((u) => u.type)).toEqual([
      "centralCity",
      "municipalCity",
      "ruralDistrict",
      "province",
      "provincialCity",
      "ward",
      "districtTown",
      "ruralDistrict",
      "townlet"
    ])
    expect(Hierarchy.validate(result.imported)).toEqual([])
  })

  it("reports changes against existing units, keeping their versions", () => {
    const first = ok(UnitImport.fromDataset(twoTierSample.slice(0, 1), twoTier))
    const [province, hoaLu, ...rest] = first.added as [Unit, Unit, ...Array<Unit>]
    const stored = [
      new Unit({ ...province, name: "Ninh Binh", version: 3 }),
      new Unit({ ...hoaLu, validUntil: day("2026-04-30"), version: 2 }),
      ...rest.map((u) => new Unit({ ...u, version: 1 }))
    ]
    const again = ok(UnitImport.fromDataset(twoTierSample.slice(0, 1), { ...twoTier, existing: stored }))
    expect(again.added).toEqual([])
    expect(again.changed.map((c) => [c.after.id, c.fields, c.after.version])).toEqual([
      ["vn-37-2025-07-01", ["name"], 3],
      ["vn-14359-2025-07-01", ["validUntil"], 2]
    ])
    expect(again.changed[0]?.after.name).toBe("Ninh Bình")
    expect(again.changed[1]?.after.validUntil).toBeUndefined()
    expect(again.unchanged.map((u) => u.id)).toEqual(rest.map((u) => u.id))
    expect(again.imported).toHaveLength(first.imported.length)
  })

  it("uses the caller's id scheme, and rejects ids it cannot use", () => {
    const mine = ok(
      UnitImport.fromDataset(twoTierSample.slice(1, 2), {
        ...twoTier,
        idOf: (k) => `hn-${k.level}-${k.code}`
      })
    )
    expect(mine.added.map((u) => u.id)).toEqual(["hn-province-01"])
    const bad = ok(
      UnitImport.fromDataset(twoTierSample.slice(1, 2), { ...twoTier, idOf: (k) => `bad id ${k.code}` })
    )
    expect(bad.added).toEqual([])
    expect(bad.rejected[0]?.reason).toContain("not an id")
    const clash = ok(UnitImport.fromDataset(twoTierSample.slice(0, 1), { ...twoTier, idOf: () => "same" }))
    expect(clash.added).toHaveLength(1)
    expect(clash.rejected.some((r) => r.reason.includes("already given to"))).toBe(true)
  })

  it("fails with a typed error naming the malformed record", () => {
    const badWard = fail(
      UnitImport.fromDataset(
        [
          {
            Code: "37",
            Name: "Ninh Bình",
            FullName: "Tỉnh Ninh Bình",
            Wards: [
              { Code: "14359", Name: "Hoa Lư", FullName: "Phường Hoa Lư" },
              { Code: 14362, Name: "X", FullName: "Xã X" }
            ]
          }
        ],
        twoTier
      )
    )
    expect(badWard._tag).toBe("MalformedImport")
    expect(badWard.message).toContain("provinces[0].Wards[1]")
    expect(badWard.message).toContain("Code")
    expect(fail(UnitImport.fromDataset({ provinces: [] }, twoTier)).message).toContain("array of provinces")
    expect(
      fail(UnitImport.fromDataset([{ Code: "01", Name: "Hà Nội", FullName: "Thành phố Hà Nội" }], twoTier))
        .message
    ).toContain("neither District")
    expect(
      fail(
        UnitImport.fromDataset(
          [{ Code: "01", Name: "A", FullName: "Tỉnh A", District: [{}], Wards: [{}] }],
          twoTier
        )
      ).message
    ).toContain("both District")
    expect(fail(UnitImport.fromDatasetJson("[{", twoTier)).message).toContain("not JSON")
    expect(
      fail(UnitImport.fromDataset([], { validFrom: day("2025-07-01"), validUntil: day("2025-07-01") }))._tag
    ).toBe("InvalidImportOptions")
  })

  it("returns a value or a typed error for any input, never throws (property)", () => {
    fc.assert(
      fc.property(fc.anything(), (input) => {
        const r = UnitImport.fromDataset(input, twoTier)
        if (Result.isFailure(r)) expect(r.failure._tag).toBe("MalformedImport")
      })
    )
    // Records that are mostly well formed (codes of the right length, names with a type word), with
    // a wrong code, name or field now and then, so that imports succeed, partly or wholly.
    const code = (digits: number) =>
      fc.oneof(
        { weight: 4, arbitrary: fc.stringMatching(new RegExp(`^\\d{${digits}}$`, "u")) },
        { weight: 1, arbitrary: fc.oneof(fc.string(), fc.stringMatching(/^\d{1,6}$/u)) }
      )
    const named = (digits: number, words: ReadonlyArray<string>) =>
      fc.record({
        Code: code(digits),
        Name: fc.oneof(fc.constant("Hoa Lư"), fc.constant(""), fc.string()),
        FullName: fc.oneof(
          { weight: 4, arbitrary: fc.constantFrom(...words).map((w) => `${w} Hoa Lư`) },
          { weight: 1, arbitrary: fc.string() }
        )
      })
    const wardArb = named(5, ["Xã", "Phường", "Thị trấn", "Đặc khu", "Huyện"])
    const districtArb = fc
      .tuple(
        named(3, ["Huyện", "Quận", "Thị xã", "Thành phố", "Xã"]),
        fc.oneof(fc.constant(null), fc.array(wardArb, { maxLength: 3 }))
      )
      .map(([district, Ward]) => ({ ...district, Ward }))
    const recordArb = fc.oneof(
      {
        weight: 6,
        arbitrary: fc
          .tuple(
            named(2, ["Tỉnh", "Thành phố", "Huyện"]),
            fc.boolean(),
            fc.array(wardArb, { maxLength: 3 }),
            fc.array(districtArb, { maxLength: 2 })
          )
          .map(([province, twoTiers, wards, districts]) =>
            twoTiers ? { ...province, Wards: wards } : { ...province, District: districts }
          )
      },
      {
        weight: 1,
        arbitrary: fc.record(
          {
            Code: fc.oneof(fc.stringMatching(/^\d{2,5}$/u), fc.string(), fc.integer()),
            Name: fc.oneof(fc.string(), fc.constant("Hoa Lư")),
            FullName: fc.oneof(fc.string(), fc.constantFrom("Tỉnh A", "Thành phố B", "Huyện C", "Xã D")),
            Wards: fc.oneof(fc.constant(null), fc.array(fc.anything(), { maxLength: 3 })),
            District: fc.array(
              fc.dictionary(fc.constantFrom("Code", "Name", "FullName", "Ward"), fc.anything()),
              { maxLength: 2 }
            )
          },
          { requiredKeys: [] }
        )
      }
    )
    /** The records of a dataset file: provinces, their districts, and the communes of both. */
    const recordCount = (input: ReadonlyArray<Record<string, unknown>>) =>
      input.reduce((n, province) => {
        const districts = (province.District ?? []) as ReadonlyArray<Record<string, unknown>>
        const wards = (province.Wards ?? []) as ReadonlyArray<unknown>
        const districtWards = districts.reduce(
          (k, d) => k + ((d.Ward ?? []) as ReadonlyArray<unknown>).length,
          0
        )
        return n + 1 + districts.length + wards.length + districtWards
      }, 0)
    let imported = 0
    let refused = 0
    fc.assert(
      fc.property(fc.array(recordArb, { maxLength: 4 }), fc.boolean(), (input, open) => {
        const r = UnitImport.fromDataset(input, open ? twoTier : threeTier)
        if (Result.isSuccess(r)) {
          const { added, changed, unchanged, rejected } = r.success
          // Every record of the file is imported or rejected with a reason: none is lost.
          expect(r.success.imported.length).toBe(added.length + changed.length + unchanged.length)
          expect(r.success.imported.length + rejected.length).toBe(recordCount(input))
          for (const rejection of rejected) expect(rejection.reason.length).toBeGreaterThan(0)
          expect(Hierarchy.validate(r.success.imported)).toEqual([])
          imported += r.success.imported.length
          refused += rejected.length
        }
      }),
      { numRuns: 300 }
    )
    // The generator reaches files that import something, and records rejected one by one, not
    // only files refused whole.
    expect(imported).toBeGreaterThan(0)
    expect(refused).toBeGreaterThan(0)
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json()), (text) => {
        const r = UnitImport.fromDatasetJson(text, twoTier)
        if (Result.isFailure(r)) expect(r.failure._tag).toBe("MalformedImport")
      })
    )
  })
})

describe("UnitImport.fromStatisticsCsv", () => {
  // A byte order mark, a header, CRLF line ends, quoted fields (one with a comma, one with a
  // doubled quote), a district without communes, and bad rows: an unknown level, a code that lost
  // its leading zero, a district code reused under another province, a province renamed midway.
  const csv = [
    "\uFEFFMã tỉnh,Tên tỉnh,Mã huyện,Tên huyện,Mã xã,Tên xã,Cấp",
    "37,Tỉnh Ninh Bình,369,Thành phố Hoa Lư,14359,Phường Đông Thành,Phường",
    '37,Tỉnh Ninh Bình,369,Thành phố Hoa Lư,14362,"Xã Ninh Nhất",Xã',
    '"37","Tỉnh Ninh Bình","374","Huyện Kim Sơn","14500","Thị trấn Phát Diệm","Thị trấn"',
    '37,Tỉnh Ninh Bình,374,Huyện Kim Sơn,14503,"Xã ""Kim"", Tân",Xã',
    "37,Tỉnh Ninh Bình,372,Thị xã Tam Điệp,,,",
    "01,Thành phố Hà Nội,001,Quận Ba Đình,00001,Phúc Xá,Phường",
    "01,Thành phố Hà Nội,001,Quận Ba Đình,00004,Trúc Bạch,Làng",
    "01,Thành phố Hà Nội,001,Quận Ba Đình,0007,Cống Vị,Phường",
    "01,Thành phố Hà Nội,369,Huyện Nowhere,00010,Xã Nowhere,Xã",
    "01,Hà Nội thành phố,001,Quận Ba Đình,00013,Quán Thánh,Phường",
    ""
  ].join("\r\n")

  it("imports the rows it can and rejects the bad ones with reasons", () => {
    const result = ok(UnitImport.fromStatisticsCsv(csv, threeTier))
    expect(result.added.map((u) => [u.code, u.type, u.name])).toEqual([
      ["37", "province", "Ninh Bình"],
      ["369", "provincialCity", "Hoa Lư"],
      ["14359", "ward", "Đông Thành"],
      ["14362", "commune", "Ninh Nhất"],
      ["374", "ruralDistrict", "Kim Sơn"],
      ["14500", "townlet", "Phát Diệm"],
      ["14503", "commune", '"Kim", Tân'],
      ["372", "districtTown", "Tam Điệp"],
      ["01", "centralCity", "Hà Nội"],
      ["001", "urbanDistrict", "Ba Đình"],
      ["00001", "ward", "Phúc Xá"]
    ])
    expect(result.rejected.map((r) => [r.record, r.reason])).toEqual([
      [
        "line 8 (commune 00004)",
        expect.stringContaining('the level "Làng" is not one of Xã, Phường, Thị trấn, Đặc khu')
      ],
      ["line 9 (commune 0007)", expect.stringContaining("leading zeros")],
      [
        "line 10",
        expect.stringContaining('district 369 is "Thành phố Hoa Lư" of province 37 on an earlier line')
      ],
      ["line 11", expect.stringContaining("province 01 is named")]
    ])
    expect(Hierarchy.validate(result.imported)).toEqual([])
    const h = Hierarchy.make(result.imported)
    const phatDiem = Hierarchy.findByCode(h, "14500", day("2025-03-01")) as Unit
    expect(Hierarchy.ancestors(h, phatDiem.id, day("2025-03-01")).map(fullName)).toEqual([
      "Huyện Kim Sơn",
      "Tỉnh Ninh Bình"
    ])
  })

  it("reads two-tier rows with empty district columns, a semicolon delimiter and LF line ends", () => {
    const text = [
      "37;Tỉnh Ninh Bình;;;14359;Phường Hoa Lư;Phường",
      "37;Tỉnh Ninh Bình;;;14362;Đặc khu Bạch Long Vĩ;Đặc khu",
      "22;Tỉnh Quảng Ninh;;;07000;Vân Đồn;Đặc khu"
    ].join("\n")
    const result = ok(UnitImport.fromStatisticsCsv(text, { ...twoTier, delimiter: ";" }))
    expect(result.rejected).toEqual([])
    expect(result.added.map((u) => [u.type, u.name])).toEqual([
      ["province", "Ninh Bình"],
      ["ward", "Hoa Lư"],
      ["specialZone", "Bạch Long Vĩ"],
      ["province", "Quảng Ninh"],
      ["specialZone", "Vân Đồn"]
    ])
    expect(Hierarchy.validate(result.imported)).toEqual([])
  })

  it("rejects district rows when the units would be valid after 01/07/2025", () => {
    const result = ok(UnitImport.fromStatisticsCsv(csv, { validFrom: day("2025-01-01") }))
    expect(result.added.every((u) => u.level === "province")).toBe(true)
    expect(result.rejected.some((r) => r.reason.includes("abolished"))).toBe(true)
  })

  it("fails with a typed error naming the line of a malformed record", () => {
    const unclosed = fail(
      UnitImport.fromStatisticsCsv('37,Tỉnh Ninh Bình,,,14359,"Phường Hoa Lư,Phường\n', twoTier)
    )
    expect(unclosed).toMatchObject({ _tag: "MalformedImport", record: "line 1" })
    expect(unclosed.message).toContain("not closed")
    const short = fail(
      UnitImport.fromStatisticsCsv(
        "37,Tỉnh Ninh Bình,,,14359,Phường Hoa Lư,Phường\r\n37,Tỉnh Ninh Bình\r\n",
        twoTier
      )
    )
    expect(short).toMatchObject({ _tag: "MalformedImport", record: "line 2" })
    expect(short.message).toContain("2 columns")
    const stray = fail(
      UnitImport.fromStatisticsCsv('37,"Tỉnh" Ninh Bình,,,14359,Phường Hoa Lư,Phường', twoTier)
    )
    expect(stray.message).toContain("after a closing quote")
  })

  it("returns a value or a typed error for any text, never throws (property)", () => {
    const cell = fc.oneof(
      fc.string(),
      fc.constantFrom("37", "Tỉnh Ninh Bình", "", '"', "14359", "Xã", "Phường Hoa Lư", ",", "\r\n")
    )
    const csvArb = fc
      .array(fc.array(cell, { maxLength: 8 }), { maxLength: 5 })
      .map((rows) => rows.map((r) => r.join(",")).join("\n"))
    fc.assert(
      fc.property(fc.oneof(fc.string(), csvArb), fc.boolean(), (text, open) => {
        const r = UnitImport.fromStatisticsCsv(text, open ? twoTier : threeTier)
        if (Result.isFailure(r)) expect(r.failure._tag).toBe("MalformedImport")
        else expect(Hierarchy.validate(r.success.imported)).toEqual([])
      })
    )
  })
})
