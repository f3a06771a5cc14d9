/**
 * The Vietnamese words for every enumeration a user reads: unit levels and types, programmes,
 * report statuses and workflow events, model statuses, ratings, commendations and lifecycle
 * events, committee posts, the bodies tasks are addressed to, audit subjects, how a unit reported
 * (on time, late, not at all), the indicators of a report's figures, and the roles and permissions
 * of the access policy.
 *
 * Every output (the terminal text, Markdown, CSV, Excel workbooks, Word documents, report forms)
 * takes its words from here, so a term is spelt the same everywhere and changes in one place. Each
 * table is a `Record` over the enumeration's literals, so adding a literal to a schema without its
 * label fails to compile. The wording follows the documents of the 2017 Ninh Bình conference and
 * Plan 771-KH/BDVTƯ (models, fields, ratings), Law 10/2022/QH15 (QCDC indicators) and the Law on
 * Emulation and Commendation 06/2022/QH15 (forms of commendation). Text is NFC.
 *
 * @since 0.1.0
 */

import type { Role } from "../access/Actor.ts"
import type { Permission } from "../access/Policy.ts"
import type { AuditEntry } from "../audit/AuditEntry.ts"
import type { Post } from "../committee/SteeringCommittee.ts"
import type { Body } from "../directive/Directive.ts"
import type { DirectiveProgramme, Programme } from "../kernel/Programme.ts"
import type {
  CommendationForm,
  CommendationLevel,
  ModelEvent,
  ModelStatus,
  Rating
} from "../model/DvkModel.ts"
import type { ReportEvent, ReportStatus } from "../report/Report.ts"
import type { ReportAction } from "../report/ReportWorkflow.ts"
import type { TaskStatus } from "../report/TaskFollowUp.ts"
import type { UnitLevel, UnitType } from "../unit/Unit.ts"

// ---------------------------------------------------------------------------------------------
// units
// ---------------------------------------------------------------------------------------------

/**
 * Unit levels (cấp): `Cấp tỉnh`, `Cấp huyện`, `Cấp xã`, `Cơ sở`.
 *
 * @category formatting
 * @since 0.1.0
 */
export const unitLevel: Readonly<Record<UnitLevel, string>> = {
  province: "Cấp tỉnh",
  district: "Cấp huyện",
  commune: "Cấp xã",
  grassroots: "Cơ sở"
}

/**
 * Unit types as a noun (loại đơn vị). Territorial types read as the word before a unit's name
 * (`Unit.typeLabel`) with what tells the two kinds of city apart; grassroots types are the three
 * kinds of grassroots unit of Law 10/2022/QH15, Art. 2, and the two others danvan keeps.
 *
 * @category formatting
 * @since 0.1.0
 */
export const unitType: Readonly<Record<UnitType, string>> = {
  province: "Tỉnh",
  centralCity: "Thành phố trực thuộc trung ương",
  ruralDistrict: "Huyện",
  urbanDistrict: "Quận",
  districtTown: "Thị xã",
  provincialCity: "Thành phố thuộc tỉnh",
  municipalCity: "Thành phố thuộc thành phố trực thuộc trung ương",
  commune: "Xã",
  ward: "Phường",
  townlet: "Thị trấn",
  specialZone: "Đặc khu",
  agency: "Cơ quan",
  publicServiceUnit: "Đơn vị sự nghiệp công lập",
  enterprise: "Doanh nghiệp",
  armedForcesUnit: "Đơn vị lực lượng vũ trang",
  massOrganisation: "Tổ chức chính trị - xã hội"
}

// ---------------------------------------------------------------------------------------------
// programmes
// ---------------------------------------------------------------------------------------------

/**
 * The programmes in full.
 *
 * @category formatting
 * @since 0.1.0
 */
export const programme: Readonly<Record<Programme, string>> = {
  QCDC: "Thực hiện dân chủ ở cơ sở",
  DVK: 'Phong trào thi đua "Dân vận khéo"'
}

/**
 * What a directive belongs to.
 *
 * @category formatting
 * @since 0.1.0
 */
export const directiveProgramme: Readonly<Record<DirectiveProgramme, string>> = {
  ...programme,
  OTHER: "Văn bản khác"
}

