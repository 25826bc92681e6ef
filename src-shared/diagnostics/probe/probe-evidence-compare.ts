/**
 * Probe beside evidence: what the Edge says it is configured with, against what a partner sees.
 * Our certificate as configured (Get-CsCertificate Thumbprint, a SHA-1 hex) against the one presented
 * on 5269; our SRV record as published against the topology's Access Edge external FQDN and port.
 * Pure functions returning findings; the decision tree decides where they are shown.
 */
import { describeDnsFailure, isAbsence } from '../../probe/probe-bounds'
import type { EvidenceItem, Fix } from '../check-types'
import { expectedExternalPort, preferredAccessEdgeFqdn, valueOf, xmppAccessEdgeFqdns } from '../evidence-access'
import type { Evidence, LyncCertificate } from '../../evidence/evidence-model'
import type { Localized } from '../../i18n/localized'
import { fixCommands } from '../../commands/command-model'
import { getEdgeCertificate, startLyncService, stopLyncServices } from '../../commands/fix-commands'
import { normalizeDnsName } from '../../probe/certificate-identity'
import { probeSource, targetLabel } from './probe-evidence'
import { publishSrvFix } from './probe-fixes'
import type { DomainProbeReport } from '../../probe/probe-types'
import { CERTIFICATE_AS_PRESENTED_MESSAGES as CERTIFICATE, SRV_AS_PUBLISHED_MESSAGES as SRV } from './probe-evidence-compare-messages'

export type ProbeComparisonId = 'certificate-as-presented' | 'srv-as-published'

/** One probe-versus-evidence finding. */
export interface ProbeComparison {
  readonly id: ProbeComparisonId
  readonly domain: string
  /** unknown: one side is missing (evidence not collected, or the probe saw no certificate / no SRV). */
  readonly status: 'match' | 'mismatch' | 'unknown'
  readonly summary: Localized
  readonly evidence: readonly EvidenceItem[]
  readonly fix: Fix | null
}

/** Get-CsCertificate Use values that carry the external XMPP identity (DOMAIN-FACTS §2). */
const EXTERNAL_USES = ['accessedgeexternal', 'xmppserver']

/** Hex digits only, upper case: "71:3d cd…" and "713DCD…" compare equal. */
export function normalizeThumbprint(value: string): string {
  return value.replace(/[^0-9a-f]/gi, '').toUpperCase()
}

/** Both comparisons for one domain's probe (meaningful for our own domains). */
export function compareProbeWithEvidence(report: DomainProbeReport, evidence: Evidence): ProbeComparison[] {
  return [compareCertificateWithEvidence(report, evidence), compareSrvWithTopology(report, evidence)]
}

/** Is the certificate presented on 5269 the one Get-CsCertificate says is assigned? */
export function compareCertificateWithEvidence(report: DomainProbeReport, evidence: Evidence): ProbeComparison {
  const base = { id: 'certificate-as-presented' as const, domain: report.domain }
  const certificates = valueOf(evidence.certificates)
  const configured = (certificates ?? []).filter((c) => EXTERNAL_USES.includes(c.use.replace(/\s/g, '').toLowerCase()))
  const presented = report.targets.flatMap((t) => (t.tls?.peerCertificate ? [{ target: t, certificate: t.tls.peerCertificate }] : []))
  const items: EvidenceItem[] = [
    ...configured.map(configuredItem),
    ...presented.map(({ target, certificate }) => ({
      source: probeSource(report.domain),
      text: `${targetLabel(target)} presents Thumbprint=${normalizeThumbprint(certificate.fingerprint1)}  Subject=${certificate.subject}  NotAfter=${certificate.notAfter}`,
    })),
  ]
  if (configured.length === 0 || presented.length === 0) {
    return {
      ...base,
      status: 'unknown',
      summary:
        configured.length === 0 ? CERTIFICATE.nothingConfigured : CERTIFICATE.nothingPresented,
      evidence: items,
      fix: null,
    }
  }
  const expected = new Set(configured.map((c) => normalizeThumbprint(c.thumbprint)))
  const foreign = presented.filter(({ certificate }) => !expected.has(normalizeThumbprint(certificate.fingerprint1)))
  const first = foreign[0]
  if (!first) {
    return {
      ...base,
      status: 'match',
      summary: CERTIFICATE.match,
      evidence: items,
      fix: null,
    }
  }
  return {
    ...base,
    status: 'mismatch',
    summary: CERTIFICATE.mismatch(targetLabel(first.target), normalizeThumbprint(first.certificate.fingerprint1)),
    evidence: items,
    fix: {
      description: CERTIFICATE.restartFix,
      ...fixCommands(stopLyncServices(), startLyncService(), getEdgeCertificate()),
      runOn: 'edge',
      changesServer: true,
    },
  }
}

