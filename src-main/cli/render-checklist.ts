/** The setup checklist view (DOC-SETUP steps 1–25) of a result: each step's state, why, and the evidence that decided it. */
import type { DiagnosisResult } from '../../src-shared/result/diagnosis-result'
import { labelColon, pick, text, type Locale } from '../../src-shared/i18n/localized'
import { SETUP_STATE_WORDS, checklistOfResult, type SetupStepState } from '../../src-shared/tree/setup-checklist'
import { STATUS_WORDS } from '../../src-shared/i18n/messages'
import { toTerminalText } from './render-human'

const MARK: Record<SetupStepState, string> = {
  verified: '✓',
  contradicted: '✗',
  elsewhere: '→',
  question: '?',
  confirmed: '✓',
}

/** The checklist as terminal text; with `verbose`, every evidence line under its step. */
export function renderChecklist(result: DiagnosisResult, locale: Locale, verbose = false): string {
  const lines = ['', pick(text('Setup checklist (Setting up XMPP federation, steps 1–25)', '設定檢查清單（設定 XMPP 同盟，步驟 1–25）'), locale)]
  const colon = labelColon(locale)
  for (const entry of checklistOfResult(result)) {
    lines.push(`  [${MARK[entry.state]}] ${String(entry.step).padStart(2)}. ${pick(entry.title, locale)} — ${pick(SETUP_STATE_WORDS[entry.state], locale)}`)
    lines.push(`        ${pick(entry.why, locale)}`)
    const joiner = locale === 'zh-TW' ? '、' : ', '
    if (entry.checks.length > 0) lines.push(`        ${entry.checks.map((c) => `${c.id}${colon}${pick(STATUS_WORDS[c.status], locale)}`).join(joiner)}`)
    if (verbose) for (const item of entry.evidence) lines.push(`          ${item.source}${colon}${item.text}`)
    if (entry.state === 'question' && entry.question) {
      const hint = `--answer ${entry.nodeId}=yes|no`
      lines.push(`        ${pick(entry.question, locale)}${locale === 'zh-TW' ? `（${hint}）` : ` (${hint})`}`)
    }
  }
  return toTerminalText(lines)
}
