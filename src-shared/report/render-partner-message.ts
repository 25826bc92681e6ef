/**
 * A message for the partner's administrator: what our side and our connection tests saw, in plain
 * text, without anything internal (private addresses, internal host names and user names are
 * redacted; public names the partner needs, like our SRV target, stay).
 */
import type { CheckId } from '../diagnostics/check-types'
import { createRedactor } from './redact'
import { formatTime } from './report-format'
import type { ReportCheck, ReportModel } from './report-model'

// Checks whose facts are public or concern the federation itself; the rest (services, local ports,
// root store) is our business. Probe checks (s2s-*) are always included.
const PARTNER_FACING: ReadonlySet<CheckId> = new Set<CheckId>([
  'xmpp-srv-record',
  'xmpp-srv-priorities',
  'xmpp-srv-target-address',
  'edge-certificate-valid',
  'edge-certificate-names',
  'xmpp-partner-configured',
  'xmpp-partner-negotiation-valid',
  'xmpp-partner-not-obsolete',
])

export interface PartnerMessageOptions {
  /** The partner's XMPP domain, when known (e.g. from `--partner`). */
  readonly partnerDomain?: string
}

/** Renders the message as plain text (usable as e-mail body or chat). */
export function renderPartnerMessage(model: ReportModel, options: PartnerMessageOptions = {}): string {
  const zh = model.locale === 'zh-TW'
  const ours = model.subject.domains.join(zh ? '、' : ', ') || '—'
  const theirs = options.partnerDomain ?? (zh ? '貴方網域' : 'your domain')
  // One space between Chinese and a domain name, none between Chinese words: "contoso.com 與貴方網域之間".
  const between = zh ? `${ours} 與${options.partnerDomain ? ` ${theirs} ` : theirs}之間` : `between ${ours} and ${theirs}`
  const redactor = createRedactor({ hosts: model.subject.host ? [model.subject.host] : [], domains: model.subject.domains }, 'partner')
  const probeChecks = model.checks.filter((c) => c.id.startsWith('s2s-') && c.status !== 'skipped')
  const ourChecks = model.checks.filter((c) => PARTNER_FACING.has(c.id) && c.status !== 'skipped')
  const lines: string[] = []

  lines.push(zh ? `主旨：${between}的 XMPP 同盟——我方觀察到的情況` : `Subject: XMPP federation ${between} — what we see from our side`, '')
  lines.push(zh ? '您好：' : 'Hello,', '')
  lines.push(zh ? `我們正在排查${between}的 XMPP 同盟問題。${whenSeen(model, probeChecks.length > 0)}` : `We are troubleshooting XMPP federation ${between}. ${whenSeen(model, probeChecks.length > 0)}`, '')
  if (model.rootCause) {
    const onTheirSide = model.rootCause.fix?.location === 'partner'
    lines.push(
      onTheirSide
        ? zh
          ? `問題似乎在貴方：${model.rootCause.title}。${model.rootCause.explanation}`
          : `The cause appears to be on your side: ${model.rootCause.title}. ${model.rootCause.explanation}`
        : zh
          ? `我們在我方發現一個問題並正在修正：${model.rootCause.title}。`
          : `We found a problem on our side and are fixing it: ${model.rootCause.title}.`,
      '',
    )
  }
  if (probeChecks.length > 0) {
    lines.push(zh ? '對貴方伺服器的連線測試：' : 'Connection tests towards your server:', ...probeChecks.flatMap((c) => describe(c, zh)), '')
  }
  if (ourChecks.length > 0) {
    lines.push(zh ? '我方設定（與同盟相關的部分）：' : 'Our side (what matters for federation):', ...ourChecks.flatMap((c) => describe(c, zh)), '')
  }
  lines.push(
    zh
      ? `能否請您確認：貴方伺服器能解析 _xmpp-server._tcp.${model.subject.domains[0] ?? ours}、能連到其目標的 5269 連接埠並接受我方憑證；並提供貴方伺服器在上述時間前後針對 ${ours} 記錄的任何錯誤？`
      : `Could you check that your server resolves _xmpp-server._tcp.${model.subject.domains[0] ?? ours}, reaches its target on port 5269 and accepts our certificate, and send us any errors your server logged for ${ours} around that time?`,
    '',
    zh ? '謝謝！' : 'Thank you,',
  )
  return `${redactor.redactText(lines.join('\n'))}\n`
}

/**
 * When our side was seen: the evidence's collection time (it can be days before the report), and the connection
 * tests' time when they ran; the diagnosis time only when there is no evidence.
 */
function whenSeen(model: ReportModel, probed: boolean): string {
  const zh = model.locale === 'zh-TW'
  const tested = formatTime(model.timing.diagnosisStartedAt)
  // The first set's time, never the per-server list: that would name internal hosts to the partner.
  const collected = model.subject.collectedAt
  if (!collected) return zh ? `以下是我方連線測試於 ${tested} 觀察到的結果。` : `This is what our connection tests saw at ${tested}.`
  if (!probed) return zh ? `以下是我方 Edge 伺服器於 ${formatTime(collected)} 收集的證據所顯示的結果。` : `This is what our Edge Server showed in the evidence collected at ${formatTime(collected)}.`
  return zh
    ? `以下是我方 Edge 伺服器於 ${formatTime(collected)} 收集的證據，以及連線測試於 ${tested} 觀察到的結果。`
    : `This is what our Edge Server showed in the evidence collected at ${formatTime(collected)}, and what our connection tests saw at ${tested}.`
}

function describe(check: ReportCheck, zh: boolean): string[] {
  return [`- [${check.statusLabel}] ${check.title}${zh ? '：' : ': '}${check.summary}`, ...check.evidence.map((e) => `    ${e.text.replace(/\r?\n/g, '\n    ')}`)]
}
