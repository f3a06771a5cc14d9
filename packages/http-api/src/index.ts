/**
 * `@danvan/http-api`: danvan's use cases over HTTP, on effect's HTTP API modules: one endpoint for
 * every operation of the Promise facade, typed inputs and error responses, paging, an OpenAPI
 * document, and the caller's actor from the app's own authentication.
 *
 * @since 0.1.0
 */

/** The errors of the API and their HTTP statuses. @since 0.1.0 */
export * as ApiError from "./ApiError.ts"
/** The server: the handlers of every endpoint over a store. @since 0.1.0 */
export * as ApiServer from "./ApiServer.ts"
/** Who is calling: the app's authenticator, the middleware, the current actor. @since 0.1.0 */
export * as Authentication from "./Authentication.ts"
/** The API's definition: groups, endpoints, schemas. @since 0.1.0 */
export * as DanvanApi from "./DanvanApi.ts"
