/**
 * Per-domain verdicts for the certificate a server presents after STARTTLS: does it name the XMPP
 * domain (RFC 6120 §13.7.2, RFC 7590 → RFC 6125), is it in date, does its chain verify.
 * DOC-CERT, DOC-SETUP step 17, DOMAIN-FACTS §5 causes 1 and 16.
 */
import type { CheckContext, CheckOutcome } from '../check-types'
import type { FindingReasonOf } from '../finding-reasons'
import { preferredAccessEdgeFqdn } from '../evidence-access'
import { listPresentedIdentifiers, matchXmppServerIdentity } from '../../probe/certificate-identity'
import { cutShortClause, withClause } from '../../probe/probe-bounds'
import { isOurDomain, outcome } from './probe-check-support'
import { notApplicable } from './probe-dns-judges'
import { targetLabel, tlsItems } from './probe-evidence'
import { askPartnerFix, replaceEdgeCertificateFix, trustPartnerCaFix } from './probe-fixes'
import type { DomainProbeReport, ProbeCertificate, ProbeTargetReport } from '../../probe/probe-types'
import {
  PROBE_CERTIFICATE_DATES_MESSAGES as DATES,
  PROBE_CERTIFICATE_MESSAGES as CERTIFICATE,
  PROBE_CERTIFICATE_NAMES_MESSAGES as NAMES,
  PROBE_CERTIFICATE_TRUST_MESSAGES as TRUST,
} from './probe-certificate-messages'

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
    ? outcome('skipped', CERTIFICATE.noTls, [])
    : outcome('unknown', withClause(CERTIFICATE.noCertificateYet, cutShortClause(report)), [])
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
    const names = listPresentedIdentifiers(mismatch.certificate.identifiers)
    const hostOnly = mismatch.certificate.identifiers.dnsNames.some((n) => n.toLowerCase() === mismatch.target.host)
    const askSan = NAMES.askPartnerSan(report.domain)
    return outcome(
      'fail',
      NAMES.mismatch(targetLabel(mismatch.target), report.domain, names, hostOnly),
      evidence,
      ours ? replaceEdgeCertificateFix(report.domain, preferredAccessEdgeFqdn(context.evidence)) : askPartnerFix(report.domain, askSan.en, askSan['zh-TW']),
      'certificate-name-mismatch',
    )
  }
  const cnOnly = results.find((r) => r.match.usedCnFallback)
  if (cnOnly) {
    return outcome(
      'warn',
      NAMES.cnOnly(report.domain),
      evidence,
      ours ? replaceEdgeCertificateFix(report.domain, preferredAccessEdgeFqdn(context.evidence)) : null,
      'certificate-cn-only',
    )
  }
  const how = [...new Set(results.map((r) => r.match.by))].join(', ')
  return outcome('pass', NAMES.names(report.domain, how), evidence)
}

/** s2s-certificate-not-expiring: in date now, and for the next 30 days. */
export function judgeCertificateNotExpiring(report: DomainProbeReport, context: CheckContext): CheckOutcome<FindingReasonOf<'s2s-certificate-not-expiring'>> {
  const presented = presentedCertificates(report)
  if (presented.length === 0) return noCertificate(report)
  const evidence = presented.flatMap((p) => tlsItems(report, p.target))
  const now = context.now.getTime()
  const fix = isOurDomain(report.domain, context)
    ? replaceEdgeCertificateFix(report.domain, preferredAccessEdgeFqdn(context.evidence))
    : askPartnerFix(report.domain, DATES.askPartnerRenew.en, DATES.askPartnerRenew['zh-TW'])
  const dated = presented.map((p) => ({ ...p, notBefore: Date.parse(p.certificate.notBefore), notAfter: Date.parse(p.certificate.notAfter) }))
  const expired = dated.find((d) => d.notAfter < now)
  if (expired) {
    return outcome(
      'fail',
      DATES.expired(targetLabel(expired.target), expired.certificate.notAfter),
      evidence,
      fix,
      'certificate-expired',
    )
  }
  const early = dated.find((d) => d.notBefore > now)
  if (early) {
    return outcome(
      'fail',
      DATES.notYetValid(targetLabel(early.target), early.certificate.notBefore),
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
      DATES.expiresSoon(days, soonest.certificate.notAfter),
      evidence,
      fix,
      'certificate-expiring-soon',
    )
  }
  return outcome('pass', DATES.valid(soonest?.certificate.notAfter ?? '?', days), evidence)
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
      datesOnly ? TRUST.onlyDatesFail(issuer) : TRUST.verifies(issuer),
      evidence,
    )
  }
  const code = untrusted.target.tls?.authorizationError ?? 'UNKNOWN'
  const ours = isOurDomain(report.domain, context)
  return outcome(
    'fail',
    TRUST.untrusted(targetLabel(untrusted.target), code, untrusted.certificate),
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
