/**
 * The two programmes of công tác dân vận that danvan serves.
 *
 * - `QCDC`: implementing democracy at the grassroots (Quy chế dân chủ ở cơ sở), governed since
 *   01/07/2023 by Law 10/2022/QH15 and Decree 59/2023/NĐ-CP.
 * - `DVK`: the "Dân vận khéo" (skilled mass mobilisation) emulation movement, run by the Party's
 *   mass-mobilisation commissions in phases (2016–2020, 2021–2025, 2026–2030).
 *
 * @since 0.1.0
 */
import { Schema } from "effect"

/**
 * @category schemas
 * @since 0.1.0
 */
export const Programme = Schema.Literals(["QCDC", "DVK"])
/**
 * @category models
 * @since 0.1.0
 */
export type Programme = typeof Programme.Type

/**
 * All programmes, in a stable order.
 *
 * @category constants
 * @since 0.1.0
 */
export const all: ReadonlyArray<Programme> = ["QCDC", "DVK"]

/**
 * What a directive belongs to: one of the programmes, or `OTHER` for documents that bear on both or
 * on neither (a labour decree that QCDC reports cite, say).
 *
 * @category schemas
 * @since 0.1.0
 */
export const DirectiveProgramme = Schema.Literals(["QCDC", "DVK", "OTHER"])
/**
 * @category models
 * @since 0.1.0
 */
export type DirectiveProgramme = typeof DirectiveProgramme.Type
