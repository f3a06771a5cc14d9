/**
 * The app's routes: the HTTP API of `@danvan/http-api` under `/api` (with its OpenAPI document and
 * a reference page at `/api/docs`), the sign-in and sign-out forms, the pages, the downloads of the
 * six-month report, and the page's stylesheet and script.
 */
import { readFileSync } from "node:fs"
import {
  Actor,
  CalendarDate,
  Danvan,
  Labels,
  Period,
  Policy,
  SixMonthReport,
  type Store,
  StoreError,
  Unit,
  Units,
  UseCaseErrors
} from "@danvan/core"
import { ApiServer, DanvanApi } from "@danvan/http-api"
import { WordDocument, Workbook } from "@danvan/office"
import { Cause, Clock, Effect, Layer, Option, Schema } from "effect"
import { HttpRouter, type HttpServerRequest, HttpServerResponse, UrlParams } from "effect/http"
import { HttpApiScalar } from "effect/http-api"
import { Accounts, type Session } from "./accounts.ts"
import {
  AuthenticatorLive,
  clearedCookie,
  csrfProblem,
  nowOf,
  sessionCookie,
  sessionOf,
  workingDay
} from "./auth.ts"
import * as Pages from "./pages.ts"
import { demoAccounts, demoPassword, policy, regime } from "./seed.ts"

/** How the app serves. */
export interface Options {
  /** Mark the session cookie `Secure` (when the app is reached over HTTPS). */
  readonly secureCookies: boolean
  /** List the demonstration accounts and their password on the sign-in page. */
  readonly demo: boolean
}

const asset = (name: string) => readFileSync(new URL(`../public/${name}`, import.meta.url), "utf8")

const assets = {
  "app.css": { type: "text/css; charset=utf-8", body: asset("app.css") },
  "app.js": { type: "text/javascript; charset=utf-8", body: asset("app.js") }
} as const

const securityHeaders = {
  "content-security-policy":
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
  "x-content-type-options": "nosniff",
  "referrer-policy": "same-origin",
  "cache-control": "no-store"
}

const htmlResponse = (markup: string, status = 200) =>
  HttpServerResponse.text(markup, {
    status,
    contentType: "text/html; charset=utf-8",
    headers: securityHeaders
  })

const redirect = (location: string, cookie?: string) =>
  HttpServerResponse.empty({
    status: 303,
    headers: { location, ...(cookie === undefined ? {} : { "set-cookie": cookie }) }
  })

const demoList = demoAccounts.map((a) => ({
  username: a.username,
  description: `${Labels.roleOf(a.actor.role)} ${a.unitName}: ${a.actor.name}${
    a.worksOn === undefined ? "" : ` (ngày làm việc ${a.worksOn.split("-").reverse().join("/")})`
  }`
}))

/**
 * Runs a use case for a session: the store, the app's policy, and the account's clock.
 */
const asSession =
  (session: Session) =>
  <A, E, R>(effect: Effect.Effect<A, E, R>) => {
    const now = nowOf(session.account)
    const withPolicy = Effect.provideService(effect, Policy.CurrentPolicy, policy)
    return now === undefined
      ? withPolicy
      : Effect.provideService(withPolicy, Clock.Clock, Danvan.clockFrom(now))
  }

/** The Vietnamese page of a failed read: a missing record, a refusal, or the store. */
const failurePage = (error: unknown, signed?: ReturnType<typeof Pages.signedOf>) => {
  const tag = typeof error === "object" && error !== null ? (error as { _tag?: unknown })._tag : undefined
  switch (tag) {
    case "NotFound":
      return htmlResponse(
        Pages.problem(
          "Không tìm thấy",
          "Không tìm thấy báo cáo này, hoặc nó nằm ngoài phạm vi bạn được xem.",
          signed
        ),
        404
      )
    case "NotPermitted":
    case "OutsideJurisdiction":
      return htmlResponse(
        Pages.problem("Không có quyền", "Đơn vị hoặc vai trò của bạn không được xem nội dung này.", signed),
        403
      )
    case "InvalidInput":
      return htmlResponse(
        Pages.problem("Yêu cầu không hợp lệ", "Địa chỉ hoặc kỳ báo cáo không hợp lệ.", signed),
        400
      )
    case "StoreUnavailable":
      return htmlResponse(
        Pages.problem(
          "Tạm thời gián đoạn",
          "Hệ thống lưu trữ tạm thời không truy cập được. Hãy thử lại sau.",
          signed
        ),
        503
      )
    default:
      return htmlResponse(
        Pages.problem("Có lỗi xảy ra", "Có lỗi ngoài dự kiến. Hãy thử lại sau.", signed),
        500
      )
  }
}

