/**
 * Importing the country's (or a province's) administrative units from the two formats they are
 * published in:
 * - the public dataset "vietnamese-provinces-database" (JSON): an array of provinces, each with
 *   `District: [...]` whose items have `Ward: [...]` (three tiers, before 01/07/2025), or with
 *   `Wards: [...]` carrying `ProvinceCode` (two tiers, from 01/07/2025);
 * - the statistics office's CSV export (danh mục hành chính): one row per commune, columns
 *   province code, province name, district code, district name, commune code, commune name,
 *   level; the district columns are empty for two-tier data. A file of any size can be read in
 *   chunks ({@link fromStatisticsCsvChunks}); the work is linear in its length.
 *
 * The statistics office's codes have 2 digits for a province, 3 for a district and 5 for a commune
 * (Decision 124/2004/QĐ-TTg; from 2025 Decision 19/2025/QĐ-TTg). The files carry no dates, so the
 * caller says from when (and until when) the imported units are valid, and the parent of every
 * unit is stored as a dated link, never derived from a code.
 *
 * Unit types come from the word that starts the full name: Tỉnh, Thành phố (a province or a
 * centrally-run city); Huyện, Quận, Thị xã, Thành phố (district level; a "Thành phố" under a
 * province is a provincial city, under a centrally-run city a municipal city); Xã, Phường, Thị trấn,
 * Đặc khu (commune level). Names are stored in NFC without that word (`Unit.fullName` puts it
 * back).
 *
 * Two kinds of problem are told apart:
 * - a file or record that does not have the expected shape (not text, not JSON, a field missing or
 *   of the wrong type, a CSV row with too few columns, an unclosed quote) fails the whole import
 *   with a typed {@link MalformedImport} that names the record; nothing is imported;
 * - a well-formed record whose content cannot be accepted (an unknown unit type, a code with the
 *   wrong number of digits, a district-level unit valid on or after 01/07/2025, a code used twice,
 *   a name that is not a sensible Vietnamese name: control characters, U+FFFD, look-alike letters
 *   of other scripts, nothing visible; see `Text.vietnameseNameProblem`) is listed in `rejected`
 *   with its reason, together with the records below it, and the rest is imported.
 *
 * The modules behind it: `import/Types` (options, results, errors), `import/Build` (building and
 * diffing), `import/Dataset` (the JSON dataset), `import/CsvReader` and `import/StatisticsCsv`
 * (the CSV export).
 *
 * @since 0.1.0
 */
export {
  DatasetDistrict,
  DatasetFile,
  DatasetProvince,
  DatasetWard,
  fromDataset,
  fromDatasetJson
} from "./import/Dataset.ts"
export {
  CsvRow,
  fromStatisticsCsv,
  fromStatisticsCsvChunks,
  type StatisticsCsvImport,
  statisticsCsvImport
} from "./import/StatisticsCsv.ts"
export {
  type Change,
  type ChangedField,
  type CsvOptions,
  defaultId,
  type IdKey,
  type ImportError,
  type ImportOptions,
  type ImportResult,
  ImportSourceFailed,
  InvalidImportOptions,
  MalformedImport,
  type Rejection
} from "./import/Types.ts"
