/**
 * The web page, in Vietnamese, for the two daily jobs of the six-month "Dân vận khéo" report:
 *
 * - a commune's or district's officer fills in the unit's report, saves it (with the version it
 *   read, so a colleague's save is never overwritten unseen) and submits it;
 * - the level above sees which of its units have reported, on time or late, opens a report,
 *   returns or approves it, sees the consolidation of the approved reports, and downloads the
 *   six-month report as Word and Excel files.
 *
 * Pages are rendered on the server from the use cases, as the signed-in person; the page's script
 * (`public/app.js`) makes every change through the HTTP API (`/api`), so the browser is one more
 * client of `@danvan/http-api`. The words of every enumeration come from `Labels`.
 */
import {
  Calendar,
  Configuration,
  Consolidate,
  Deadline,
  Figures,
  FiguresRules,
  Labels,
  type ModelField,
  Page,
  Period,
  Policy,
  type Report,
  Reports,
  type Store,
  Unit,
  Units
} from "@danvan/core"
import { Effect } from "effect"
import type { Session } from "./accounts.ts"
import { workingDay } from "./auth.ts"
import { count, day, html, page, raw, type Signed } from "./html.ts"
import { policy, regime } from "./seed.ts"

/** The text sections of a report, with the headings of a six-month report. */
const sections = [
  ["achievements", "Kết quả đạt được"],
  ["shortcomings", "Tồn tại, hạn chế"],
  ["nextTasks", "Nhiệm vụ thời gian tới"]
] as const

const dvkCounts = ["newModels", "effective", "commended", "replicated", "exemplaryCases"] as const

