/**
 * Evidence lines for probe results: verbatim, untranslated facts (a DNS answer, a connect error,
 * the features offered, the certificate's names), each tagged with the source "probe:<domain>".
 */
import type { EvidenceItem } from '../check-types'
import { listPresentedIdentifiers } from '../../probe/certificate-identity'
import type {
  DnsFailure,
  DomainProbeReport,
  ProbeAddressLookup,
  ProbeDnsView,
  ProbeSrvLookup,
  ProbeStreamFeatures,
  ProbeTargetReport,
} from '../../probe/probe-types'

/** Resolver answers that mean "no such record": normal for AAAA or XEP-0368, not worth a line of their own. */
const NO_RECORD_CODES: readonly string[] = ['ENOTFOUND', 'ENODATA']

function isNoRecord(error: DnsFailure | null): boolean {
  return error === null || NO_RECORD_CODES.includes(error.code)
}

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

/**
 * Both SRV lookups of a view. XEP-0368 lines only when records exist (their absence is normal) or the
 * query got no answer (a resolver or firewall dropping it is worth seeing).
 */
export function dnsViewItems(report: DomainProbeReport, view: ProbeDnsView): EvidenceItem[] {
  const lines = srvLines(view.srv, view.resolver)
  if (view.xmppsSrv.records.length > 0 || !isNoRecord(view.xmppsSrv.error)) lines.push(...srvLines(view.xmppsSrv, view.resolver))
  if (view.fallbackUsed) lines.push(`no SRV record: fell back to ${report.domain}:${report.targets[0]?.port ?? 5269}`)
  return lines.map((line) => item(report, line))
}

/**
 * The A/AAAA answers for each target host, then a line for each A or AAAA query that timed out or
 * failed (e.g. a DMZ firewall dropping AAAA queries), which the probe did not wait for.
 */
export function addressItems(report: DomainProbeReport): EvidenceItem[] {
  return uniqueTargets(report).flatMap((target) => {
    const lookup = report.dns.addresses.find((entry) => entry.host === target.host)
    if (target.addresses.length > 0) {
      const lines = [`${target.host}  A/AAAA  ${target.addresses.join(', ')}`, ...addressQueryLines(lookup, report.dns.resolver, null)]
      return lines.map((line) => item(report, line))
    }
    const why = lookup?.error ? `${lookup.error.code} (${lookup.error.message})` : (target.failure?.message ?? 'no address')
    // "none" only when the resolver said so (NXDOMAIN/NODATA); an unanswered query is "no answer", never "none".
    const absent = lookup?.error ? isNoRecord(lookup.error) : !target.failure || target.failure.code === 'dns'
    const lines = [`${target.host}  A/AAAA  ${absent ? 'none' : 'no answer'}: ${why}`, ...addressQueryLines(lookup, report.dns.resolver, lookup?.error ?? null)]
    return lines.map((line) => item(report, line))
  })
}

/** "AAAA query for <host> timed out: no answer within N ms" and the like; `shown` is an error already on the host's line. */
export function addressQueryLines(lookup: ProbeAddressLookup | undefined, resolver: string, shown: DnsFailure | null): string[] {
  if (!lookup) return []
  const asked = `for ${lookup.host}${resolver === 'system' ? '' : ` @${resolver}`}`
  return (lookup.queries ?? []).flatMap((query) => {
    const { error } = query
    if (error === null || isNoRecord(error)) return []
    if (shown && error.code === shown.code && error.message === shown.message) return []
    return error.code === 'ETIMEOUT'
      ? [`${query.type} query ${asked} timed out: ${error.message}`]
      : [`${query.type} query ${asked} failed: ${error.code} (${error.message})`]
  })
}

/** Where the probe spoke from: a partner sees (and its firewall filters) this address, not the admin's. */
export function sourceItem(report: DomainProbeReport): EvidenceItem {
  return item(
    report,
    report.sourceAddress
      ? `the probe spoke from ${report.sourceAddress} (--source)`
      : 'the probe spoke from this machine, through the interface the operating system chose (no --source)',
  )
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
        ? `${targetLabel(target)} via ${attempt.address}: TCP connected in ${attempt.ms} ms${attempt.localAddress ? ` from ${attempt.localAddress}` : ''}`
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
