// The page's script: every change goes through the HTTP API (/api), with the session's CSRF token;
// an error comes back as a typed JSON body (its `_tag`), shown here in Vietnamese in the form's
// alert region, which takes the focus so a screen reader reads it.

const csrf = document.querySelector('meta[name="csrf-token"]')?.getAttribute("content") ?? ""
const labels = JSON.parse(document.getElementById("nhan")?.textContent ?? "{}")
const flashKey = "danvan:flash"

const api = async (method, path, body) => {
  const response = await fetch(path, {
    method,
    credentials: "same-origin",
    headers: { "content-type": "application/json", "x-csrf-token": csrf },
    body: body === undefined ? undefined : JSON.stringify(body)
  })
  const text = await response.text()
  let json
  try {
    json = text === "" ? undefined : JSON.parse(text)
  } catch {
    json = undefined
  }
  return { ok: response.ok, status: response.status, body: json }
}

const indicator = (path) => labels.indicators?.[path] ?? path
const status = (s) => labels.statuses?.[s] ?? s
const action = (a) => labels.actions?.[a] ?? a

/** The Vietnamese words for an error the API answered with. */
const messageOf = (answer) => {
  const e = answer.body ?? {}
  switch (e._tag) {
    case "VersionConflict":
      return [
        `Báo cáo vừa được người khác thay đổi: bạn sửa trên phiên bản ${e.expected}, bản đang lưu là phiên bản ${e.actual}.`,
        "Nội dung bạn nhập vẫn còn trên trang và chưa được lưu. Hãy sao lại phần cần giữ, tải lại trang để xem bản mới nhất rồi sửa tiếp."
      ]
    case "NotPermitted":
      return ["Vai trò của bạn không được thực hiện thao tác này."]
    case "OutsideJurisdiction":
      return [
        "Báo cáo này không thuộc phạm vi đơn vị bạn phụ trách, nên bạn không thể thực hiện thao tác này."
      ]
    case "SeparationOfDuties":
      return ["Người đã gửi báo cáo không được tự duyệt báo cáo đó."]
    case "NotFound":
      return ["Không tìm thấy báo cáo, hoặc báo cáo nằm ngoài phạm vi bạn được xem."]
    case "InvalidReportTransition":
      return [`Báo cáo đang ở trạng thái “${status(e.status)}”, không thể ${action(e.action).toLowerCase()}.`]
    case "ReportLocked":
      return ["Báo cáo đã được duyệt và khóa; cấp trên cần mở lại trước khi sửa."]
    case "ReasonRequired":
      return ["Hãy ghi lý do."]
    case "InconsistentFigures":
      return [
        "Số liệu chưa khớp, báo cáo chưa được gửi:",
        ...(e.violations ?? []).map((v) =>
          v._tag === "BreakdownMismatch"
            ? `Tổng ${v.breakdown === "byField" ? "theo lĩnh vực" : "theo tình trạng"} là ${v.breakdownSum}, khác ${indicator(v.total).toLowerCase()} (${v.totalValue}).`
            : v._tag === "ExceedsBound"
              ? `${indicator(v.indicator)} (${v.value}) lớn hơn ${indicator(v.bound).toLowerCase()} (${v.boundValue}).`
              : `${indicator(v.indicator)}: ${v.value} không phải là số đếm.`
        )
      ]
    case "UnitNotInPeriod":
      return ["Đơn vị không tồn tại trong kỳ báo cáo này."]
    case "ConstraintViolation":
      return ["Dữ liệu trùng với dữ liệu đã có (đơn vị đã có báo cáo kỳ này?). Hãy tải lại trang."]
    case "InvalidInput":
      return ["Dữ liệu nhập chưa hợp lệ.", e.detail ?? ""]
    case "Unauthenticated":
      return ["Phiên đăng nhập đã hết hạn. Hãy đăng nhập lại."]
    case "StoreUnavailable":
      return ["Hệ thống lưu trữ tạm thời không truy cập được. Hãy thử lại sau ít phút."]
    default:
      return [`Có lỗi xảy ra (mã ${answer.status}). Hãy thử lại.`]
  }
}

const errorsOf = (form) =>
  form.closest("section")?.querySelector("#form-errors") ?? document.getElementById("form-errors")
const statusOf = (form) =>
  form.closest("section")?.querySelector("#form-status") ?? document.getElementById("form-status")

const showErrors = (form, answer) => showLines(form, messageOf(answer), answer.body?._tag ?? "")

const showLines = (form, lines, tag) => {
  const box = errorsOf(form)
  if (box === null) return
  const [first, ...rest] = lines
  box.replaceChildren()
  const p = document.createElement("p")
  p.textContent = first
  box.append(p)
  if (rest.length > 0) {
    const ul = document.createElement("ul")
    for (const line of rest.filter((l) => l !== "")) {
      const li = document.createElement("li")
      li.textContent = line
      ul.append(li)
    }
    box.append(ul)
  }
  box.dataset.tag = tag
  box.hidden = false
  box.focus()
}

const busy = (form, on, text) => {
  for (const b of form.querySelectorAll("button")) b.disabled = on
  const s = statusOf(form)
  if (s !== null) s.textContent = on ? text : ""
}

/** After a change: reload the page, with a message for its status region. */
const done = (message) => {
  sessionStorage.setItem(flashKey, message)
  location.reload()
}

const whole = (form, name) => {
  const input = form.elements.namedItem(name)
  const value = input === null ? "" : input.value.trim()
  return /^\d+$/.test(value) ? Number(value) : value === "" ? null : Number.NaN
}

