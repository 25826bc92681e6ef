/**
 * Per-domain verdicts for the certificate a server presents after STARTTLS: does it name the XMPP
 * domain (RFC 6120 §13.7.2, RFC 7590 → RFC 6125), is it in date, does its chain verify.
 * DOC-CERT, DOC-SETUP step 17, DOMAIN-FACTS §5 causes 1 and 16.
 */
import type { CheckContext, CheckOutcome } from '../check-types'
import type { FindingReasonOf } from '../finding-reasons'
import { preferredAccessEdgeFqdn } from '../evidence-access'
import { text, type Localized } from '../../i18n/localized'
import { listPresentedIdentifiers, matchXmppServerIdentity } from '../../probe/certificate-identity'
import { cutShortClause, withClause } from '../../probe/probe-bounds'
import { isOurDomain, outcome } from './probe-check-support'
import { notApplicable } from './probe-dns-judges'
import { targetLabel, tlsItems } from './probe-evidence'
import { askPartnerFix, replaceEdgeCertificateFix, trustPartnerCaFix } from './probe-fixes'
import type { DomainProbeReport, ProbeCertificate, ProbeTargetReport } from '../../probe/probe-types'

const DAY_MS = 24 * 60 * 60 * 1000
/** Same warning horizon as the evidence check edge-certificate-valid. */
export const EXPIRY_WARNING_DAYS = 30

interface Presented {
  readonly target: ProbeTargetReport
  readonly certificate: ProbeCertificate
}

/** One entry per distinct certificate (a pool usually presents the same one on every node). */
function presentedCertificates(report: DomainProbeReport): Presented[] {
  const seen = new Set<string>()
  const out: Presented[] = []
  for (const target of report.targets) {
    const certificate = target.tls?.peerCertificate
    if (!certificate || seen.has(certificate.fingerprint256)) continue
    seen.add(certificate.fingerprint256)
    out.push({ target, certificate })
  }
  return out
}

/** When no certificate was seen: 'skipped' if no target offered TLS at all, else 'unknown'. */
function noCertificate(report: DomainProbeReport): CheckOutcome {
  if (report.dns.serviceRefused) return notApplicable()
  const plainOnly =
    report.targets.length > 0 &&
    report.targets.every((t) => t.transport === 'starttls' && t.featuresBeforeTls !== null && !t.featuresBeforeTls.starttls)
  return plainOnly
    ? outcome('skipped', text('No target offers TLS, so there is no certificate to check.', '沒有目標提供 TLS，因此沒有憑證可檢查。'), [])
    : outcome('unknown', withClause(text('The probe did not get as far as a certificate', '探測沒有進行到取得憑證的步驟'), cutShortClause(report)), [])
}