function configuredItem(certificate: LyncCertificate): EvidenceItem {
  return {
    source: 'certificates.json',
    text: `Use=${certificate.use}  Thumbprint=${normalizeThumbprint(certificate.thumbprint)}  Subject=${certificate.subject}  NotAfter=${certificate.notAfter ?? ''}`,
  }
}

/** Does the published SRV record point at the topology's Access Edge external FQDN and XMPP port? */
export function compareSrvWithTopology(report: DomainProbeReport, evidence: Evidence): ProbeComparison {
  const base = { id: 'srv-as-published' as const, domain: report.domain }
  // Only pools with XMPP federation answer on the XMPP port; with several pools, the others do not count.
  const fqdns = xmppAccessEdgeFqdns(evidence)
  const port = expectedExternalPort(evidence)
  const records = report.dns.srv.records.filter((r) => r.target !== '.')
  const items: EvidenceItem[] = [
    ...fqdns.map((fqdn) => ({ source: 'edge-services.json', text: `AccessEdgeExternalFqdn=${fqdn}  XMPP port=${port}` })),
    ...records.map((r) => ({ source: probeSource(report.domain), text: `${report.dns.srv.query}  SRV  ${r.priority} ${r.weight} ${r.port} ${r.target}` })),
    ...publishedAddressItems(report, evidence),
  ]
  if (fqdns.length === 0 || records.length === 0) {
    const srvError = report.dns.srv.error
    // No answer is not "no record": say which, so nobody reads a timeout as a missing SRV record.
    const unanswered = srvError && !isAbsence(srvError) ? describeDnsFailure(srvError, report.dns.resolver, report.dns.srv.query, report.limits) : null
    return {
      ...base,
      status: 'unknown',
      summary:
        fqdns.length === 0 ? SRV.noAccessEdgeName : unanswered ? SRV.unanswered(unanswered) : SRV.noRecord(report.dns.srv.query),
      evidence: items,
      fix: null,
    }
  }
  const matching = records.filter((r) => fqdns.includes(normalizeDnsName(r.target)) && r.port === port)
  if (matching.length > 0) {
    return {
      ...base,
      status: 'match',
      summary: SRV.match(matching[0]?.target, port),
      evidence: items,
      fix: null,
    }
  }
  return {
    ...base,
    status: 'mismatch',
    summary: SRV.mismatch(records, fqdns, port),
    evidence: items,
    fix: publishSrvFix(report.domain, srvFixTarget(evidence, fqdns)),
  }
}

/** This Edge's own Access Edge name when it serves XMPP, else the first that does. */
function srvFixTarget(evidence: Evidence, xmppFqdns: readonly string[]): string | null {
  const own = preferredAccessEdgeFqdn(evidence)
  return own !== null && xmppFqdns.includes(own) ? own : (xmppFqdns[0] ?? null)
}

/** The SRV targets' addresses as the probe resolved them beside the Edge's own lookup (dns-a.json), when both exist. */
function publishedAddressItems(report: DomainProbeReport, evidence: Evidence): EvidenceItem[] {
  const lookups = valueOf(evidence.dnsA) ?? []
  return report.dns.addresses.flatMap((probed) => {
    const onEdge = lookups.find((l) => normalizeDnsName(l.query) === probed.host)
    if (!onEdge) return []
    return [
      {
        source: probeSource(report.domain),
        text: `${probed.host} from the probe: ${[...probed.ipv4, ...probed.ipv6].join(', ') || (probed.error && !isAbsence(probed.error) ? `no answer (${probed.error.code})` : 'none')}`,
      },
      { source: 'dns-a.json', text: `${probed.host} from the Edge: ${onEdge.addresses.join(', ') || onEdge.error || 'none'}` },
    ]
  })
}
