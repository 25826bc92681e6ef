/**
 * A check that read a file the reading caps cut must not report from the part it saw as if it were the whole:
 * its outcome becomes `unknown` ("only the first N of M were read"), keeping what the part said and its proof.
 * A failure is no exception here: most checks fail on an absence (no certificate, no listener), which a cut
 * cannot prove. Checks that know which records matter (events, partners) judge cuts themselves and keep a
 * failure that what was read proves; they are left alone.
 */
import type { CheckDefinition, CheckId, CheckOutcome } from './check-types'
import type { FindingReason } from './finding-reasons'
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
export function applyReadCuts<R extends FindingReason>(check: CheckDefinition, outcome: CheckOutcome<R>, evidence: Evidence): CheckOutcome<R> {
  if (JUDGE_CUTS_THEMSELVES.has(check.id) || outcome.status === 'skipped' || outcome.status === 'unknown') return outcome
  const notes: Localized[] = []
  for (const file of check.reads) {
    if (file === 'probe') continue
    const cut = cutOf(evidence[EVIDENCE_KEY_BY_FILE[file]])
    if (cut) notes.push(describeCut(file, cut))
  }
  if (notes.length === 0) return outcome
  const note = text(notes.map((n) => n.en).join(' '), notes.map((n) => n['zh-TW']).join(''))
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
