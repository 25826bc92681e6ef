/**
 * How check statuses compare and how they are drawn, in one place: the route, the probe's per-domain fold, the
 * incident merge, the CLI and `watch` all use these.
 */
import type { CheckStatus } from './check-types'

/** How bad a status is: fail, then not verified, then warning, pass, not checked here. */
export const STATUS_SEVERITY: Readonly<Record<CheckStatus, number>> = { fail: 4, unknown: 3, warn: 2, pass: 1, skipped: 0 }

/**
 * Across servers, which one's verdict counts for one check: a failure anywhere, then a warning, then a pass;
 * "could not tell" only when no server could tell, "not checked here" only when no server checked it.
 */
export const CROSS_SERVER_RANK: Readonly<Record<CheckStatus, number>> = { fail: 5, warn: 4, pass: 3, unknown: 2, skipped: 1 }

/** The marks of the check list, the route line and the watch: ✓ pass, ! warn, ✗ fail, ? unknown, - not checked here. */
export const STATUS_MARKS: Readonly<Record<CheckStatus, string>> = { pass: '✓', warn: '!', fail: '✗', unknown: '?', skipped: '-' }
