/**
 * The province's two steering committees (Ban chỉ đạo) as the 2017 article names them: the BCĐ
 * for implementing QCDC and the BCĐ for the "Dân vận khéo" movement.
 *
 * The people and their titles are the article's (paragraphs 1 and 8). The article does not say who
 * holds which post in which committee, nor when the committees were set up: the composition below
 * (who is head, standing deputy, deputy or member) and the dates are **illustrative**, a plausible
 * arrangement in which the Standing Deputy Secretary heads the QCDC committee and the head of the
 * Mass Mobilisation Commission heads the DVK committee.
 */
import type { Committees, Ids } from "@danvan/core"

type Input = Committees.ComposeCommitteeInput

/** The first day of both committees' terms (illustrative). */
export const activeFrom = "2016-01-01"

const person = (id: string, name: string, titles: ReadonlyArray<string>) => ({ id, name, titles })

/** The people the article names, with the titles it gives them. */
export const people = {
  thanh: person("nb-person-nguyen-tien-thanh", "Nguyễn Tiến Thành", ["Phó Bí thư Thường trực Tỉnh ủy"]),
  hoa: person("nb-person-bui-mai-hoa", "Bùi Mai Hoa", ["TVTU", "Phó Chủ tịch HĐND tỉnh"]),
  thin: person("nb-person-tong-quang-thin", "Tống Quang Thìn", ["TVTU", "Phó Chủ tịch UBND tỉnh"]),
  tuat: person("nb-person-mai-van-tuat", "Mai Văn Tuất", ["TVTU", "Trưởng ban Dân vận Tỉnh ủy"]),
  ngoc: person("nb-person-pham-quang-ngoc", "Phạm Quang Ngọc", ["TVTU", "Trưởng ban Tuyên giáo Tỉnh ủy"])
} as const

type Person = (typeof people)[keyof typeof people]
type Post = "head" | "standingDeputy" | "deputy" | "member"

const membership = (p: Person, post: Post) => ({
  personId: p.id,
  personName: p.name,
  post,
  titles: p.titles,
  from: activeFrom
})

/** The committees' ids. */
export const committeeIds = { qcdc: "nb-bcd-qcdc", dvk: "nb-bcd-dvk" } as const

/** The two committees of the province, with their (illustrative) composition. */
export const committees = (provinceId: Ids.UnitId): ReadonlyArray<Input & { readonly id: string }> => [
  {
    id: committeeIds.qcdc,
    unitId: provinceId,
    name: "Ban Chỉ đạo thực hiện Quy chế dân chủ ở cơ sở tỉnh Ninh Bình",
    programmes: ["QCDC"],
    activeFrom,
    memberships: [
      membership(people.thanh, "head"),
      membership(people.tuat, "standingDeputy"),
      membership(people.hoa, "deputy"),
      membership(people.thin, "deputy"),
      membership(people.ngoc, "member")
    ]
  },
  {
    id: committeeIds.dvk,
    unitId: provinceId,
    name: 'Ban Chỉ đạo phong trào thi đua "Dân vận khéo" tỉnh Ninh Bình',
    programmes: ["DVK"],
    activeFrom,
    memberships: [
      membership(people.tuat, "head"),
      membership(people.thin, "deputy"),
      membership(people.hoa, "member"),
      membership(people.ngoc, "member")
    ]
  }
]