// ---------------------------------------------------------------------------------------------
// reports
// ---------------------------------------------------------------------------------------------

/**
 * Report statuses.
 *
 * @category formatting
 * @since 0.1.0
 */
export const reportStatus: Readonly<Record<ReportStatus, string>> = {
  draft: "Dự thảo",
  submitted: "Đã gửi",
  returned: "Bị trả lại",
  approved: "Đã duyệt",
  reopened: "Mở lại để sửa"
}

/**
 * Report workflow steps.
 *
 * @category formatting
 * @since 0.1.0
 */
export const reportAction: Readonly<Record<ReportAction, string>> = {
  create: "Tạo báo cáo",
  edit: "Sửa báo cáo",
  submit: "Gửi báo cáo",
  return: "Trả lại báo cáo",
  approve: "Duyệt báo cáo",
  reopen: "Mở lại báo cáo"
}

/**
 * The events of a report's history.
 *
 * @category formatting
 * @since 0.1.0
 */
export const reportEvent: Readonly<Record<ReportEvent["_tag"], string>> = {
  Created: "Tạo báo cáo",
  Edited: "Sửa báo cáo",
  Submitted: "Gửi báo cáo",
  Returned: "Trả lại báo cáo",
  Approved: "Duyệt báo cáo",
  Reopened: "Mở lại báo cáo"
}

/**
 * How a unit expected to report did so (tình hình gửi báo cáo): on time, late, or not at all, as
 * `Rollup.completeness` judges it.
 *
 * @category models
 * @since 0.1.0
 */
export type Submission = "onTime" | "late" | "missing"

/**
 * @category formatting
 * @since 0.1.0
 */
export const submission: Readonly<Record<Submission, string>> = {
  onTime: "Đúng hạn",
  late: "Muộn",
  missing: "Chưa gửi"
}

// ---------------------------------------------------------------------------------------------
// models
// ---------------------------------------------------------------------------------------------

/**
 * Model statuses, as a sentence continues after "mô hình …".
 *
 * @category formatting
 * @since 0.1.0
 */
export const modelStatus: Readonly<Record<ModelStatus, string>> = {
  registered: "đã đăng ký",
  inProgress: "đang triển khai",
  evaluated: "đã đánh giá",
  commended: "được khen thưởng",
  replicated: "đã nhân rộng",
  discontinued: "đã dừng"
}

/**
 * Model statuses as a heading or a cell begins them (capitalised).
 *
 * @category formatting
 * @since 0.1.0
 */
export const modelStatusHeading: Readonly<Record<ModelStatus, string>> = {
  registered: "Đã đăng ký",
  inProgress: "Đang triển khai",
  evaluated: "Đã đánh giá",
  commended: "Được khen thưởng",
  replicated: "Đã nhân rộng",
  discontinued: "Đã dừng"
}

/**
 * How far a unit has got with a task (tiến độ thực hiện nhiệm vụ), as a cell or a drop-down shows
 * it; the words of `TaskFollowUp.TaskStatus`.
 *
 * @category formatting
 * @since 0.1.0
 */
export const taskStatus: Readonly<Record<TaskStatus, string>> = {
  notStarted: "Chưa triển khai",
  inProgress: "Đang thực hiện",
  done: "Đã hoàn thành"
}

/**
 * Ratings of an evaluation (xếp loại).
 *
 * @category formatting
 * @since 0.1.0
 */
export const rating: Readonly<Record<Rating, string>> = {
  excellent: "xuất sắc",
  good: "tốt",
  fair: "khá",
  ineffective: "không hiệu quả"
}

/**
 * The level of the body that commends (cấp khen thưởng).
 *
 * @category formatting
 * @since 0.1.0
 */
export const commendationLevel: Readonly<Record<CommendationLevel, string>> = {
  central: "Trung ương",
  province: "Cấp tỉnh",
  district: "Cấp huyện",
  commune: "Cấp xã",
  agency: "Cơ quan, đơn vị"
}

/**
 * Forms of commendation (Law on Emulation and Commendation 06/2022/QH15).
 *
 * @category formatting
 * @since 0.1.0
 */
