/**
 * Where the examples find the shared domain files (the 2017 article, the unit snapshots) and
 * where they write their output.
 *
 * The domain files live beside the repository, in `../shared/domain/` (a checkout of danvan sits
 * next to its `shared/` folder), and are read in place, never copied into the project.
 * `DANVAN_SHARED_DIR` points elsewhere.
 */
import { existsSync } from "node:fs"
import { join } from "node:path"
import { fileURLToPath } from "node:url"

/** The repository's root folder. */
export const repositoryRoot = fileURLToPath(new URL("../../../", import.meta.url))

/** The shared domain folder (`../shared/domain` beside the repository, or `$DANVAN_SHARED_DIR`). */
export const sharedDomain: string =
  process.env.DANVAN_SHARED_DIR ?? fileURLToPath(new URL("../../../../shared/domain/", import.meta.url))

/** The three-tier unit snapshot (early 2025: 63 provinces, 696 district-level units). */
export const unitsThreeTier = join(sharedDomain, "units", "units-2024-three-tier.json")

/** The two-tier unit snapshot (from 01/07/2025: 34 provinces, 3,321 communes). */
export const unitsTwoTier = join(sharedDomain, "units", "units-2026-two-tier.json")

/** Whether the shared domain files are there (tests skip with a message when they are not). */
export const hasSharedDomain = (): boolean => existsSync(unitsThreeTier) && existsSync(unitsTwoTier)

/** The examples' output folder (ignored by git). */
export const outputRoot = fileURLToPath(new URL("../../output/", import.meta.url))
