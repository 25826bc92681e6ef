/**
 * DOC-SETUP's "Setting up XMPP federation" procedure, all 25 steps, as a checklist. Each step gets its own state
 * from the check results that decide it: verified (the evidence proves it), contradicted (the evidence, or the
 * user's answer, says it was not done), elsewhere (only the other server's evidence shows it) or a question (only
 * the user knows, or the evidence that would tell was not collected).
 */
import type { CheckId, CheckResult, CheckStatus, EvidenceItem } from '../diagnostics/check-types'
import { text, type Localized } from '../i18n/localized'
import { SETUP_STEPS, type SetupStep } from './setup-steps'

export { SETUP_STEPS, type SetupStep, type SeenFrom } from './setup-steps'

/** The steps as the app and the CLI's --answer know them (`steps` = the DOC-SETUP step number as text). */
export const SETUP_CHECKLIST: readonly (SetupStep & { readonly steps: string })[] = SETUP_STEPS.map((s) => ({ ...s, steps: String(s.step) }))

export type SetupStepState = 'verified' | 'contradicted' | 'elsewhere' | 'question' | 'confirmed'

/** Each state in words: the CLI, the reports and the app say the same. */
export const SETUP_STATE_WORDS: Readonly<Record<SetupStepState, Localized>> = {
  verified: text('verified by the evidence', '已由證據驗證'),
  contradicted: text('contradicted', '與證據不符'),
  elsewhere: text('cannot be verified from this server', '無法從此伺服器驗證'),
  question: text('question for you', '需要您回答'),
  confirmed: text('confirmed by you', '已由您確認'),
}

/** One step as judged: the `--json` `checklist` entries, the reports and the app show this. */
export interface SetupChecklistEntry {
  /** DOC-SETUP step number, 1–25. */
  readonly step: number
  /** The answer node id, `setup-<step>`. */
  readonly nodeId: string
  readonly title: Localized
  readonly state: SetupStepState
  /** Why this state, in a sentence. */
  readonly why: Localized
  /** The server whose evidence shows the step. */
  readonly seenFrom: SetupStep['seenFrom']
  /** The check results that decided the state (skipped ones left out). */
  readonly checks: readonly { readonly id: CheckId; readonly status: CheckStatus; readonly summary: Localized }[]
  /** The evidence lines of those checks: the netstat line, the certificate, the process start time. */
  readonly evidence: readonly EvidenceItem[]
  readonly question: Localized | null
  readonly answer: 'yes' | 'no' | null
}

/** The node id of a step's question. */
export function setupNodeId(step: number): string {
  return `setup-${step}`
}

/** The step a `setup-<n>` node id names, or null for any other id (a grouped one of an older version included). */
export function setupStepOf(nodeId: string): number | null {
  const match = /^setup-(\d+)$/.exec(nodeId)
  return match ? Number(match[1]) : null
}

/** The answer node ids the checklist takes (`setup-1`, `setup-22`): the steps that have a question. */
export function setupQuestionIds(): string[] {
  return SETUP_STEPS.filter((s) => s.question !== null).map((s) => setupNodeId(s.step))
}

/**
 * The step's answer: `setup-<n>`, else a grouped id of an older version ("setup-18–22") that covers n, so the
 * answers of recorded sessions still count.
 */
function answerFor(step: number, answers: Readonly<Record<string, string>>): 'yes' | 'no' | null {
  const direct = answers[setupNodeId(step)]
  if (direct === 'yes' || direct === 'no') return direct
  for (const [node, answer] of Object.entries(answers)) {
    const range = /^setup-(\d+)[\u2013-](\d+)$/.exec(node) // \u2013 (en dash): the bundled CLI stays ASCII (scripts/build-cli.mjs)
    if (range && Number(range[1]) <= step && step <= Number(range[2]) && (answer === 'yes' || answer === 'no')) return answer
  }
  return null
}

const SEEN_FROM_WORDS: Record<SetupStep['seenFrom'], Localized> = {
  edge: text('Seen from the Edge: collect the evidence there.', '需從 Edge 查看：請在 Edge 上收集證據。'),
  'front-end': text('Seen from the Front End: collect the evidence there.', '需從前端伺服器查看：請在前端伺服器上收集證據。'),
  either: text('Not shown by this evidence: collect on the Edge or the Front End.', '此證據未顯示：請在 Edge 或前端伺服器上收集。'),
}

type Decided = Pick<SetupChecklistEntry, 'state' | 'why'>

/** Probe checks are skipped when no probe ran: that says nothing about which server shows a step. */
const isProbe = (id: CheckId): boolean => id.startsWith('s2s-')