export const commendationForm: Readonly<Record<CommendationForm, string>> = {
  certificateOfMerit: "Bằng khen",
  letterOfCommendation: "Giấy khen",
  emulationFlag: "Cờ thi đua",
  other: "Hình thức khác"
}

/**
 * The events of a model's lifecycle.
 *
 * @category formatting
 * @since 0.1.0
 */
export const modelEvent: Readonly<Record<ModelEvent["_tag"], string>> = {
  Registered: "Đăng ký",
  Started: "Triển khai",
  Evaluated: "Đánh giá",
  Commended: "Khen thưởng",
  Replicated: "Nhân rộng",
  Discontinued: "Dừng thực hiện"
}

/**
 * Short names of the default fields (`ModelField.defaults`) for narrow table columns, as the 2017
 * conference's tables abbreviate them; other fields are shown by their name ({@link fieldShort}).
 */
const defaultFieldShort: Readonly<Record<string, string>> = {
  economy: "Kinh tế",
  "culture-society": "VH-XH",
  "security-defence": "QP-AN",
  "political-system": "XD HTCT"
}

/**
 * A field's short name for a narrow column: the usual abbreviation, or its name.
 *
 * @category formatting
 * @since 0.1.0
 */
export const fieldShort = (field: { readonly id: string; readonly name: string }): string =>
  defaultFieldShort[field.id] ?? field.name

// ---------------------------------------------------------------------------------------------
// indicators
// ---------------------------------------------------------------------------------------------

/**
 * The DVK indicators that are single counts (the breakdowns by field and status are labelled by
 * {@link indicator}).
 *
 * @category formatting
 * @since 0.1.0
 */
export const dvkIndicator = {
  models: "Tổng số mô hình",
  newModels: "Mô hình mới",
  effective: "Mô hình được đánh giá hiệu quả",
  commended: "Mô hình được khen thưởng",
  replicated: "Mô hình được nhân rộng",
  exemplaryCases: "Điển hình"
} as const

/**
 * The QCDC indicators (Law 10/2022/QH15; Decree 59/2023/NĐ-CP).
 *
 * @category formatting
 * @since 0.1.0
 */
export const qcdcIndicator = {
  citizenReceptions: "Số cuộc tiếp công dân",
  directDialogues: "Số cuộc đối thoại trực tiếp với Nhân dân",
  complaintsReceived: "Số đơn khiếu nại tiếp nhận",
  complaintsResolved: "Số đơn khiếu nại đã giải quyết",
  denunciationsReceived: "Số đơn tố cáo tiếp nhận",
  denunciationsResolved: "Số đơn tố cáo đã giải quyết",
  supervisionSessions: "Số cuộc giám sát của HĐND",
  questioningSessions: "Số phiên chất vấn của HĐND"
} as const

/**
 * The label of a flat indicator path (`Figures.flatten`): `models` → "Tổng số mô hình",
 * `byField.economy` → the field's name, `byStatus.commended` → "Tình trạng: được khen
 * thưởng" (models whose status it is)… An `extra.<code>` indicator takes its label from `extra` (the province's own names),
 * else its code; an unknown path reads as itself.
 *
 * @category formatting
 * @since 0.1.0
 */
export const indicator = (
  path: string,
  fields: ReadonlyArray<{ readonly id: string; readonly name: string }> = [],
  extra: Readonly<Record<string, string>> = {}
): string => {
  const scalars: Readonly<Record<string, string>> = { ...dvkIndicator, ...qcdcIndicator }
  if (Object.hasOwn(scalars, path)) return scalars[path]!
  const dot = path.indexOf(".")
  const group = path.slice(0, dot)
  const key = path.slice(dot + 1)
  if (group === "byField") return fields.find((f) => f.id === key)?.name ?? key
  if (group === "byStatus" && Object.hasOwn(modelStatusHeading, key)) {
    return `Tình trạng: ${modelStatus[key as ModelStatus]}`
  }
  if (group === "extra") return Object.hasOwn(extra, key) ? extra[key]! : key
  return path
}

// ---------------------------------------------------------------------------------------------
// committees, directives, audit
// ---------------------------------------------------------------------------------------------