const PeriodQuery = Schema.optional(Period.PeriodId)

/** The routes of the pages and downloads, over the store and the accounts given. */
const pageRoutes = (options: Options) =>
  HttpRouter.use((router) =>
    Effect.gen(function* () {
      const context = yield* Effect.context<Store.Store | Accounts>()
      const accounts = yield* Accounts
      /** A page handler: its session (or the sign-in page), every failure a page. */
      const signedIn =
        (
          render: (
            session: Session,
            request: HttpServerRequest.HttpServerRequest
          ) => Effect.Effect<
            HttpServerResponse.HttpServerResponse,
            unknown,
            Store.Store | Accounts | HttpRouter.RouteContext
          >
        ) =>
        (request: HttpServerRequest.HttpServerRequest) =>
          Effect.gen(function* () {
            const found = yield* sessionOf(request)
            if (Option.isNone(found)) return redirect("/dang-nhap")
            const { session } = found.value
            return yield* render(session, request).pipe(
              asSession(session),
              Effect.catchCause((cause) =>
                Effect.gen(function* () {
                  const unit = yield* Effect.option(Units.unit({ unitId: session.account.actor.unitId }))
                  const signed = Pages.signedOf(
                    session,
                    Option.match(unit, { onNone: () => session.account.actor.unitId, onSome: Unit.fullName })
                  )
                  const failure = Cause.findErrorOption(cause)
                  if (Option.isNone(failure)) yield* Effect.logError("page failed", cause)
                  return failurePage(Option.getOrUndefined(failure), signed)
                })
              )
            )
          }).pipe(
            Effect.provide(context),
            Effect.catchCause((cause) =>
              Effect.as(Effect.logError("page failed", cause), failurePage(undefined))
            )
          )

      yield* router.add(
        "GET",
        "/",
        signedIn((session, request) =>
          Effect.gen(function* () {
            const query = new URL(request.url, "http://app").searchParams.get("ky") ?? undefined
            const periodId = yield* Schema.decodeUnknownEffect(PeriodQuery)(
              query === "" ? undefined : query
            ).pipe(
              Effect.mapError(
                (e) =>
                  new UseCaseErrors.InvalidInput({ useCase: "the home page's period", detail: e.message })
              )
            )
            return htmlResponse(yield* Pages.home(session, periodId))
          })
        )
      )
      yield* router.add(
        "GET",
        "/bao-cao/:reportId",
        signedIn((session) =>
          Effect.gen(function* () {
            const { reportId } = yield* HttpRouter.params
            return htmlResponse(yield* Pages.reportPage(session, reportId ?? ""))
          })
        )
      )
      yield* router.add(
        "GET",
        "/tai-ve/:periodId/:file",
        signedIn((session) =>
          Effect.gen(function* () {
            const params = yield* HttpRouter.params
            const periodId = yield* Schema.decodeUnknownEffect(Period.PeriodId)(params.periodId)
            const kind =
              params.file === "bao-cao.docx" ? "docx" : params.file === "bao-cao.xlsx" ? "xlsx" : undefined
            if (kind === undefined)
              return yield* new StoreError.NotFound({ entity: "report", id: String(params.file) })
            const actor = Actor.acting(Schema.decodeUnknownSync(Actor.ActorInput)(session.account.actor))
            const unit = yield* Units.unit({ unitId: actor.unitId })
            const report = yield* SixMonthReport.read(actor, {
              rootId: actor.unitId,
              periodId,
              regimeId: regime.id,
              reportDate: yield* Schema.decodeUnknownEffect(CalendarDate.CalendarDate)(
                workingDay(session.account)
              )
            })
            const head = report.committees[0]?.members.find((m) => m.post === "Trưởng ban")
            const name = `bao-cao-6-thang-${periodId.toLowerCase()}-${unit.code ?? unit.id}`
            const bytes =
              kind === "docx"
                ? yield* WordDocument.sixMonthReport(report, {
                    body: `Ban Dân vận ${Unit.fullName(unit)}`,
                    number: `…/BC-BDV`,
                    place: unit.name,
                    signer: {
                      capacity: "TM.",
                      authority: "Ban Dân vận",
                      title: "Trưởng ban",
                      name: head?.name ?? ""
                    },
                    recipients: ["Cấp ủy cấp trên (b/c)", "Các đơn vị trực thuộc"],
                    archive: "VT, BDV"
                  })
                : yield* Workbook.sixMonthReport(report)
            return HttpServerResponse.uint8Array(bytes, {
              contentType:
                kind === "docx"
                  ? "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
                  : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
              headers: {
                "content-disposition": `attachment; filename="${name}.${kind}"`,
                "cache-control": "no-store"
              }
            })
          })
        )
      )
      yield* router.add("GET", "/dang-nhap", () =>
        Effect.succeed(htmlResponse(Pages.login(undefined, options.demo ? demoList : [], demoPassword)))
      )
      yield* router.add("POST", "/dang-nhap", (request) =>
        Effect.gen(function* () {
          const origin = request.headers.origin
          if (origin !== undefined && origin !== "null" && new URL(origin).host !== request.headers.host) {
            return htmlResponse(Pages.problem("Không hợp lệ", "Không đăng nhập từ trang của nơi khác."), 403)
          }
          const form = yield* request.urlParamsBody
          const username = Option.getOrElse(UrlParams.getFirst(form, "username"), () => "")
          const password = Option.getOrElse(UrlParams.getFirst(form, "password"), () => "")
          const account = yield* accounts.verify(username.slice(0, 200), password.slice(0, 1000))
          if (Option.isNone(account)) {
            return htmlResponse(
              Pages.login(
                "Tên đăng nhập hoặc mật khẩu không đúng.",
                options.demo ? demoList : [],
                demoPassword,
                username.slice(0, 200)
              ),
              401
            )
          }
          const { token } = yield* accounts.open(account.value)
          return redirect("/", sessionCookie(token, options.secureCookies))
        }).pipe(
          Effect.catchCause((cause) =>
            Effect.as(Effect.logError("sign-in failed", cause), failurePage(Cause.findErrorOption(cause)))
          )
        )
      )
      yield* router.add("POST", "/dang-xuat", (request) =>
        Effect.gen(function* () {
          const found = yield* sessionOf(request)
          if (Option.isSome(found)) {
            const form = yield* request.urlParamsBody
            const token = Option.getOrUndefined(UrlParams.getFirst(form, "_csrf"))
            if (csrfProblem(request, found.value.session, token) !== undefined) {
              return htmlResponse(Pages.problem("Không hợp lệ", "Yêu cầu đăng xuất không hợp lệ."), 403)
            }
            yield* accounts.close(found.value.token)
          }
          return redirect("/dang-nhap", clearedCookie(options.secureCookies))
        }).pipe(
          Effect.provide(context),
          Effect.catchCause((cause) =>
            Effect.as(Effect.logError("sign-out failed", cause), failurePage(undefined))
          )
        )
      )
      for (const [name, file] of Object.entries(assets)) {
        yield* router.add(
          "GET",
          `/assets/${name}`,
          HttpServerResponse.text(file.body, {
            contentType: file.type,
            headers: { "cache-control": "no-cache", "x-content-type-options": "nosniff" }
          })
        )
      }
    })
  )

/**
 * Every route of the app, over the store and accounts in context.
 */
export const routes = (options: Options) =>
  Layer.mergeAll(
    ApiServer.layer({ policy }),
    HttpApiScalar.layer(DanvanApi.Api, { path: "/api/docs" }),
    pageRoutes(options)
  ).pipe(Layer.provide(AuthenticatorLive))
