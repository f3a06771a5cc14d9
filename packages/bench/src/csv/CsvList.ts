/**
 * A statistics-office unit list (danh mục hành chính) as CSV, of a chosen size, for the import
 * benchmark: three-tier rows (province, district, commune, level) with the export's extra columns
 * (English name and notes: the legal basis of each commune, quoted, with commas and doubled
 * quotes), so a file of 50 MB has about as many rows as the five-digit commune codes allow.
 *
 * One row in a thousand has a commune code whose leading zeros a spreadsheet dropped, so the
 * import also rejects rows. The file is written in pieces and never held whole.
 *
 * @since 0.1.0
 */
import * as fs from "node:fs"
import * as Random from "../generate/Random.ts"

const syllables = [
  "An",
  "Bình",
  "Hòa",
  "Phú",
  "Thạnh",
  "Tân",
  "Long",
  "Hưng",
  "Đông",
  "Tây",
  "Nam",
  "Bắc",
  "Sơn",
  "Thủy",
  "Lộc",
  "Phước",
  "Mỹ",
  "Xuân",
  "Hải",
  "Quang",
  "Thành",
  "Trung",
  "Vĩnh",
  "Yên",
  "Đức",
  "Nghĩa",
  "Kim",
  "Ngọc",
  "Cẩm",
  "Gia"
]

const header = "Mã tỉnh,Tên tỉnh,Mã huyện,Tên huyện,Mã xã,Tên xã,Cấp,Tên tiếng Anh,Ghi chú\r\n"

/** Provinces × districts × communes: the five-digit commune codes allow 99,999. */
const allProvinces = 63
const districtsPerProvince = 11
const communesPerDistrict = 144

/** What a generated list holds, and what an import of it must find. @since 0.1.0 */
export interface CsvList {
  readonly bytes: number
  readonly rows: number
  readonly provinces: number
  readonly districts: number
  readonly communes: number
  /** Rows whose commune code lost its leading zeros. */
  readonly badCodes: number
}

const ascii = (s: string) => s.normalize("NFD").replace(/\p{M}/gu, "").replace(/đ/gu, "d").replace(/Đ/gu, "D")

const quoted = (s: string) => `"${s.replaceAll('"', '""')}"`

/**
 * Writes a list of about `targetBytes` bytes to `file`, the same for the same seed (the first
 * `provinces` of the 63, for tests).
 *
 * @since 0.1.0
 */
export const write = (file: string, targetBytes: number, seed: number, provinces = allProvinces): CsvList => {
  const rows = provinces * districtsPerProvince * communesPerDistrict
  const rowBytes = Math.max(120, Math.floor(targetBytes / rows))
  const fd = fs.openSync(file, "w")
  let bytes = 0
  let badCodes = 0
  const out: Array<string> = []
  const flush = () => {
    const buffer = Buffer.from(out.join(""), "utf8")
    fs.writeSync(fd, buffer)
    bytes += buffer.length
    out.length = 0
  }
  try {
    out.push(`\uFEFF${header}`)
    let commune = 0
    for (let p = 0; p < provinces; p++) {
      const rng = Random.forKey(seed, "csv", p)
      const place = () => `${rng.pick(syllables)} ${rng.pick(syllables)}`
      const provinceCode = String(p + 1).padStart(2, "0")
      const provinceName = `${p < 5 ? "Thành phố" : "Tỉnh"} ${place()}`
      for (let d = 0; d < districtsPerProvince; d++) {
        const districtCode = String(p * districtsPerProvince + d + 1).padStart(3, "0")
        const districtType =
          p < 5 && d < 4 ? "Quận" : rng.pick(["Huyện", "Huyện", "Huyện", "Thị xã", "Thành phố"])
        const districtName = `${districtType} ${place()}`
        for (let c = 0; c < communesPerDistrict; c++) {
          commune++
          const level =
            districtType === "Quận" ? "Phường" : rng.pick(["Xã", "Xã", "Xã", "Xã", "Phường", "Thị trấn"])
          const name = `${place()}${rng.chance(0.2) ? ` ${rng.int(1, 9)}` : ""}`
          let code = String(commune).padStart(5, "0")
          if (commune % 1000 === 0 && code.startsWith("0")) {
            code = String(commune)
            badCodes++
          }
          const english = `${ascii(name)} ${level === "Phường" ? "Ward" : level === "Xã" ? "Commune" : "Township"}`
          const head = `${provinceCode},${provinceName},${districtCode},${districtName},${code},${level} ${name},${level},${english},`
          const room = rowBytes - Buffer.byteLength(head) - 4
          const notes: Array<string> = []
          let length = 0
          while (length < room) {
            const sentence = `Thành lập năm ${rng.int(1976, 2024)} trên cơ sở nhập toàn bộ diện tích tự nhiên, quy mô dân số của xã "${place()}" và xã "${place()}" (Nghị quyết số ${rng.int(100, 1999)}/NQ-UBTVQH${rng.int(13, 15)} ngày ${rng.int(1, 28)}/${rng.int(1, 12)}/${rng.int(2015, 2025)}). `
            notes.push(sentence)
            length += Buffer.byteLength(sentence) + 2
          }
          // Cut to the row's size (in characters, at the notes' bytes per character).
          const text = notes.join("")
          const cut = length <= room ? text : text.slice(0, Math.floor((text.length * room) / length))
          out.push(`${head}${quoted(cut.trim())}\r\n`)
          if (out.length >= 512) flush()
        }
      }
    }
    flush()
  } finally {
    fs.closeSync(fd)
  }
  return {
    bytes,
    rows,
    provinces,
    districts: provinces * districtsPerProvince,
    communes: rows - badCodes,
    badCodes
  }
}