/** s2s-certificate-names: does the certificate identify the XMPP domain itself? */
export function judgeCertificateNames(report: DomainProbeReport, context: CheckContext): CheckOutcome<FindingReasonOf<'s2s-certificate-names'>> {
  const presented = presentedCertificates(report)
  if (presented.length === 0) return noCertificate(report)
  const evidence = presented.flatMap((p) => tlsItems(report, p.target))
  const results = presented.map((p) => ({ ...p, match: matchXmppServerIdentity(report.domain, p.certificate.identifiers) }))
  const ours = isOurDomain(report.domain, context)
  const mismatch = results.find((r) => !r.match.matched)
  if (mismatch) {
    const names = listPresentedIdentifiers(mismatch.certificate.identifiers).join(', ') || '(none)'
    const hostOnly = mismatch.certificate.identifiers.dnsNames.some((n) => n.toLowerCase() === mismatch.target.host)
    const hint = hostOnly
      ? text(' It names the SRV target host, but XMPP checks the domain itself.', ' 它列出的是 SRV 目標主機，但 XMPP 檢查的是網域本身。')
      : text('', '')
    return outcome(
      'fail',
      text(
        `The certificate on ${targetLabel(mismatch.target)} does not name ${report.domain}; it presents ${names}.${hint.en}`,
        `${targetLabel(mismatch.target)} 上的憑證沒有包含 ${report.domain}；它列出的是 ${names}。${hint['zh-TW']}`,
      ),
      evidence,
      ours
        ? replaceEdgeCertificateFix(report.domain, preferredAccessEdgeFqdn(context.evidence))
        : askPartnerFix(report.domain, `use a certificate whose subject alternative names include ${report.domain}.`, `使用主體別名包含 ${report.domain} 的憑證。`),
      'certificate-name-mismatch',
    )
  }
  const cnOnly = results.find((r) => r.match.usedCnFallback)
  if (cnOnly) {
    return outcome(
      'warn',
      text(
        `The certificate names ${report.domain} only in its subject CN and has no subject alternative names; current servers ignore the CN (RFC 6125 §6.4.4).`,
        `憑證只在主體 CN 中包含 ${report.domain}，沒有主體別名；現今的伺服器會忽略 CN（RFC 6125 §6.4.4）。`,
      ),
      evidence,
      ours ? replaceEdgeCertificateFix(report.domain, preferredAccessEdgeFqdn(context.evidence)) : null,
      'certificate-cn-only',
    )
  }
  const how = [...new Set(results.map((r) => r.match.by))].join(', ')
  return outcome(
    'pass',
    text(`The certificate names ${report.domain} (${how}).`, `憑證包含 ${report.domain}（${how}）。`),
    evidence,
  )
}

/** s2s-certificate-not-expiring: in date now, and for the next 30 days. */
export function judgeCertificateNotExpiring(report: DomainProbeReport, context: CheckContext): CheckOutcome<FindingReasonOf<'s2s-certificate-not-expiring'>> {
  const presented = presentedCertificates(report)
  if (presented.length === 0) return noCertificate(report)
  const evidence = presented.flatMap((p) => tlsItems(report, p.target))
  const now = context.now.getTime()
  const fix = isOurDomain(report.domain, context)
    ? replaceEdgeCertificateFix(report.domain, preferredAccessEdgeFqdn(context.evidence))
    : askPartnerFix(report.domain, 'renew the certificate of their XMPP server.', '更新其 XMPP 伺服器的憑證。')
  const dated = presented.map((p) => ({ ...p, notBefore: Date.parse(p.certificate.notBefore), notAfter: Date.parse(p.certificate.notAfter) }))
  const expired = dated.find((d) => d.notAfter < now)
  if (expired) {
    return outcome(
      'fail',
      text(`The certificate on ${targetLabel(expired.target)} expired on ${expired.certificate.notAfter}.`, `${targetLabel(expired.target)} 上的憑證已於 ${expired.certificate.notAfter} 到期。`),
      evidence,
      fix,
      'certificate-expired',
    )
  }
  const early = dated.find((d) => d.notBefore > now)
  if (early) {
    return outcome(
      'fail',
      text(`The certificate on ${targetLabel(early.target)} is not valid before ${early.certificate.notBefore} (check the clocks).`, `${targetLabel(early.target)} 上的憑證在 ${early.certificate.notBefore} 之前無效（請檢查時鐘）。`),
      evidence,
      fix,
      'certificate-not-yet-valid',
    )
  }
  const soonest = [...dated].sort((a, b) => a.notAfter - b.notAfter)[0]
  const days = soonest ? Math.floor((soonest.notAfter - now) / DAY_MS) : 0
  if (soonest && days < EXPIRY_WARNING_DAYS) {
    return outcome(
      'warn',
      text(`The certificate expires in ${days} day(s), on ${soonest.certificate.notAfter}.`, `憑證將在 ${days} 天後（${soonest.certificate.notAfter}）到期。`),
      evidence,
      fix,
      'certificate-expiring-soon',
    )
  }
  return outcome(
    'pass',
    text(`Valid until ${soonest?.certificate.notAfter ?? '?'} (${days} days).`, `有效期限至 ${soonest?.certificate.notAfter ?? '?'}（${days} 天）。`),
    evidence,
  )
}

