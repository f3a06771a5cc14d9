/**
 * The district-level reports of the first six months of 2017 (DVK programme) and how each went
 * through the workflow.
 *
 * The article gives the province's total, 1,952 models in four fields; how they split by field and
 * by district, and every other count, is **illustrative** (chosen so that the seven reports that
 * reached the province sum to 1,952). The submission dates are illustrative too, chosen to show
 * completeness under the Party reporting regime (`Regime.defaults.party`: the half-year closes on
 * 30/06/2017 and a district is due 5 working days later, on 07/07/2017):
 * - Nho Quan and Kim Sơn submit late; Kim Sơn's report is returned once and submitted again;
 * - Yên Mô drafts its report but never submits it, so it is missing from the consolidation.
 */
import type { DistrictCode } from "./units.ts"

/** Counts of one district's report. `byField` is in the order of `ModelField.defaults`. */
export interface DistrictFigures {
  readonly models: number
  readonly byField: readonly [
    economy: number,
    cultureSociety: number,
    securityDefence: number,
    politicalSystem: number
  ]
  readonly newModels: number
  /** Models whose latest step is an evaluation, a commendation, a replication, a discontinuation. */
  readonly evaluated: number
  readonly commended: number
  readonly replicated: number
  readonly discontinued: number
  readonly effective: number
  readonly exemplaryCases: number
}

/** A step of a report's workflow after its creation, on a day (09:00 in Vietnam). */
export type ReportStep =
  | { readonly _tag: "Submitted"; readonly on: string }
  | { readonly _tag: "Returned"; readonly on: string; readonly reason: string }
  | { readonly _tag: "Edited"; readonly on: string; readonly shortcomings: string }
  | { readonly _tag: "Approved"; readonly on: string }

/** One district's report and its workflow. */
export interface DistrictReport {
  readonly code: DistrictCode
  readonly createdOn: string
  readonly figures: DistrictFigures
  /** Without the shortcomings the province asked Kim Sơn for. */
  readonly shortcomings: string
  readonly steps: ReadonlyArray<ReportStep>
}

const figures = (
  byField: DistrictFigures["byField"],
  newModels: number,
  evaluated: number,
  commended: number,
  replicated: number,
  discontinued: number,
  effective: number,
  exemplaryCases: number
): DistrictFigures => ({
  models: byField.reduce((a, b) => a + b, 0),
  byField,
  newModels,
  evaluated,
  commended,
  replicated,
  discontinued,
  effective,
  exemplaryCases
})

const usual = "Một số mô hình chưa được sơ kết, đánh giá kịp thời."
const submittedThenApproved = (submitted: string, approved: string): ReadonlyArray<ReportStep> => [
  { _tag: "Submitted", on: submitted },
  { _tag: "Approved", on: approved }
]

/** The reports, by district code. */
export const districtReports: ReadonlyArray<DistrictReport> = [
  {
    code: "369",
    createdOn: "2017-06-26",
    figures: figures([92, 81, 47, 58], 21, 64, 9, 5, 2, 70, 12),
    shortcomings: usual,
    steps: submittedThenApproved("2017-07-04", "2017-07-12")
  },
  {
    code: "370",
    createdOn: "2017-06-27",
    figures: figures([64, 52, 31, 39], 14, 41, 6, 3, 1, 45, 8),
    shortcomings: usual,
    steps: submittedThenApproved("2017-07-05", "2017-07-12")
  },
  {
    code: "372",
    createdOn: "2017-06-28",
    figures: figures([131, 94, 52, 65], 30, 77, 11, 6, 3, 86, 15),
    shortcomings: usual,
    steps: submittedThenApproved("2017-07-11", "2017-07-13")
  },
  {
    code: "373",
    createdOn: "2017-06-28",
    figures: figures([98, 73, 41, 53], 19, 60, 8, 4, 2, 66, 11),
    shortcomings: usual,
    steps: submittedThenApproved("2017-07-06", "2017-07-12")
  },
  {
    code: "374",
    createdOn: "2017-06-26",
    figures: figures([86, 65, 37, 43], 17, 52, 10, 7, 1, 63, 10),
    shortcomings: usual,
    steps: submittedThenApproved("2017-07-03", "2017-07-12")
  },
  {
    code: "375",
    createdOn: "2017-06-29",
    figures: figures([112, 81, 44, 57], 22, 66, 9, 5, 2, 72, 13),
    shortcomings: usual,
    steps: submittedThenApproved("2017-07-07", "2017-07-12")
  },
  {
    code: "376",
    createdOn: "2017-06-30",
    figures: figures([139, 97, 53, 67], 27, 80, 12, 6, 3, 90, 16),
    shortcomings: "",
    steps: [
      { _tag: "Submitted", on: "2017-07-10" },
      { _tag: "Returned", on: "2017-07-11", reason: "Đề nghị bổ sung phần tồn tại, hạn chế." },
      { _tag: "Edited", on: "2017-07-12", shortcomings: usual },
      { _tag: "Submitted", on: "2017-07-12" },
      { _tag: "Approved", on: "2017-07-13" }
    ]
  },
  {
    code: "377",
    createdOn: "2017-07-03",
    figures: figures([0, 0, 0, 0], 0, 0, 0, 0, 0, 0, 0),
    shortcomings: "",
    steps: []
  }
]
