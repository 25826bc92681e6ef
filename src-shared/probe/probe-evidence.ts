/**
 * Evidence lines for probe results: verbatim, untranslated facts (a DNS answer, a connect error,
 * the features offered, the certificate's names), each tagged with the source "probe:<domain>".
 */
import type { EvidenceItem } from '../diagnostics/check-types'
import { listPresentedIdentifiers } from './certificate-identity'
import type {
  DomainProbeReport,
  ProbeDnsView,
  ProbeSrvLookup,
  ProbeStreamFeatures,
  ProbeTargetReport,
} from './probe-types'

/** The evidence source of a domain's probe. */
export function probeSource(domain: string): string {
  return `probe:${domain}`
}

function item(report: DomainProbeReport, line: string): EvidenceItem {
  return { source: probeSource(report.domain), text: line }
}

/** "host:port" with the transport when it is direct TLS. */
export function targetLabel(target: ProbeTargetReport): string {
  return `${target.host}:${target.port}${target.transport === 'direct-tls' ? ' (direct TLS)' : ''}`
}

/** SRV answers, one line per record, or the resolver's error. */
export function srvLines(lookup: ProbeSrvLookup, resolver: string): string[] {
  const via = resolver === 'system' ? '' : ` @${resolver}`
  if (lookup.records.length === 0) {
    return [`${lookup.query}${via}: ${lookup.error ? `${lookup.error.code} (${lookup.error.message})` : 'no records'}`]
  }
  return lookup.records.map((r) => `${lookup.query}${via}  SRV  ${r.priority} ${r.weight} ${r.port} ${r.target}`)
}

/** Both SRV lookups of a view. XEP-0368 lines only when records exist (their absence is normal). */
export function dnsViewItems(report: DomainProbeReport, view: ProbeDnsView): EvidenceItem[] {
  const lines = srvLines(view.srv, view.resolver)
  if (view.xmppsSrv.records.length > 0) lines.push(...srvLines(view.xmppsSrv, view.resolver))
  if (view.fallbackUsed) lines.push(`no SRV record: fell back to ${report.domain}:${report.targets[0]?.port ?? 5269}`)
  return lines.map((line) => item(report, line))
}

/** The A/AAAA answers for each target host. */
export function addressItems(report: DomainProbeReport): EvidenceItem[] {
  return uniqueTargets(report).map((target) => {
    if (target.addresses.length > 0) return item(report, `${target.host}  A/AAAA  ${target.addresses.join(', ')}`)
    const lookup = report.dns.addresses.find((entry) => entry.host === target.host)
    const why = lookup?.error ? `${lookup.error.code} (${lookup.error.message})` : (target.failure?.message ?? 'no address')
    return item(report, `${target.host}  A/AAAA  none: ${why}`)
  })
}

/** One line per connect attempt. */
export function connectItems(report: DomainProbeReport, target: ProbeTargetReport): EvidenceItem[] {
  if (target.connectAttempts.length === 0 && target.failure) {
    return [item(report, `${targetLabel(target)}: not connected (${target.failure.code}: ${target.failure.message})`)]
  }
  return target.connectAttempts.map((attempt) =>
    item(
      report,
      attempt.ok
        ? `${targetLabel(target)} via ${attempt.address}: TCP connected in ${attempt.ms} ms`
        : `${targetLabel(target)} via ${attempt.address}: ${attempt.error?.code ?? 'failed'} after ${attempt.ms} ms (${attempt.error?.message ?? ''})`,
    ),
  )
}

/** The features element as one line. */
export function featuresLine(features: ProbeStreamFeatures): string {
  const parts: string[] = []
  if (features.starttls) parts.push(features.starttlsRequired ? 'starttls (required)' : 'starttls')
  if (features.dialback) parts.push('dialback')
  if (features.saslMechanisms.length > 0) parts.push(`SASL [${features.saslMechanisms.join(' ')}]`)
  parts.push(...features.other)
  return parts.length > 0 ? parts.join(', ') : '(none)'
}

/** Stream header, features and any stream error or failure of a target. */
export function streamItems(report: DomainProbeReport, target: ProbeTargetReport): EvidenceItem[] {
  const lines: string[] = []
  const header = target.streamHeader
  if (header) {
    lines.push(
      `${targetLabel(target)} stream header: from=${header.from ?? '(none)'} id=${header.id ?? '(none)'} version=${header.version ?? '(none)'} xmlns=${header.namespace ?? '(none)'}`,
    )
  }
  if (target.featuresBeforeTls) lines.push(`${targetLabel(target)} features: ${featuresLine(target.featuresBeforeTls)}`)
  if (target.starttls !== 'not-attempted' && target.starttls !== 'not-offered') {
    lines.push(`${targetLabel(target)} <starttls/> → <${target.starttls}/>`)
  }
  if (target.featuresAfterTls) lines.push(`${targetLabel(target)} features after TLS: ${featuresLine(target.featuresAfterTls)}`)
  if (target.streamError) {
    lines.push(`${targetLabel(target)} <stream:error> <${target.streamError.condition}/>${target.streamError.text ? ` "${target.streamError.text}"` : ''}`)
  }
  if (target.failure) lines.push(`${targetLabel(target)} stopped at ${target.failure.step}: ${target.failure.code} (${target.failure.message})`)
  return lines.map((line) => item(report, line))
}

/** TLS version, cipher, certificate names, validity, fingerprints and chain verdict. */
export function tlsItems(report: DomainProbeReport, target: ProbeTargetReport): EvidenceItem[] {
  const tls = target.tls
  if (!tls) return []
  const lines = [`${targetLabel(target)} TLS: ${tls.version ?? '?'} ${tls.cipher ?? '?'}${tls.alpn ? ` ALPN=${tls.alpn}` : ''} SNI=${tls.servername}`]
  const cert = tls.peerCertificate
  if (cert) {
    lines.push(`certificate subject: ${cert.subject}; issuer: ${cert.issuer}`)
    lines.push(`certificate names: ${listPresentedIdentifiers(cert.identifiers).join(', ') || '(none)'}`)
    lines.push(`certificate valid: ${cert.notBefore} → ${cert.notAfter}`)
    lines.push(`certificate SHA-1: ${cert.fingerprint1}  SHA-256: ${cert.fingerprint256}`)
  }
  lines.push(`chain verification: ${tls.authorized ? 'ok' : (tls.authorizationError ?? 'failed')}${tls.extraCaFiles.length > 0 ? ` (extra CA: ${tls.extraCaFiles.join(', ')})` : ''}`)
  return lines.map((line) => item(report, line))
}

/** Targets by host, first occurrence (a host may appear for both SRV services). */
export function uniqueTargets(report: DomainProbeReport): ProbeTargetReport[] {
  const seen = new Set<string>()
  return report.targets.filter((target) => {
    if (seen.has(target.host)) return false
    seen.add(target.host)
    return true
  })
}
