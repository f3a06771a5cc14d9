/** A small six-month report for the tests: two districts reported, one did not. */
import type { SixMonthReport } from "@danvan/core"

const fields = [
  { id: "economy", name: "Phát triển kinh tế" },
  { id: "culture-society", name: "Văn hóa - xã hội" }
]

const figures = (economy: number, culture: number) => ({
  models: economy + culture,
  "byField.economy": economy,
  "byField.culture-society": culture,
  "byStatus.inProgress": economy + culture,
  newModels: 3,
  effective: 2,
  commended: 1,
  replicated: 1,
  exemplaryCases: 4
})

export const report: SixMonthReport.SixMonthReport = {
  unitId: "p",
  unitName: "Tỉnh Ninh Bình",
  unitCode: "37",
  area: "tỉnh",
  programme: "DVK",
  periodId: "2017S1",
  periodLabel: "6 tháng đầu năm 2017",
  nextPeriodLabel: "6 tháng cuối năm 2017",
  phaseLabel: "Giai đoạn 2016-2020",
  asOf: "2017-06-30",
  reportDate: "2017-07-14",
  fields,
  totals: {
    models: 1952,
    "byField.economy": 1200,
    "byField.culture-society": 752,
    "byStatus.inProgress": 1952,
    newModels: 6,
    effective: 4,
    commended: 2,
    replicated: 2,
    exemplaryCases: 8
  },
  units: [
    {
      unitId: "d1",
      code: "369",
      name: "Thành phố Ninh Bình",
      level: "district",
      underId: "d1",
      submission: "onTime",
      deadline: "2017-07-07",
      submittedOn: "2017-07-04",
      figures: figures(1000, 300)
    },
    {
      unitId: "d2",
      code: "376",
      name: "Huyện Kim Sơn",
      level: "district",
      underId: "d2",
      submission: "late",
      deadline: "2017-07-07",
      submittedOn: "2017-07-10",
      figures: figures(200, 452)
    },
    {
      unitId: "d3",
      code: "377",
      name: "Huyện Yên Mô",
      level: "district",
      underId: "d3",
      submission: "missing",
      deadline: "2017-07-07"
    }
  ],
  groups: [
    { unitId: "d1", name: "Thành phố Ninh Bình" },
    { unitId: "d2", name: "Huyện Kim Sơn" },
    { unitId: "d3", name: "Huyện Yên Mô" }
  ],
  expected: 3,
  committees: [
    {
      name: "Ban Chỉ đạo",
      members: [{ post: "Trưởng ban", name: "Nguyễn Tiến Thành", titles: ["Phó Bí thư"] }]
    }
  ],
  directives: [
    {
      number: "20-KH/TU",
      issuedOn: "2016-08-12",
      effectiveFrom: "2016-08-12",
      issuer: "Tỉnh ủy Ninh Bình",
      title: 'Kế hoạch thực hiện phong trào thi đua "Dân vận khéo"',
      replacedBy: []
    }
  ],
  tasks: [{ number: "145-TB/TU", description: '=HYPERLINK("x") tiếp tục đẩy mạnh' }],
  models: [
    {
      name: 'Mô hình "Dân vận khéo" trong xây dựng nông thôn mới',
      unit: "Xã Kim Chính",
      field: "Phát triển kinh tế",
      registeredOn: "2016-09-01",
      status: "commended",
      rating: "excellent"
    }
  ],
  violations: []
}

export const letterhead = {
  parentBody: "Tỉnh ủy Ninh Bình",
  body: "Ban Chỉ đạo thực hiện Quy chế dân chủ ở cơ sở",
  number: "35/BC-BCĐ",
  place: "Ninh Bình",
  signer: { capacity: "TM.", authority: "Ban Chỉ đạo", title: "Trưởng ban", name: "Nguyễn Tiến Thành" },
  recipients: ["Ban Dân vận Trung ương (b/c)", "Các huyện ủy, thành ủy"],
  archive: "VT, BDV"
}