/** s2s-certificate-trusted: does the chain verify against the roots the probe trusts (plus --ca-file)? */
export function judgeCertificateTrusted(report: DomainProbeReport, context: CheckContext): CheckOutcome<FindingReasonOf<'s2s-certificate-trusted'>> {
  const presented = presentedCertificates(report)
  if (presented.length === 0) return noCertificate(report)
  const evidence = presented.flatMap((p) => tlsItems(report, p.target))
  // OpenSSL reports one error; a date error may hide an unknown issuer, so look at where the chain ends.
  const untrusted = presented.find(
    (p) => p.target.tls && !p.target.tls.authorized && !(isDateError(p.target.tls.authorizationError) && p.target.tls.chainEndsInTrustedRoot),
  )
  if (!untrusted) {
    const datesOnly = presented.some((p) => p.target.tls && !p.target.tls.authorized)
    const issuer = presented[0]?.certificate.issuer ?? '?'
    return outcome(
      'pass',
      datesOnly
        ? text(
            `The chain leads to a trusted root (issuer: ${issuer}); only its dates fail, which s2s-certificate-not-expiring reports.`,
            `憑證鏈可連到受信任的根憑證（簽發者：${issuer}）；只有有效日期不符，由 s2s-certificate-not-expiring 回報。`,
          )
        : text(`The chain verifies (issuer: ${issuer}).`, `憑證鏈驗證成功（簽發者：${issuer}）。`),
      evidence,
    )
  }
  const code = untrusted.target.tls?.authorizationError ?? 'UNKNOWN'
  const ours = isOurDomain(report.domain, context)
  const why = explainChainError(code, untrusted.certificate)
  return outcome(
    'fail',
    text(`${targetLabel(untrusted.target)}: ${why.en} (${code})`, `${targetLabel(untrusted.target)}：${why['zh-TW']}（${code}）`),
    evidence,
    ours ? replaceEdgeCertificateFix(report.domain, preferredAccessEdgeFqdn(context.evidence)) : trustPartnerCaFix(report.domain),
    isSelfSigned(code) ? 'certificate-self-signed' : 'certificate-untrusted',
  )
}

function isDateError(code: string | null): boolean {
  return code === 'CERT_HAS_EXPIRED' || code === 'CERT_NOT_YET_VALID'
}

function isSelfSigned(code: string): boolean {
  return code === 'DEPTH_ZERO_SELF_SIGNED_CERT' || code === 'SELF_SIGNED_CERT_IN_CHAIN'
}

function explainChainError(code: string, certificate: ProbeCertificate): Localized {
  switch (code) {
    case 'CERT_HAS_EXPIRED':
    case 'CERT_NOT_YET_VALID':
      return text(
        `the certificate is out of date, and its chain does not lead to a root the probe trusts (${certificate.issuer}).`,
        `憑證已不在有效期內，且其憑證鏈無法連到探測信任的根憑證（${certificate.issuer}）。`,
      )
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'SELF_SIGNED_CERT_IN_CHAIN':
      return text('the certificate is self-signed; partners will not trust it.', '憑證為自我簽署；夥伴不會信任它。')
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY':
    case 'UNABLE_TO_GET_ISSUER_CERT':
      return text(
        `issued by a CA the probe does not trust (${certificate.issuer}); a missing intermediate certificate, or a private CA (pass its root with --ca-file).`,
        `由探測不信任的 CA 簽發（${certificate.issuer}）；可能缺少中繼憑證，或是私人 CA（請以 --ca-file 提供其根憑證）。`,
      )
    default:
      return text('the certificate chain does not verify.', '憑證鏈驗證失敗。')
  }
}
