/** Check contexts for probe tests: empty evidence, optionally with partner entries or certificates. */
import type { CheckContext } from '../../../src-shared/diagnostics/check-types'
import type { Evidence, LyncCertificate, XmppPartner } from '../../../src-shared/evidence/evidence-model'
import { parseEvidence } from '../../../src-shared/evidence/parse-evidence'

/** Evidence with nothing collected. */
export function emptyEvidence(): Evidence {
  return parseEvidence(new Map()).evidence
}

/** A partner entry as Get-CsXmppAllowedPartner would give it (defaults per PS/New-CsXmppAllowedPartner). */
export function partnerEntry(domain: string, overrides: Partial<XmppPartner> = {}): XmppPartner {
  return {
    identity: domain,
    domain,
    additionalDomains: [],
    partnerType: 'Federated',
    tlsNegotiation: 'Required',
    saslNegotiation: 'Required',
    supportDialbackNegotiation: true,
    enableKeepAlive: true,
    proxyFqdn: null,
    connectionLimit: null,
    ...overrides,
  }
}

export interface ContextParts {
  readonly ours?: readonly string[]
  readonly partners?: readonly XmppPartner[]
  readonly certificates?: readonly LyncCertificate[]
  readonly edgeFqdn?: string
  readonly now?: Date
}

/** A context for evaluateProbeChecks. */
export function probeContext(parts: ContextParts = {}): Omit<CheckContext, 'probes'> {
  const base = emptyEvidence()
  const evidence: Evidence = {
    ...base,
    ...(parts.partners ? { xmppPartners: { state: 'collected', value: parts.partners } } : {}),
    ...(parts.certificates ? { certificates: { state: 'collected', value: parts.certificates } } : {}),
    ...(parts.edgeFqdn
      ? {
          edgeServices: {
            state: 'collected',
            value: [
              {
                identity: `EdgeServer:${parts.edgeFqdn}`,
                poolFqdn: parts.edgeFqdn,
                siteId: null,
                accessEdgeExternalFqdn: parts.edgeFqdn,
                accessEdgeExternalSipPort: 5061,
                xmppListeningPort: 5269,
                xmppInternalPort: 23456,
                properties: {},
              },
            ],
          },
        }
      : {}),
  }
  return { evidence, domains: parts.ours ?? [], partners: [], now: parts.now ?? new Date() }
}
