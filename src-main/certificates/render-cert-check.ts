/** The terminal view of a certificate preflight: the certificate, each name covered or not, each rule with its source, the verdict. */
import { labelColon, pick, text, type Locale } from '../../src-shared/i18n/localized'
import type { CertCheckReport } from '../../src-shared/certificates/cert-check-report'
import type { CertRuleStatus, NameCoverage } from '../../src-shared/certificates/cert-check-rules'
import { toTerminalText } from '../cli/render-human'
import { formatTime } from '../../src-shared/text/format-time'

const MARK: Readonly<Record<CertRuleStatus, string>> = { pass: '✓', warn: '!', fail: '✗', skipped: '-' }

const ROLE = {
  'access-edge-fqdn': text('Access Edge external FQDN', 'Access Edge 外部 FQDN'),
  'xmpp-domain': text('XMPP domain', 'XMPP 網域'),
}
const FROM = {
  evidence: text('from the evidence', '取自證據'),
  'sip-default': text('sip.<domain>: no evidence given', 'sip.<網域>：未提供證據'),
  domain: text('--domain', '--domain'),
}

/** Renders the report for a terminal (every line escaped: subjects and names come from the file). */
export function renderCertCheckHuman(report: CertCheckReport, locale: Locale): string {
  const t = (en: string, zh: string): string => pick(text(en, zh), locale)
  // Labels take a full-width colon in Traditional Chinese.
  const colon = labelColon(locale)
  const c = report.certificate
  const out: string[] = []
  const protection = report.pfx ? ` (${report.pfx.encryption.join(', ')})` : ''
  out.push(`${t('Certificate preflight', '憑證預檢')}${colon}${report.file} [${report.fileFormat.toUpperCase()}${protection}]`)
  out.push(`  ${t('Subject', '主體')}${colon}${c.subject}   ${t('Issuer', '簽發者')}${colon}${c.issuer}`)
  out.push(`  ${t('Thumbprint', '指紋')}${colon}${c.thumbprint}   ${c.publicKey}   ${c.signatureAlgorithm}`)
  out.push(`  ${t('Valid', '有效期間')}${colon}${formatTime(c.notBefore)} → ${formatTime(c.notAfter)}`)
  out.push(`  ${t('Names presented', '憑證上的名稱')}${colon}${c.identifiers.join(', ') || t('none', '無')}`)
  out.push('')
  out.push(t('Names the Edge needs:', 'Edge 需要的名稱：'))
  for (const name of report.names) out.push(`  ${nameLine(name, locale)}`)
  out.push('')
  out.push(t('Rules:', '規則：'))
  for (const rule of report.rules) {
    out.push(`  ${MARK[rule.status]} ${rule.id}${colon}${pick(rule.summary, locale)}`)
    out.push(`      ${t('source', '出處')}${colon}${rule.source}`)
  }
  out.push('')
  out.push(
    report.ready
      ? t('READY: nothing blocks assigning this certificate to the Access Edge external interface.', '可以指派：沒有任何問題阻止將此憑證指派給 Access Edge 外部介面。')
      : t('NOT READY: fix the ✗ rules before assigning this certificate.', '尚不可指派：請先修正標示 ✗ 的規則，再指派此憑證。'),
  )
  return toTerminalText(out)
}

function nameLine(name: NameCoverage, locale: Locale): string {
  const label =
    locale === 'zh-TW'
      ? `${name.name}（${pick(ROLE[name.role], locale)}，${pick(FROM[name.from], locale)}）`
      : `${name.name} (${pick(ROLE[name.role], locale)}, ${pick(FROM[name.from], locale)})`
  const colon = labelColon(locale)
  if (!name.covered) return `✗ ${label}${colon}${pick(text('not covered', '未涵蓋'), locale)}`
  return `✓ ${label}${colon}${name.by} ${name.identifier ?? ''}`.trimEnd()
}