/** The half-year worked on by default: the one a month ago was in (the report being prepared). */
export const defaultPeriod = (today: string): Period.PeriodId => {
  const d = new Date(`${today}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() - 30)
  return Period.id(Period.halfYear(d.getUTCFullYear(), d.getUTCMonth() < 6 ? 1 : 2))
}

/** The half-years offered: the one of today and the three before it. */
const periodChoices = (today: string): ReadonlyArray<Period.PeriodId> => {
  const year = Number(today.slice(0, 4))
  const half = Number(today.slice(5, 7)) <= 6 ? 1 : 2
  const out: Array<Period.PeriodId> = []
  for (let i = 0, y = year, h = half; i < 4; i++) {
    out.push(Period.id(Period.halfYear(y, h as 1 | 2)))
    if (h === 1) {
      y--
      h = 2
    } else h = 1
  }
  return out
}

const labelOfPeriod = (periodId: Period.PeriodId) => Period.label(Period.fromId(periodId))

/** The header's facts about the signed-in person. */
export const signedOf = (session: Session, unitName: string): Signed => ({
  account: session.account,
  unitName,
  roleLabel: Labels.roleOf(session.account.actor.role),
  workingDay: workingDay(session.account),
  csrf: session.csrf
})

const can = (session: Session, permission: Policy.Permission) =>
  Policy.grants(policy, session.account.actor.role, permission)

/** The period selector. */
const periodForm = (today: string, selected: Period.PeriodId, action: string) => html`
<form method="get" action="${action}" class="period">
  <label for="ky">Kỳ báo cáo</label>
  <select id="ky" name="ky">
    ${periodChoices(today).map(
      (p) => html`<option value="${p}"${p === selected ? raw(" selected") : ""}>${labelOfPeriod(p)}</option>`
    )}
  </select>
  <button type="submit">Xem</button>
</form>`

const statusBadge = (status: Report.ReportStatus | undefined) =>
  status === undefined
    ? html`<span class="badge badge-none">Chưa có</span>`
    : html`<span class="badge badge-${status}">${Labels.reportStatus[status]}</span>`

/** The labels the page's script shows in messages: indicators and statuses. */
const labelsScript = (fields: ReadonlyArray<ModelField.ModelField>) => {
  const paths = Object.keys(Figures.flatten(emptyFigures(fields)))
  const labels = {
    indicators: Object.fromEntries(paths.map((p) => [p, Labels.indicator(p, fields)])),
    statuses: Labels.reportStatus,
    actions: Labels.reportAction
  }
  return raw(
    `<script type="application/json" id="nhan">${JSON.stringify(labels).replace(/</gu, "\\u003c")}</script>`
  )
}

/** The figures with every count 0, over the configured fields: what a new report starts from. */
const emptyFigures = (fields: ReadonlyArray<ModelField.ModelField>): Figures.DvkFigures =>
  FiguresRules.emptyDvk(fields.map((f) => f.id))

const numberInput = (name: string, label: string, value: number, hint?: string) => {
  const id = `f-${name.replace(/\./gu, "-")}`
  return html`<div class="field">
  <label for="${id}">${label}</label>
  <input id="${id}" name="${name}" type="number" inputmode="numeric" min="0" step="1" required value="${value}"${
    hint === undefined ? "" : raw(` aria-describedby="${id}-hint"`)
  }>
  ${hint === undefined ? "" : html`<span class="hint" id="${id}-hint">${hint}</span>`}
</div>`
}

/** The form of a report's content, for the unit's officer. */
const reportForm = (report: Report.Report, fields: ReadonlyArray<ModelField.ModelField>) => {
  const figures = report.content.figures._tag === "DVK" ? report.content.figures : emptyFigures(fields)
  return html`
<form id="report-form" class="report-form" data-action="save-report" data-report-id="${report.id}" data-version="${report.version}" novalidate>
  <div id="form-errors" class="errors" role="alert" tabindex="-1" hidden></div>
  <fieldset>
    <legend>Số lượng mô hình "Dân vận khéo"</legend>
    ${numberInput("models", Labels.dvkIndicator.models, figures.models, "Bằng tổng theo lĩnh vực và tổng theo tình trạng.")}
    <p class="sums" id="sums" aria-live="polite"></p>
  </fieldset>
  <fieldset>
    <legend>Theo lĩnh vực</legend>
    <div class="grid">${fields.map((f) => numberInput(`byField.${f.id}`, f.name, figures.byField[f.id as keyof typeof figures.byField] ?? 0))}</div>
  </fieldset>
  <fieldset>
    <legend>Theo tình trạng</legend>
    <div class="grid">${(
      Object.keys(Labels.modelStatusHeading) as ReadonlyArray<keyof typeof Labels.modelStatusHeading>
    ).map((s) => numberInput(`byStatus.${s}`, Labels.modelStatusHeading[s], figures.byStatus[s] ?? 0))}</div>
  </fieldset>
  <fieldset>
    <legend>Các chỉ tiêu khác</legend>
    <div class="grid">${dvkCounts.map((k) => numberInput(k, Labels.dvkIndicator[k], figures[k]))}</div>
  </fieldset>
  ${sections.map(
    ([key, label]) => html`<div class="field">
    <label for="f-${key}">${label}</label>
    <textarea id="f-${key}" name="${key}" rows="4">${report.content[key]}</textarea>
  </div>`
  )}
  <div class="actions">
    <button type="submit" name="intent" value="save">Lưu</button>
    <button type="submit" name="intent" value="submit" class="primary">Gửi báo cáo</button>
  </div>
  <p id="form-status" class="status" role="status" aria-live="polite"></p>
</form>`
}

/** A report's figures and text, to read. */
const reportView = (report: Report.Report, fields: ReadonlyArray<ModelField.ModelField>) => {
  const flat = Figures.flatten(report.content.figures)
  return html`
<div class="table-wrap" role="region" aria-label="Số liệu báo cáo" tabindex="0">
<table>
  <caption>Số liệu</caption>
  <thead><tr><th scope="col">Chỉ tiêu</th><th scope="col" class="num">Số lượng</th></tr></thead>
  <tbody>${Object.entries(flat).map(
    ([path, n]) =>
      html`<tr><th scope="row">${Labels.indicator(path, fields)}</th><td class="num">${count(n)}</td></tr>`
  )}</tbody>
</table>
</div>
${sections.map(
  ([key, label]) =>
    html`<h3>${label}</h3><p class="text">${report.content[key] === "" ? "(không có)" : report.content[key]}</p>`
)}`
}

const lastReason = (report: Report.Report) => {
  const last = report.events.findLast((e) => e._tag === "Returned" || e._tag === "Reopened")
  return last !== undefined && "reason" in last ? last.reason : undefined
}

const inVietnam = new Intl.DateTimeFormat("vi-VN", {
  timeZone: "Asia/Ho_Chi_Minh",
  day: "2-digit",
  month: "2-digit",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit"
})

/** What the home page shows, gathered through the use cases as the signed-in actor. */
const homeData = (session: Session, periodId: Period.PeriodId) =>
  Effect.gen(function* () {
    const actor = session.account.actor
    const period = Period.fromId(periodId)
    const asOf = Calendar.window(regime.calendar, period).last
    const unit = yield* Units.unit({ unitId: actor.unitId })
    const fields = yield* Configuration.fields()
    const own = yield* Reports.findReport(actor, { unitId: actor.unitId, periodId, programme: "DVK" })
    const jurisdiction = Unit.isValidOn(unit, asOf)
      ? yield* Page.collect((page) => Units.unitsInJurisdiction({ rootId: actor.unitId, asOf, page }))
      : []
    const below = jurisdiction.filter((u) => u.id !== actor.unitId)
    if (below.length === 0 || !can(session, "records.read")) return { unit, fields, own, below: undefined }
    const consolidation = yield* Consolidate.consolidateReport(actor, {
      rootId: actor.unitId,
      periodId,
      programme: "DVK",
      regimeId: regime.id
    })
    const reports = yield* Page.collect((page) =>
      Reports.reports(actor, { rootId: actor.unitId, asOf, periodId, programme: "DVK", page })
    )
    return {
      unit,
      fields,
      own,
      below: { units: below, consolidation, reports: new Map(reports.map((r) => [r.unitId as string, r])) }
    }
  })

type HomeData = Effect.Success<ReturnType<typeof homeData>>

/** The unit's own report for the period. */
const ownSection = (session: Session, data: HomeData, periodId: Period.PeriodId) => {
  const { own, unit, fields } = data
  const editable =
    own !== undefined &&
    can(session, "reports.draft") &&
    ["draft", "returned", "reopened"].includes(own.status)
  const deadline = Unit.isValidOn(unit, Calendar.window(regime.calendar, Period.fromId(periodId)).first)
    ? Deadline.deadline(regime, Period.fromId(periodId), unit.level)
    : undefined
  const reason = own === undefined ? undefined : lastReason(own)
  return html`
<section aria-labelledby="bao-cao-don-vi">
  <h2 id="bao-cao-don-vi">Báo cáo của đơn vị</h2>
  <p class="meta">
    ${statusBadge(own?.status)}
    ${deadline === undefined ? "" : html`<span>Hạn gửi: <time datetime="${deadline}">${day(deadline)}</time></span>`}
    ${own === undefined ? "" : html`<span>Phiên bản ${own.version}${own.revision > 0 ? html`, lần gửi thứ ${own.revision}` : ""}</span>`}
    ${own === undefined ? "" : html`<a href="/bao-cao/${own.id}">Xem chi tiết và lịch sử</a>`}
  </p>
  ${reason === undefined || own?.status === "approved" ? "" : html`<p class="notice">Lý do trả lại: ${reason}</p>`}
  ${
    own === undefined
      ? can(session, "reports.draft")
        ? html`<form id="create-form" data-action="create-report" data-unit-id="${unit.id}" data-period-id="${periodId}" data-regime-id="${regime.id}">
    <p>Đơn vị chưa có báo cáo ${labelOfPeriod(periodId).toLowerCase()}.</p>
    <div id="form-errors" class="errors" role="alert" tabindex="-1" hidden></div>
    <button type="submit" class="primary">Tạo báo cáo</button>
    <p id="form-status" class="status" role="status" aria-live="polite"></p>
  </form>`
        : html`<p>Đơn vị chưa có báo cáo kỳ này.</p>`
      : editable
        ? reportForm(own, fields)
        : reportView(own, fields)
  }
</section>`
}

/** Who below has reported, the consolidation, and the downloads. */
const belowSection = (data: HomeData, periodId: Period.PeriodId) => {
  const below = data.below
  if (below === undefined) return ""
  const { completeness, consolidation } = below.consolidation
  const onTime = new Set<string>(completeness.onTime)
  const late = new Set<string>(completeness.late)
  const levels = ["district", "commune", "grassroots"].filter((level) =>
    below.units.some((u) => u.level === level)
  ) as ReadonlyArray<Unit.UnitLevel>
  const submissionOf = (id: string): Labels.Submission =>
    onTime.has(id) ? "onTime" : late.has(id) ? "late" : "missing"
  const period = Period.fromId(periodId)
  const levelBlock = (level: Unit.UnitLevel, open: boolean) => {
    const units = below.units.filter((u) => u.level === level)
    const submitted = units.filter((u) => submissionOf(u.id) !== "missing").length
    const lateCount = units.filter((u) => submissionOf(u.id) === "late").length
    const approved = units.filter((u) => below.reports.get(u.id)?.status === "approved").length
    const summaryId = `tom-tat-${level}`
    return html`
<details class="level"${open ? raw(" open") : ""}>
  <summary><span id="${summaryId}">${Labels.unitLevel[level]}</span>: <span class="counts" data-level="${level}">đã gửi <strong data-count="submitted">${submitted}</strong>/${units.length}, muộn <strong data-count="late">${lateCount}</strong>, đã duyệt <strong data-count="approved">${approved}</strong></span>
    · hạn gửi ${day(Deadline.deadline(regime, period, level))}</summary>
  <div class="table-wrap" role="region" aria-labelledby="${summaryId}" tabindex="0">
  <table>
    <thead><tr><th scope="col">Đơn vị</th><th scope="col">Báo cáo</th><th scope="col">Thời hạn gửi</th></tr></thead>
    <tbody>${units.map((u) => {
      const r = below.reports.get(u.id)
      const s = submissionOf(u.id)
      return html`<tr data-unit-id="${u.id}">
      <th scope="row">${r === undefined ? Unit.fullName(u) : html`<a href="/bao-cao/${r.id}">${Unit.fullName(u)}</a>`}</th>
      <td>${statusBadge(r?.status)}</td>
      <td><span class="sub sub-${s}">${Labels.submission[s]}</span></td>
    </tr>`
    })}</tbody>
  </table>
  </div>
</details>`
  }
  const order = Object.keys(Figures.flatten(emptyFigures(data.fields)))
  const rank = (path: string) => (order.includes(path) ? order.indexOf(path) : order.length)
  const totals = Object.entries(consolidation.totals).sort(
    ([a], [b]) => rank(a) - rank(b) || a.localeCompare(b)
  )
  return html`
<section aria-labelledby="don-vi-truc-thuoc">
  <h2 id="don-vi-truc-thuoc">Tình hình gửi báo cáo của các đơn vị</h2>
  <p class="meta">${completeness.expected} đơn vị phải báo cáo: đúng hạn ${completeness.onTime.length}, muộn ${completeness.late.length}, chưa gửi ${completeness.missing.length}.</p>
  ${levels.map((level, i) => levelBlock(level, i === 0 && below.units.filter((u) => u.level === level).length <= 40))}
</section>
<section aria-labelledby="tong-hop">
  <h2 id="tong-hop">Tổng hợp số liệu</h2>
  <p>Từ <strong id="so-bao-cao-tong-hop">${consolidation.contributions.length}</strong> báo cáo đã duyệt.</p>
  ${
    totals.length === 0
      ? html`<p>Chưa có báo cáo nào được duyệt trong kỳ.</p>`
      : html`<div class="table-wrap" role="region" aria-labelledby="tong-hop" tabindex="0"><table>
    <thead><tr><th scope="col">Chỉ tiêu</th><th scope="col" class="num">Tổng</th></tr></thead>
    <tbody>${totals.map(
      ([path, n]) =>
        html`<tr><th scope="row">${Labels.indicator(path, data.fields)}</th><td class="num" data-path="${path}">${count(n)}</td></tr>`
    )}</tbody>
  </table></div>`
  }
  <p class="downloads">
    <a class="button" href="/tai-ve/${periodId}/bao-cao.docx" download>Tải báo cáo sơ kết (Word)</a>
    <a class="button" href="/tai-ve/${periodId}/bao-cao.xlsx" download>Tải bảng tổng hợp (Excel)</a>
  </p>
</section>`
}

/** The home page: the period, the unit's own report, and what is below it. */
export const home = (
  session: Session,
  periodId: Period.PeriodId | undefined
): Effect.Effect<string, unknown, Store.Store> =>
  Effect.gen(function* () {
    const today = workingDay(session.account)
    const selected = periodId ?? defaultPeriod(today)
    const data = yield* homeData(session, selected)
    const unitName = Unit.fullName(data.unit)
    const body = html`
<h1>${unitName} <span class="sub-title">${labelOfPeriod(selected)}</span></h1>
${periodForm(today, selected, "/")}
${labelsScript(data.fields)}
${ownSection(session, data, selected)}
${belowSection(data, selected)}`
    return page(`${unitName}, ${labelOfPeriod(selected)}`, body, signedOf(session, unitName))
  })

/** One report: its content and history, and the review of the level it was submitted to. */
export const reportPage = (session: Session, reportId: string): Effect.Effect<string, unknown, Store.Store> =>
  Effect.gen(function* () {
    const actor = session.account.actor
    const report = yield* Reports.report(actor, { reportId })
    const unit = yield* Units.unit({ unitId: report.unitId })
    const mine = yield* Units.unit({ unitId: actor.unitId })
    const fields = yield* Configuration.fields()
    const reviewable =
      report.status === "submitted" && can(session, "reports.review") && report.unitId !== actor.unitId
    const title = `Báo cáo của ${Unit.fullName(unit)}`
    const body = html`
<p><a href="/?ky=${report.periodId}">← Về trang chính</a></p>
<h1>${title} <span class="sub-title">${labelOfPeriod(report.periodId)}</span></h1>
${labelsScript(fields)}
<p class="meta">${statusBadge(report.status)} <span>Phiên bản ${report.version}</span> <span>${Labels.programme[report.programme]}</span></p>
${
  reviewable
    ? html`<section aria-labelledby="xet-duyet" class="review">
  <h2 id="xet-duyet">Xét duyệt</h2>
  <div id="form-errors" class="errors" role="alert" tabindex="-1" hidden></div>
  <form id="approve-form" data-action="approve-report" data-report-id="${report.id}" data-version="${report.version}">
    <button type="submit" class="primary">Duyệt báo cáo</button>
  </form>
  <form id="return-form" data-action="return-report" data-report-id="${report.id}" data-version="${report.version}">
    <div class="field">
      <label for="f-reason">Lý do trả lại</label>
      <textarea id="f-reason" name="reason" rows="3" required aria-describedby="f-reason-hint"></textarea>
      <span class="hint" id="f-reason-hint">Đơn vị sẽ thấy lý do này khi sửa báo cáo.</span>
    </div>
    <button type="submit">Trả lại báo cáo</button>
  </form>
  <p id="form-status" class="status" role="status" aria-live="polite"></p>
</section>`
    : ""
}
<section aria-labelledby="noi-dung-bao-cao">
  <h2 id="noi-dung-bao-cao">Nội dung</h2>
  ${reportView(report, fields)}
</section>
<section aria-labelledby="lich-su">
  <h2 id="lich-su">Lịch sử</h2>
  <ol class="history">${report.events.map(
    (e) =>
      html`<li><time datetime="${e.at}">${inVietnam.format(new Date(e.at))}</time> · ${Labels.reportEvent[e._tag]} · ${e.by.name}${
        "reason" in e ? html` · “${e.reason}”` : ""
      }${e._tag === "Submitted" ? html` · ${e.onTime ? "đúng hạn" : "muộn"}` : ""}</li>`
  )}</ol>
</section>`
    return page(title, body, signedOf(session, Unit.fullName(mine)))
  })

/** The sign-in page; `error` says why the last attempt failed; `demo` lists the demo accounts. */
export const login = (
  error: string | undefined,
  demo: ReadonlyArray<{ readonly username: string; readonly description: string }>,
  password: string | undefined,
  username = ""
) =>
  page(
    "Đăng nhập",
    html`
<h1>Đăng nhập</h1>
<form method="post" action="/dang-nhap" class="login">
  ${error === undefined ? "" : html`<div class="errors" role="alert" id="login-error"><p>${error}</p></div>`}
  <div class="field">
    <label for="username">Tên đăng nhập</label>
    <input id="username" name="username" autocomplete="username" required autofocus value="${username}"${
      error === undefined ? "" : raw(' aria-describedby="login-error" aria-invalid="true"')
    }>
  </div>
  <div class="field">
    <label for="password">Mật khẩu</label>
    <input id="password" name="password" type="password" autocomplete="current-password" required>
  </div>
  <button type="submit" class="primary">Đăng nhập</button>
</form>
${
  demo.length === 0
    ? ""
    : html`<section aria-labelledby="tai-khoan-mau" class="demo">
  <h2 id="tai-khoan-mau">Tài khoản dùng thử</h2>
  <p>Mật khẩu của mọi tài khoản: <code>${password ?? ""}</code></p>
  <ul class="accounts">${demo.map((d) => html`<li><code>${d.username}</code><span>${d.description}</span></li>`)}</ul>
</section>`
}`
  )

/** A page that explains a refusal or a missing record. */
export const problem = (title: string, message: string, signed?: Signed) =>
  page(
    title,
    html`<h1>${title}</h1><p class="notice" role="alert">${message}</p><p><a href="/">Về trang chính</a></p>`,
    signed
  )
