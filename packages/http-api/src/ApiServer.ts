/**
 * The server of {@link DanvanApi.Api}: every endpoint runs its use case over the store, as the
 * actor the app's authentication answered.
 *
 * ```ts
 * import { createServer } from "node:http"
 * import { ApiServer, type Authentication } from "@danvan/http-api"
 * import type { Store } from "@danvan/core"
 * import { NodeHttpServer } from "@effect/platform-node"
 * import { Layer } from "effect"
 * import { HttpRouter } from "effect/http"
 *
 * declare const storeLayer: Store.StoreLayer
 * declare const AuthenticatorLive: Layer.Layer<Authentication.Authenticator>
 *
 * const Routes = ApiServer.layer().pipe(Layer.provide([storeLayer, AuthenticatorLive]))
 * HttpRouter.serve(Routes).pipe(Layer.provide(NodeHttpServer.layer(createServer, { port: 3000 })), Layer.launch)
 * ```
 *
 * {@link layer} needs the storage port (`Store.Store`, from any adapter) and the app's
 * `Authentication.Authenticator`, and serves the API under `/api` with its OpenAPI document at
 * `/api/openapi.json`.
 *
 * @since 0.1.0
 */
import {
  Audit,
  Committees,
  Configuration,
  Consolidate,
  Danvan,
  Directives,
  Models,
  type Page,
  Policy,
  Reports,
  type Store,
  TaskFollowUps,
  Units,
  UseCaseErrors
} from "@danvan/core"
import { Effect, Layer } from "effect"
import { HttpApiBuilder, HttpApiMiddleware } from "effect/http-api"
import * as Authentication from "./Authentication.ts"
import { Api, InputValidation } from "./DanvanApi.ts"

/**
 * How the server runs the use cases.
 *
 * @since 0.1.0
 */
export interface Options {
  /** Who may do what (`Policy.defaults` when absent), as the Promise facade's option. */
  readonly policy?: Policy.Policy
  /** Where the OpenAPI document is served; `/api/openapi.json` by default. */
  readonly openapiPath?: `/${string}`
}

/** The use cases' input: a query's `after` and `limit` as the `page` a use case takes. */
const paged = <Q extends { readonly after?: string; readonly limit?: number }>(query: Q) => {
  const { after, limit, ...filters } = query
  const page: Page.PageRequest = {
    ...(after === undefined ? {} : { after }),
    ...(limit === undefined ? {} : { limit })
  }
  return after === undefined && limit === undefined ? filters : { ...filters, page }
}

/**
 * Runs a use case with the store the server was built with and its policy. The store is read when
 * the server's layer is built (not per request), so a request never rebuilds it.
 */
const runner = (options: Options) =>
  Effect.map(Effect.context<Store.Store>(), (store) => {
    const policy = options.policy
    return <A, E>(effect: Effect.Effect<A, E, Store.Store>): Effect.Effect<A, E> => {
      const withStore = Effect.provide(effect, store)
      return policy === undefined ? withStore : Effect.provideService(withStore, Policy.CurrentPolicy, policy)
    }
  })

const actor = Authentication.CurrentActor

const unitsGroup = (options: Options) =>
  HttpApiBuilder.group(
    Api,
    "units",
    Effect.fn(function* (handlers) {
      const run = yield* runner(options)
      return handlers
        .handle("importUnits", ({ payload }) =>
          Effect.flatMap(actor, (a) => run(Units.importUnits(a, payload)))
        )
        .handle("searchUnits", ({ query }) => run(Units.searchUnits(paged(query))))
        .handle("unit", ({ params }) => run(Units.unit(params)))
        .handle("unitsInJurisdiction", ({ params, query }) =>
          run(Units.unitsInJurisdiction({ rootId: params.rootId, ...paged(query) }))
        )
        .handle("successions", ({ query }) => run(Units.successions(query)))
    })
  )

const directivesGroup = (options: Options) =>
  HttpApiBuilder.group(
    Api,
    "directives",
    Effect.fn(function* (handlers) {
      const run = yield* runner(options)
      return handlers
        .handle("registerDirective", ({ payload }) =>
          Effect.flatMap(actor, (a) => run(Directives.registerDirective(a, payload)))
        )
        .handle("directives", ({ query }) => run(Directives.directives(paged(query))))
        .handle("directivesInForce", ({ query }) => run(Directives.directivesInForce(query)))
        .handle("directivesApplicable", ({ query }) => run(Directives.directivesApplicable(query)))
        .handle("directive", ({ params }) => run(Directives.directive(params)))
    })
  )