/**
 * Posts in a steering committee.
 *
 * @category formatting
 * @since 0.1.0
 */
export const post: Readonly<Record<Post, string>> = {
  head: "Trưởng ban",
  standingDeputy: "Phó Trưởng ban Thường trực",
  deputy: "Phó Trưởng ban",
  member: "Ủy viên",
  secretary: "Thư ký"
}

/**
 * The bodies a task is addressed to collectively.
 *
 * @category formatting
 * @since 0.1.0
 */
export const body: Readonly<Record<Body, string>> = {
  partyCommittee: "Cấp ủy",
  peoplesCouncil: "Hội đồng nhân dân",
  peoplesCommittee: "Ủy ban nhân dân",
  fatherlandFront: "Mặt trận Tổ quốc",
  massOrganisations: "Các đoàn thể chính trị - xã hội",
  steeringCommittee: "Ban Chỉ đạo",
  agencies: "Các cơ quan, đơn vị",
  enterprises: "Doanh nghiệp"
}

/**
 * The kinds of record an audit entry is about.
 *
 * @category formatting
 * @since 0.1.0
 */
export const auditSubject: Readonly<Record<AuditEntry["subjectKind"], string>> = {
  unit: "Đơn vị",
  succession: "Sắp xếp đơn vị",
  directive: "Văn bản chỉ đạo",
  committee: "Ban Chỉ đạo",
  model: "Mô hình",
  coordination: "Chương trình phối hợp",
  report: "Báo cáo",
  referenceData: "Danh mục dùng chung"
}

// ---------------------------------------------------------------------------------------------
// roles (vai trò)
// ---------------------------------------------------------------------------------------------

/**
 * The roles of the default policy (`Policy.defaults`), as a provincial Ban Dân vận calls the
 * people who hold them: `Người xem` (reads), `Cán bộ chuyên trách` (the officer who drafts and
 * submits), `Lãnh đạo` (the leader who reviews and assesses), `Quản trị hệ thống` (maintains units
 * and reference data). An app that defines roles of its own labels them with {@link roleOf}.
 *
 * @category formatting
 * @since 0.1.0
 */
export const role: Readonly<Record<DefaultRole, string>> = {
  viewer: "Người xem",
  officer: "Cán bộ chuyên trách",
  leader: "Lãnh đạo",
  administrator: "Quản trị hệ thống"
}

/**
 * The role names of the default policy, the keys of {@link role}.
 *
 * @category formatting
 * @since 0.1.0
 */
export type DefaultRole = "viewer" | "officer" | "leader" | "administrator"

/**
 * The label of any role: the default policy's from {@link role}, an app's own from `own` (its
 * policy's roles are open), and otherwise the role's name as it is, so a screen never shows an
 * empty label.
 *
 * @category formatting
 * @since 0.1.0
 */
export const roleOf = (name: Role, own: Readonly<Record<string, string>> = {}): string =>
  Object.hasOwn(own, name)
    ? (own[name] ?? name)
    : Object.hasOwn(role, name)
      ? role[name as DefaultRole]
      : name

/**
 * What each permission of a policy allows, in the words of an officer's screen (a role's
 * description, a refusal explained to the person refused).
 *
 * @category formatting
 * @since 0.1.0
 */
export const permission: Readonly<Record<Permission, string>> = {
  "units.maintain": "Cập nhật danh sách đơn vị và việc sắp xếp đơn vị",
  "referenceData.maintain":
    "Cập nhật danh mục dùng chung (lĩnh vực mô hình, chế độ báo cáo, quy tắc kiểm tra)",
  "directives.register": "Đăng ký văn bản chỉ đạo",
  "committees.manage": "Thành lập và kiện toàn Ban Chỉ đạo",
  "models.register": "Đăng ký và triển khai mô hình",
  "models.assess": "Đánh giá, khen thưởng mô hình",
  "models.discontinue": "Dừng mô hình",
  "reports.draft": "Soạn báo cáo",
  "reports.submit": "Gửi báo cáo",
  "reports.review": "Trả lại, duyệt và mở lại báo cáo",
  "records.read": "Xem hồ sơ",
  "audit.read": "Xem nhật ký thao tác"
}
