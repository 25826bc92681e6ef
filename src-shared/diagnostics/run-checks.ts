/**
 * Evaluates one check against one context (diagnose() runs every check through it). Like flutter doctor's
 * validators, a check that throws never takes the run down: it becomes an `unknown` result that carries the
 * error, so the report still shows everything else.
 */
import type { CheckContext, CheckDefinition, CheckResult } from './check-types'
import { text } from '../i18n/localized'
import { applyReadCuts } from './read-cut-guard'

/** Monotonic-enough clock that works in Node and browsers. */
function nowMs(): number {
  return typeof performance !== 'undefined' ? performance.now() : Date.now()
}

/** Runs one check, turning a crash into a result. */
export function runCheck(check: CheckDefinition, context: CheckContext): CheckResult {
  const started = nowMs()
  try {
    // A file cut by a reading cap never yields a pass from the part that was read (read-cut-guard.ts).
    const outcome = applyReadCuts(check, check.evaluate(context), context.evidence)
    return { id: check.id, ...outcome, durationMs: nowMs() - started }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    return {
      id: check.id,
      status: 'unknown',
      summary: text(`The check could not run: ${message}`, `無法執行此檢查：${message}`),
      evidence: [],
      fix: null,
      durationMs: nowMs() - started,
      crashed: message,
    }
  }
}