const committeesGroup = (options: Options) =>
  HttpApiBuilder.group(
    Api,
    "committees",
    Effect.fn(function* (handlers) {
      const run = yield* runner(options)
      return handlers
        .handle("composeCommittee", ({ payload }) =>
          Effect.flatMap(actor, (a) => run(Committees.composeCommittee(a, payload)))
        )
        .handle("appointMember", ({ params, payload }) =>
          Effect.flatMap(actor, (a) => run(Committees.appointMember(a, { ...params, ...payload })))
        )
        .handle("endMembership", ({ params, payload }) =>
          Effect.flatMap(actor, (a) => run(Committees.endMembership(a, { ...params, ...payload })))
        )
        .handle("handOverPost", ({ params, payload }) =>
          Effect.flatMap(actor, (a) => run(Committees.handOverPost(a, { ...params, ...payload })))
        )
        .handle("dissolveCommittee", ({ params, payload }) =>
          Effect.flatMap(actor, (a) => run(Committees.dissolveCommittee(a, { ...params, ...payload })))
        )
        .handle("committeeOnDate", ({ params, query }) =>
          Effect.flatMap(actor, (a) => run(Committees.committeeOnDate(a, { ...params, ...query })))
        )
        .handle("committeesOfUnit", ({ params, query }) =>
          Effect.flatMap(actor, (a) => run(Committees.committeesOfUnit(a, { ...params, ...query })))
        )
    })
  )

const modelsGroup = (options: Options) =>
  HttpApiBuilder.group(
    Api,
    "models",
    Effect.fn(function* (handlers) {
      const run = yield* runner(options)
      return handlers
        .handle("registerModel", ({ payload }) =>
          Effect.flatMap(actor, (a) => run(Models.registerModel(a, payload)))
        )
        .handle("startModel", ({ params, payload }) =>
          Effect.flatMap(actor, (a) => run(Models.startModel(a, { ...params, ...payload })))
        )
        .handle("evaluateModel", ({ params, payload }) =>
          Effect.flatMap(actor, (a) => run(Models.evaluateModel(a, { ...params, ...payload })))
        )
        .handle("commendModel", ({ params, payload }) =>
          Effect.flatMap(actor, (a) => run(Models.commendModel(a, { ...params, ...payload })))
        )
        .handle("discontinueModel", ({ params, payload }) =>
          Effect.flatMap(actor, (a) => run(Models.discontinueModel(a, { ...params, ...payload })))
        )
        .handle("replicateModel", ({ params, payload }) =>
          Effect.flatMap(actor, (a) => run(Models.replicateModel(a, { ...params, ...payload })))
        )
        .handle("models", ({ query }) => Effect.flatMap(actor, (a) => run(Models.models(a, paged(query)))))
        .handle("model", ({ params }) => Effect.flatMap(actor, (a) => run(Models.model(a, params))))
    })
  )