/** The report's content as the form holds it, in the API's shape. */
const contentOf = (form) => {
  const byField = {}
  const byStatus = {}
  for (const input of form.querySelectorAll("input[type=number]")) {
    const [group, key] = input.name.split(".")
    if (group === "byField") byField[key] = whole(form, input.name)
    if (group === "byStatus") byStatus[key] = whole(form, input.name)
  }
  return {
    figures: {
      _tag: "DVK",
      models: whole(form, "models"),
      byField,
      byStatus,
      newModels: whole(form, "newModels"),
      effective: whole(form, "effective"),
      commended: whole(form, "commended"),
      replicated: whole(form, "replicated"),
      exemplaryCases: whole(form, "exemplaryCases"),
      extra: {}
    },
    achievements: form.elements.namedItem("achievements").value,
    shortcomings: form.elements.namedItem("shortcomings").value,
    nextTasks: form.elements.namedItem("nextTasks").value
  }
}

/** Fields left empty or not whole numbers, marked and announced before anything is sent. */
const invalidFields = (form) => {
  const bad = []
  for (const input of form.querySelectorAll("input[type=number]")) {
    const ok = /^\d+$/.test(input.value.trim())
    input.setAttribute("aria-invalid", ok ? "false" : "true")
    if (!ok) bad.push(input)
  }
  return bad
}

const handlers = {
  "create-report": async (form) => {
    busy(form, true, "Đang tạo báo cáo…")
    const answer = await api("POST", "/api/reports", {
      unitId: form.dataset.unitId,
      programme: "DVK",
      periodId: form.dataset.periodId,
      regimeId: form.dataset.regimeId
    })
    busy(form, false)
    if (answer.ok) done("Đã tạo báo cáo. Hãy nhập số liệu rồi lưu.")
    else showErrors(form, answer)
  },
  "save-report": async (form, submitter) => {
    const bad = invalidFields(form)
    if (bad.length > 0) {
      const names = bad.map((i) => form.querySelector(`label[for="${i.id}"]`)?.textContent ?? i.name)
      return showLines(form, [`Hãy nhập số nguyên từ 0 trở lên cho: ${names.join(", ")}.`], "FormIncomplete")
    }
    const id = form.dataset.reportId
    const intent = submitter?.value ?? "save"
    busy(form, true, intent === "submit" ? "Đang lưu và gửi báo cáo…" : "Đang lưu…")
    const saved = await api("PUT", `/api/reports/${encodeURIComponent(id)}/content`, {
      version: Number(form.dataset.version),
      content: contentOf(form)
    })
    if (!saved.ok) {
      busy(form, false)
      return showErrors(form, saved)
    }
    form.dataset.version = String(saved.body.version)
    if (intent !== "submit") {
      busy(form, false)
      return done(`Đã lưu (phiên bản ${saved.body.version}).`)
    }
    const submitted = await api("POST", `/api/reports/${encodeURIComponent(id)}/submit`, {
      version: saved.body.version
    })
    busy(form, false)
    if (submitted.ok) {
      done(
        `Đã gửi báo cáo lần ${submitted.body.revision.revision}${submitted.body.revision.onTime ? ", đúng hạn" : ", muộn so với hạn"}.`
      )
    } else showErrors(form, submitted)
  },
  "approve-report": async (form) => {
    busy(form, true, "Đang duyệt…")
    const answer = await api("POST", `/api/reports/${encodeURIComponent(form.dataset.reportId)}/approve`, {
      version: Number(form.dataset.version)
    })
    busy(form, false)
    if (answer.ok) done("Đã duyệt báo cáo.")
    else showErrors(form, answer)
  },
  "return-report": async (form) => {
    const reason = form.elements.namedItem("reason")
    if (reason.value.trim() === "") {
      reason.setAttribute("aria-invalid", "true")
      showErrors(form, { status: 422, body: { _tag: "ReasonRequired" } })
      return
    }
    busy(form, true, "Đang trả lại…")
    const answer = await api("POST", `/api/reports/${encodeURIComponent(form.dataset.reportId)}/return`, {
      version: Number(form.dataset.version),
      reason: reason.value
    })
    busy(form, false)
    if (answer.ok) done("Đã trả lại báo cáo cho đơn vị.")
    else showErrors(form, answer)
  }
}

/** The sums the total must match, said as the officer types. */
const sums = (form) => {
  const out = document.getElementById("sums")
  if (out === null) return
  const total = (group) =>
    [...form.querySelectorAll(`input[name^="${group}."]`)].reduce((a, i) => a + (Number(i.value) || 0), 0)
  const models = Number(form.elements.namedItem("models").value) || 0
  const byField = total("byField")
  const byStatus = total("byStatus")
  const ok = byField === models && byStatus === models
  out.textContent = `Tổng theo lĩnh vực: ${byField}; tổng theo tình trạng: ${byStatus}${ok ? " (khớp)" : ` (chưa khớp với ${models})`}.`
  out.classList.toggle("mismatch", !ok)
}

document.addEventListener("submit", (event) => {
  const form = event.target
  const handler = handlers[form?.dataset?.action]
  if (handler === undefined) return
  event.preventDefault()
  handler(form, event.submitter).catch(() => showErrors(form, { status: 0, body: { _tag: "Network" } }))
})

document.addEventListener("DOMContentLoaded", () => {
  const flash = sessionStorage.getItem(flashKey)
  if (flash !== null) {
    sessionStorage.removeItem(flashKey)
    const region = document.createElement("p")
    region.className = "flash"
    region.setAttribute("role", "status")
    region.id = "flash"
    document.querySelector("main")?.prepend(region)
    // Set the text after the region is in the page, so assistive technology announces it.
    setTimeout(() => {
      region.textContent = flash
    }, 50)
  }
  const form = document.getElementById("report-form")
  if (form !== null) {
    form.addEventListener("input", () => sums(form))
    sums(form)
  }
})
