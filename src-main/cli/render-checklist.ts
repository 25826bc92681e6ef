/** The setup checklist view (DOC-SETUP steps 1–25) of a result: what the evidence verified, step by step. */
import type { DiagnosisResult } from '../../src-shared/result/diagnosis-result'
import { pick, text, type Locale, type Localized } from '../../src-shared/i18n/localized'
import { walkSetupChecklist, type ChecklistStatus } from '../../src-shared/tree/setup-checklist'
import { toTerminalText } from './render-human'

const MARK: Record<ChecklistStatus, string> = {
  verified: '✓',
  attention: '!',
  failed: '✗',
  'not-verified': '?',
  'answered-yes': '✓',
  'answered-no': '✗',
  'needs-answer': '?',
}

const WORDS: Record<ChecklistStatus, Localized> = {
  verified: text('verified by the evidence', '已由證據驗證'),
  attention: text('works, needs attention', '可運作，但需注意'),
  failed: text('failed', '失敗'),
  'not-verified': text('not verified by this evidence', '此證據無法驗證'),
  'answered-yes': text('confirmed by you', '已由您確認'),
  'answered-no': text('not done, by your answer', '依您的回答，尚未完成'),
  'needs-answer': text('only you can tell', '只有您能確認'),
}

export function renderChecklist(result: DiagnosisResult, locale: Locale): string {
  const lines = ['', pick(text('Setup checklist (Setting up XMPP federation, steps 1–25)', '設定檢查清單（設定 XMPP 同盟，步驟 1–25）'), locale)]
  for (const entry of walkSetupChecklist(result.checks, result.answers)) {
    const checks = entry.checks.length > 0 ? `  [${entry.checks.map((c) => `${c.id}: ${c.status}`).join(', ')}]` : ''
    lines.push(`  [${MARK[entry.status]}] ${entry.step.steps.padEnd(5)} ${pick(entry.step.title, locale)} — ${pick(WORDS[entry.status], locale)}${checks}`)
  }
  return toTerminalText(lines)
}
