/**
 * DOC-SETUP's 25 "Setting up XMPP federation" steps as a checklist: each step is verified by checks where
 * evidence can show it, or answered by the user where only they know (e.g. "was the request submitted?").
 */
import type { CheckId, CheckResult, CheckStatus } from '../diagnostics/check-types'
import { text, type Localized } from '../i18n/localized'

export interface SetupStep {
  /** DOC-SETUP step numbers this entry covers, e.g. "6–15". */
  readonly steps: string
  readonly title: Localized
  readonly verifiedBy: readonly CheckId[]
  /** Asked when no check can verify the step. */
  readonly question: Localized | null
}

export const SETUP_CHECKLIST: readonly SetupStep[] = [
  {
    steps: '1',
    title: text('Log on as Domain Admins and RTCUniversalServerAdmins member', '以 Domain Admins 與 RTCUniversalServerAdmins 成員身分登入'),
    verifiedBy: [],
    question: text('Are you logged on with an account in both groups?', '您是否以同時屬於這兩個群組的帳戶登入？'),
  },
  {
    steps: '2–3',
    title: text('Front End: Deployment Wizard → Setup or Remove Lync Server Components → Run Again', '前端：部署精靈 →「設定或移除 Lync Server 元件」→「再次執行」'),
    verifiedBy: ['xmpp-gateway-service-running'],
    question: null,
  },
  {
    steps: '4–5',
    title: text('Edge: Deployment Wizard → Setup or Remove Lync Server Components → Run Again', 'Edge：部署精靈 →「設定或移除 Lync Server 元件」→「再次執行」'),
    verifiedBy: ['xmpp-components-installed', 'xmpp-proxy-service-running'],
    question: null,
  },
  {
    steps: '6–15',
    title: text('Request the external edge certificate (Certificate Wizard)', '申請外部 Edge 憑證（憑證精靈）'),
    verifiedBy: ['edge-certificate-valid'],
    question: null,
  },
  {
    steps: '16–17',
    title: text('Add sip.<domain> and <domain> as subject alternative names', '將 sip.<網域> 與 <網域> 加入主體別名'),
    verifiedBy: ['edge-certificate-names'],
    question: null,
  },
  {
    steps: '18–21',
    title: text('Review, generate and submit the request to a public CA', '檢閱、產生並將要求提交給公用憑證授權單位'),
    verifiedBy: ['edge-certificate-valid'],
    question: null,
  },
  {
    steps: '22',
    title: text('Assign the certificate, then Stop-CsWindowsService / Start-CsWindowsService', '指派憑證，然後執行 Stop-CsWindowsService / Start-CsWindowsService'),
    verifiedBy: ['xmpp-proxy-service-running', 's2s-certificate-names'],
    question: text('Were the Edge services restarted after the certificate was assigned?', '指派憑證後是否已重新啟動 Edge 服務？'),
  },
  {
    steps: '23',
    title: text('Publish _xmpp-server._tcp.<domain> SRV (port 5269) and the A record', '發佈 _xmpp-server._tcp.<網域> SRV（連接埠 5269）與 A 記錄'),
    verifiedBy: ['xmpp-srv-record', 'xmpp-srv-priorities', 'xmpp-srv-target-address', 's2s-dns-srv'],
    question: null,
  },
  {
    steps: '24',
    title: text('External access policy with EnableXmppAccess, granted to users', '啟用 EnableXmppAccess 的外部存取原則，並授與使用者'),
    verifiedBy: ['xmpp-access-policy-enabled'],
    question: null,
  },
  {
    steps: '25',
    title: text('netstat: listening/established on 5269 and 23456', 'netstat：5269 與 23456 正在接聽／已建立連線'),
    verifiedBy: ['xmpp-external-port-listening', 'xmpp-internal-port-listening'],
    question: null,
  },
]

export type ChecklistStatus = 'verified' | 'attention' | 'failed' | 'not-verified' | 'answered-yes' | 'answered-no' | 'needs-answer'

export interface ChecklistEntry {
  readonly step: SetupStep
  readonly status: ChecklistStatus
  readonly checks: readonly { readonly id: CheckId; readonly status: CheckStatus }[]
}

const SEVERITY: Record<CheckStatus, number> = { fail: 4, unknown: 3, warn: 2, pass: 1, skipped: 0 }

/** Walks the checklist: the worst applicable check decides; a step no check covers takes the user's answer. */
export function walkSetupChecklist(results: readonly CheckResult[], answers: Readonly<Record<string, string>>): ChecklistEntry[] {
  const byId = new Map(results.map((r) => [r.id, r]))
  return SETUP_CHECKLIST.map((step) => {
    const checks = step.verifiedBy
      .map((id) => ({ id, status: byId.get(id)?.status ?? ('skipped' as CheckStatus) }))
    const applicable = checks.filter((c) => c.status !== 'skipped')
    const worst = applicable.reduce<CheckStatus | null>((w, c) => (w === null || SEVERITY[c.status] > SEVERITY[w] ? c.status : w), null)
    const answer = answers[`setup-${step.steps}`]
    let status: ChecklistStatus
    if (worst === 'fail') status = 'failed'
    else if (step.question && answer === 'no') status = 'answered-no'
    else if (worst === 'warn') status = 'attention'
    else if (worst === 'pass' && !step.question) status = 'verified'
    else if (step.question) status = answer === 'yes' ? 'answered-yes' : worst === 'pass' ? 'verified' : 'needs-answer'
    else status = 'not-verified'
    return { step, status, checks }
  })
}