const reportsGroup = (options: Options) =>
  HttpApiBuilder.group(
    Api,
    "reports",
    Effect.fn(function* (handlers) {
      const run = yield* runner(options)
      return handlers
        .handle("createReport", ({ payload }) =>
          Effect.flatMap(actor, (a) => run(Reports.createReport(a, payload)))
        )
        .handle("editReport", ({ params, payload }) =>
          Effect.flatMap(actor, (a) => run(Reports.editReport(a, { ...params, ...payload })))
        )
        .handle("submitReport", ({ params, payload }) =>
          Effect.flatMap(actor, (a) => run(Reports.submitReport(a, { ...params, ...payload })))
        )
        .handle("returnReport", ({ params, payload }) =>
          Effect.flatMap(actor, (a) => run(Reports.returnReport(a, { ...params, ...payload })))
        )
        .handle("approveReport", ({ params, payload }) =>
          Effect.flatMap(actor, (a) => run(Reports.approveReport(a, { ...params, ...payload })))
        )
        .handle("reopenReport", ({ params, payload }) =>
          Effect.flatMap(actor, (a) => run(Reports.reopenReport(a, { ...params, ...payload })))
        )
        .handle("reports", ({ query }) => Effect.flatMap(actor, (a) => run(Reports.reports(a, paged(query)))))
        .handle("findReport", ({ query }) =>
          Effect.flatMap(actor, (a) =>
            Effect.map(run(Reports.findReport(a, query)), (report) => report ?? null)
          )
        )
        .handle("report", ({ params }) => Effect.flatMap(actor, (a) => run(Reports.report(a, params))))
        .handle("reportHistory", ({ params }) =>
          Effect.flatMap(actor, (a) => run(Reports.reportHistory(a, params)))
        )
        .handle("reportRevision", ({ params }) =>
          Effect.flatMap(actor, (a) => run(Reports.reportRevision(a, params)))
        )
        .handle("consolidateReport", ({ query }) =>
          Effect.flatMap(actor, (a) => run(Consolidate.consolidateReport(a, query)))
        )
        .handle("taskFollowUp", ({ query }) =>
          Effect.flatMap(actor, (a) => run(TaskFollowUps.taskFollowUp(a, query)))
        )
        .handle("tasksToReport", ({ query }) =>
          Effect.flatMap(actor, (a) => run(TaskFollowUps.tasksToReport(a, query)))
        )
    })
  )

const auditGroup = (options: Options) =>
  HttpApiBuilder.group(
    Api,
    "audit",
    Effect.fn(function* (handlers) {
      const run = yield* runner(options)
      return handlers
        .handle("auditTrail", ({ query }) =>
          Effect.flatMap(actor, (a) => {
            const { page, ...filters } = paged(query) as { page?: Page.PageRequest }
            return run(Audit.auditTrail(a, filters, page))
          })
        )
        .handle("auditTrailAll", ({ query }) =>
          Effect.flatMap(actor, (a) => run(Danvan.actingUseCases.auditTrailAll(a, query)))
        )
    })
  )

const referenceGroup = (options: Options) =>
  HttpApiBuilder.group(
    Api,
    "reference",
    Effect.fn(function* (handlers) {
      const run = yield* runner(options)
      return handlers
        .handle("putField", ({ payload }) =>
          Effect.flatMap(actor, (a) => run(Configuration.putField(a, payload)))
        )
        .handle("putRegime", ({ payload }) =>
          Effect.flatMap(actor, (a) => run(Configuration.putRegime(a, payload)))
        )
        .handle("putValidationRule", ({ payload }) =>
          Effect.flatMap(actor, (a) => run(Configuration.putValidationRule(a, payload)))
        )
        .handle("fields", () => run(Configuration.fields()))
        .handle("regimes", () => run(Configuration.regimes()))
        .handle("validationRules", ({ query }) => run(Configuration.validationRules(query.programme)))
    })
  )

/**
 * Request-validation failures as 422 `InvalidInput`, naming the endpoint (`reports.submitReport`)
 * and the part of the request (`params`, `query`, `payload`) with what is wrong; a response the
 * server could not encode stays a 500.
 *
 * @category layers
 * @since 0.1.0
 */
export const layerInputValidation = HttpApiMiddleware.layerSchemaErrorTransform(
  InputValidation,
  (error, { endpoint, group }) =>
    error.kind === "Body" || error.kind === "ResponseHeaders"
      ? Effect.fail(error)
      : Effect.fail(
          new UseCaseErrors.InvalidInput({
            useCase: `${group.identifier}.${endpoint.identifier}`,
            detail: `${error.kind.toLowerCase()}: ${error.cause.message}`
          })
        )
)

/**
 * The API's routes: every group's handlers over the store, the authentication middleware over
 * the app's `Authenticator`, the input validation, and the OpenAPI document.
 *
 * @category layers
 * @since 0.1.0
 */
export const layer = (options: Options = {}) =>
  HttpApiBuilder.layer(Api, { openapiPath: options.openapiPath ?? "/api/openapi.json" }).pipe(
    Layer.provide([
      unitsGroup(options),
      directivesGroup(options),
      committeesGroup(options),
      modelsGroup(options),
      reportsGroup(options),
      auditGroup(options),
      referenceGroup(options)
    ]),
    Layer.provide([Authentication.layer, layerInputValidation])
  )
