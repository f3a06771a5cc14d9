/**
 * The 2021–2025 phase report of the new Ninh Bình province, in Vietnamese.
 */
import type { PhaseReport } from "./phaseReport.ts"

const nf = new Intl.NumberFormat("vi-VN")
const n = (x: number | undefined) => nf.format(x ?? 0)

const oldNames: Readonly<Record<string, string>> = { "35": "Hà Nam", "36": "Nam Định", "37": "Ninh Bình" }
const fieldNames: ReadonlyArray<readonly [string, string]> = [
  ["economy", "Phát triển kinh tế"],
  ["culture-society", "Văn hóa - xã hội"],
  ["security-defence", "Quốc phòng - an ninh"],
  ["political-system", "Xây dựng hệ thống chính trị"]
]

/** The report as plain text. */
export const toText = (r: PhaseReport, top = 10): string => {
  const t = r.totals
  const twice = [...r.countedTimes.values()].filter((c) => c !== 1).length
  const provinceOwn = r.byNewUnit.find((u) => u.level === "province")
  const communes = r.byNewUnit.filter((u) => u.level === "commune")
  const lines = [
    'BÁO CÁO TỔNG KẾT PHONG TRÀO THI ĐUA "DÂN VẬN KHÉO" GIAI ĐOẠN 2021-2025',
    "=====================================================================",
    "",
    `Tỉnh Ninh Bình từ ngày 01/07/2025 (hợp nhất tỉnh Hà Nam, tỉnh Nam Định và tỉnh Ninh Bình): ${n(r.newCommunes.total)} đơn vị hành chính cấp xã (${n(r.newCommunes.communes)} xã, ${n(r.newCommunes.wards)} phường), không còn cấp huyện.`,
    `Kế thừa từ trước ngày 01/07/2025: ${n(r.oldUnits.provinces)} tỉnh, ${n(r.oldUnits.districts)} đơn vị cấp huyện, ${n(r.oldUnits.communes)} đơn vị cấp xã; ${n(r.carriedAtProvince)} đơn vị cấp xã cũ chưa xác định được xã kế thừa trong dữ liệu nên được tính ở cấp tỉnh.`,
    "",
    `1. Tổng số mô hình đăng ký giai đoạn 2021-2025: ${n(r.registered)}`,
    ...Object.entries(r.byOldProvince).map(
      ([code, count]) => `   - đăng ký tại tỉnh ${oldNames[code] ?? code} (cũ): ${n(count)}`
    ),
    "",
    `2. Tổng hợp từ báo cáo của ${n(r.contributions)} đơn vị (${n(communes.length)} xã, phường và cấp tỉnh): ${n(t.models)} mô hình${twice === 0 && t.models === r.registered ? ", khớp với số mô hình đăng ký: không mô hình nào bị tính hai lần" : ""}`,
    ...fieldNames.map(([id, name]) => `   - ${name}: ${n(t[`byField.${id}`])}`),
    `   - được đánh giá hiệu quả: ${n(t.effective)}; được khen thưởng: ${n(t.commended)}`,
    `   - trong đó ${n(r.evaluatedAfterReform)} mô hình của đơn vị cũ được tỉnh mới đánh giá sau ngày 01/07/2025`,
    "",
    `3. Số mô hình theo đơn vị kế thừa (${n(top)} xã, phường nhiều nhất)`,
    ...communes.slice(0, top).map((u) => `   - ${u.name}: ${n(u.models)}`),
    ...(provinceOwn === undefined
      ? []
      : [`   - Cấp tỉnh (cấp huyện cũ và xã chưa xác định xã kế thừa): ${n(provinceOwn.models)}`])
  ]
  return `${lines.join("\n")}\n`
}
