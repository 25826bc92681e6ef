/**
 * A check that read a file the reading caps cut must not report "healthy" from the part it saw: a pass or a
 * warning becomes `unknown` ("only the first N of M were read"), a failure stays (what was read proves it) and
 * says the file was cut. Checks that judge cuts themselves (they know which records matter) are left alone.
 */
import type { CheckDefinition, CheckId, CheckOutcome } from './check-types'
import { EVIDENCE_KEY_BY_FILE, type Evidence } from '../evidence/evidence-model'
import { text, type Localized } from '../i18n/localized'
import { cutOf, describeCut } from './evidence-access'

/** Checks whose evaluate() reads the cut itself (event-log-check.ts, partner-checks.ts). */
const JUDGE_CUTS_THEMSELVES: ReadonlySet<CheckId> = new Set<CheckId>([
  'xmpp-event-log-clean',
  'xmpp-partner-configured',
  'xmpp-partner-negotiation-valid',
  'xmpp-partner-not-obsolete',
])

/** The outcome as it may stand, given the cuts of the files the check reads. */
export function applyReadCuts(check: CheckDefinition, outcome: CheckOutcome, evidence: Evidence): CheckOutcome {
  if (JUDGE_CUTS_THEMSELVES.has(check.id) || outcome.status === 'skipped' || outcome.status === 'unknown') return outcome
  const notes: Localized[] = []
  for (const file of check.reads) {
    if (file === 'probe') continue
    const cut = cutOf(evidence[EVIDENCE_KEY_BY_FILE[file]])
    if (cut) notes.push(describeCut(file, cut))
  }
  if (notes.length === 0) return outcome
  const note = text(notes.map((n) => n.en).join(' '), notes.map((n) => n['zh-TW']).join(''))
  if (outcome.status === 'fail') {
    return { ...outcome, summary: text(`${outcome.summary.en} (${note.en})`, `${outcome.summary['zh-TW']}（${note['zh-TW']}）`) }
  }
  return {
    status: 'unknown',
    summary: text(
      `Not verified: ${note.en} What was read says: ${outcome.summary.en}`,
      `無法驗證：${note['zh-TW']}已讀取部分的結果：${outcome.summary['zh-TW']}`,
    ),
    evidence: outcome.evidence,
    fix: null,
  }
}