function decideByChecks(step: SetupStep, results: readonly CheckResult[]): Decided | null {
  const applicable = results.filter((r) => r.status !== 'skipped')
  const failed = applicable.find((r) => r.status === 'fail')
  if (failed) return { state: 'contradicted', why: failed.summary }
  // A step of one server is judged on that server's evidence only: a role check skipped here means the other server.
  const roleSkipped = results.some((r) => r.status === 'skipped' && !isProbe(r.id))
  if (roleSkipped && step.seenFrom !== 'either') return { state: 'elsewhere', why: SEEN_FROM_WORDS[step.seenFrom] }
  const unknown = applicable.find((r) => r.status === 'unknown')
  if (unknown) {
    return { state: 'question', why: text(`The evidence that shows this step could not be read: ${unknown.summary.en}`, `無法讀取可顯示此步驟的證據：${unknown.summary['zh-TW']}`) }
  }
  if (applicable.length === 0) {
    const evidenceChecks = step.decidedBy.filter((id) => !isProbe(id))
    if (evidenceChecks.length > 0 || step.seenFrom !== 'either') return { state: 'elsewhere', why: SEEN_FROM_WORDS[step.seenFrom] }
    return null
  }
  // The proxy not restarted after the certificate is step 22's finding; the certificate itself stands for the others.
  const warned = applicable.find((r) => r.status === 'warn' && r.reason !== 'proxy-started-before-certificate')
  if (warned) return { state: 'verified', why: text(`${step.proof?.en ?? ''} Needs attention: ${warned.summary.en}`.trim(), `${step.proof?.['zh-TW'] ?? ''}需要注意：${warned.summary['zh-TW']}`) }
  return { state: 'verified', why: step.proof ?? text('The evidence shows it.', '證據顯示已完成。') }
}

/**
 * Step 22: a running proxy proves nothing about the certificate; only a proxy process that started after the
 * certificate's NotBefore can have loaded it (edge-certificate-valid compares ProcessStartTime with NotBefore).
 */
function decideRestart(step: SetupStep, results: readonly CheckResult[]): Decided | null {
  const certificate = results.find((r) => r.id === 'edge-certificate-valid')
  const proxy = results.find((r) => r.id === 'xmpp-proxy-service-running')
  if (!certificate || !proxy || (certificate.status === 'skipped' && proxy.status === 'skipped')) {
    return { state: 'elsewhere', why: SEEN_FROM_WORDS[step.seenFrom] }
  }
  if (certificate.status === 'fail') return { state: 'contradicted', why: certificate.summary }
  if (certificate.reason === 'proxy-started-before-certificate') return { state: 'contradicted', why: certificate.summary }
  if (proxy.status === 'fail') return { state: 'contradicted', why: proxy.summary }
  if (certificate.reason === 'proxy-started-after-certificate' && (proxy.status === 'pass' || proxy.status === 'warn')) {
    return { state: 'verified', why: certificate.summary }
  }
  return {
    state: 'question',
    why: text(
      'The evidence does not show when the XMPP proxy process started compared with the certificate (services.json ProcessStartTime against NotBefore).',
      '證據未顯示 XMPP Proxy 處理程序的啟動時間與憑證的先後（services.json 的 ProcessStartTime 與 NotBefore）。',
    ),
  }
}

/** A result's checklist: its own, or walked from its checks for results recorded before the checklist was kept. */
export function checklistOfResult(result: {
  readonly checklist?: readonly SetupChecklistEntry[]
  readonly checks: readonly CheckResult[]
  readonly answers: Readonly<Record<string, string>>
}): readonly SetupChecklistEntry[] {
  return result.checklist ?? walkSetupChecklist(result.checks, result.answers)
}

/** Judges every step from the check results and the user's answers; an answer counts only where evidence cannot tell. */
export function walkSetupChecklist(results: readonly CheckResult[], answers: Readonly<Record<string, string>>): SetupChecklistEntry[] {
  const byId = new Map(results.map((r) => [r.id, r]))
  return SETUP_STEPS.map((step) => {
    const deciding = step.decidedBy.map((id) => byId.get(id)).filter((r): r is CheckResult => r !== undefined)
    const decided =
      (step.step === 22 ? decideRestart(step, deciding) : decideByChecks(step, deciding)) ??
      { state: 'question' as const, why: text('Only you can tell: nothing on a server records this step.', '只有您能確認：伺服器上沒有任何紀錄顯示此步驟。') }
    const answer = step.question ? answerFor(step.step, answers) : null
    const state: SetupStepState = decided.state === 'question' && answer !== null ? (answer === 'yes' ? 'confirmed' : 'contradicted') : decided.state
    const why = state === decided.state ? decided.why : answer === 'yes' ? text('Confirmed by your answer.', '已由您的回答確認。') : text('Not done, by your answer.', '依您的回答，尚未完成。')
    // On the other server's step, this server's results of the same checks say nothing about the step.
    const shown = state === 'elsewhere' ? [] : deciding.filter((r) => r.status !== 'skipped')
    return {
      step: step.step,
      nodeId: setupNodeId(step.step),
      title: step.title,
      state,
      why,
      seenFrom: step.seenFrom,
      checks: shown.map((r) => ({ id: r.id, status: r.status, summary: r.summary })),
      evidence: uniqueEvidence(shown.flatMap((r) => r.evidence)),
      question: step.question,
      answer: state === decided.state ? null : answer,
    }
  })
}

/** Two checks of a step often quote the same line (the proxy service): show it once. */
function uniqueEvidence(items: readonly EvidenceItem[]): EvidenceItem[] {
  const seen = new Set<string>()
  return items.filter((item) => {
    const key = `${item.source}\n${item.text}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}
