/**
 * `analyze --probe`: the live probe beside the evidence. Probes our domains (--domain, else the manifest's)
 * as a partner would, and the --partner domains from our first domain, then compares what our own domains
 * present on 5269 with what the evidence says is configured (certificate thumbprint, SRV target and port).
 */
import { validateDomainName } from '../../src-shared/validation/dns-name'
import { isIP } from 'node:net'
import { domainsUnderTest, expectedExternalPort, listenersOn, serverRole } from '../../src-shared/diagnostics/evidence-access'
import type { Evidence, NetstatEntry } from '../../src-shared/evidence/evidence-model'
import { text, type Localized } from '../../src-shared/i18n/localized'
import { XMPP_SERVER_DEFAULT_PORT } from '../../src-shared/probe/probe-types'
import { compareProbeWithEvidence, type ProbeComparison } from '../../src-shared/diagnostics/probe/probe-evidence-compare'
import type { DomainProbeReport } from '../../src-shared/probe/probe-types'
import { ProbeOptionsError, type ProbeOptions } from '../probe/probe-domain'
import { probeDomains } from '../probe/probe-many'

/**
 * How to probe: everything probeDomains takes except `from`, which follows from the domains. `connect` (a
 * specific Edge node) applies to our domains only: the partners are always found through their SRV records.
 */
export type ProbeBesideEvidenceOptions = Omit<ProbeOptions, 'from'> & { readonly concurrency?: number }

/** What the probe found, ready for diagnose() (`probes`, `probedAt`) and the result (`comparisons`). */
export interface ProbeBesideEvidence {
  /** One report per probed domain, ours first, in probe order. */
  readonly reports: readonly DomainProbeReport[]
  /** The same reports keyed by domain, as CheckContext.probes takes them. */
  readonly probes: ReadonlyMap<string, DomainProbeReport>
  readonly comparisons: readonly ProbeComparison[]
  /** When the probe started: the probe checks judge certificate dates against this, not the collection time. */
  readonly probedAt: Date
}

/** Our domains (as diagnose() will test them) and the partner domains that are not also ours, each once. */
export function domainsToProbe(
  evidence: Evidence,
  requested: readonly string[],
  partners: readonly string[],
  oursOnly = false,
): { readonly ours: readonly string[]; readonly partners: readonly string[] } {
  const ours = domainsUnderTest(evidence, requested)
  // Without --partner, every partner the evidence configures (and its additional domains): in an incident the
  // admin wants to know which partners are reachable, not only the one they thought of. --ours-only skips them.
  const asked = partners.length > 0 ? partners : oursOnly ? [] : configuredPartnerDomains(evidence)
  const theirs = [...new Set(asked.map((p) => p.toLowerCase()))].filter((p) => !ours.includes(p))
  return { ours, partners: theirs.slice(0, MAX_CONFIGURED_PARTNERS) }
}

/** At most this many partners are probed by default (a probe per partner; give --partner for others). */
export const MAX_CONFIGURED_PARTNERS = 50

/** The partner domains our XMPP configuration allows, each a valid DNS name (a hostile entry is skipped). */
function configuredPartnerDomains(evidence: Evidence): string[] {
  if (evidence.xmppPartners.state !== 'collected') return []
  return evidence.xmppPartners.value
    .flatMap((partner) => [partner.domain, ...partner.additionalDomains])
    .map((domain) => validateDomainName(domain))
    .flatMap((checked) => (checked.ok ? [checked.value] : []))
}

/** Both comparisons for each report of one of OUR domains (a partner's certificate is not ours to compare). */
export function compareOurProbes(
  reports: readonly DomainProbeReport[],
  ours: readonly string[],
  evidence: Evidence,
): ProbeComparison[] {
  return reports.filter((report) => ours.includes(report.domain)).flatMap((report) => compareProbeWithEvidence(report, evidence))
}

/** Where the evidence shows the Access Edge external interface, and the netstat line that shows it. */
export interface EdgeExternalAddress {
  readonly address: string
  readonly seen: string
}

/**
 * The Access Edge external IP as the evidence records it: netstat -ano on the Edge shows the XMPP proxy's
 * outbound connections to partners (remote port 5269) and its listener on the external XMPP port, both on
 * the external interface (DOMAIN-FACTS §5 cause 6). The topology's NetInterface IPAddress is not parsed
 * into the evidence model, so netstat is the source. Null when netstat was not collected or shows only
 * wildcard or loopback addresses.
 */
export function edgeExternalAddress(evidence: Evidence): EdgeExternalAddress | null {
  const entries = evidence.netstat.state === 'collected' ? evidence.netstat.value : []
  const port = expectedExternalPort(evidence)
  const specific = (entry: NetstatEntry): boolean => {
    const address = entry.localAddress.replace(/^\[|\]$/g, '')
    return isIP(address) !== 0 && !['0.0.0.0', '::'].includes(address) && !address.startsWith('127.') && address !== '::1'
  }
  const outbound = entries.find((e) => e.protocol === 'TCP' && e.isEstablished && e.remotePort === XMPP_SERVER_DEFAULT_PORT && specific(e))
  const listener = listenersOn(entries, port).find(specific)
  const chosen = outbound ?? listener
  return chosen ? { address: chosen.localAddress.replace(/^\[|\]$/g, ''), seen: chosen.line.trim() } : null
}

/** What probeBesideEvidence may tell the user on the side (stderr in the CLI). */
export interface ProbeBesideEvidenceHooks {
  readonly notice?: (line: Localized) => void
}

/**
 * Probes the run's domains. Throws {@link ProbeOptionsError} before any traffic when there is nothing to
 * probe or an option is unusable (resolver, CA file, source address); network trouble ends up in the reports.
 * On an Edge run without --source, offers the Access Edge external IP the evidence shows (partners see our
 * outbound connections from there, not from where this probe runs).
 */
export async function probeBesideEvidence(
  evidence: Evidence,
  run: { readonly domains: readonly string[]; readonly partners: readonly string[]; readonly oursOnly?: boolean },
  options: ProbeBesideEvidenceOptions,
  hooks: ProbeBesideEvidenceHooks = {},
): Promise<ProbeBesideEvidence> {
  const notice = sourceNotice(evidence, options.sourceAddress ?? null)
  if (notice) hooks.notice?.(notice)
  const { ours, partners } = domainsToProbe(evidence, run.domains, run.partners, run.oursOnly ?? false)
  if (ours.length === 0 && partners.length === 0) {
    throw new ProbeOptionsError(
      text(
        '--probe needs a domain: give --domain or --partner, or evidence whose manifest names our domains.',
        '--probe 需要網域：請指定 --domain 或 --partner，或提供資訊清單中列有我方網域的證據。',
      ),
    )
  }
  const probedAt = new Date()
  const { connect, ...toPartners } = options
  // Our own domains are probed the way a partner sees them: without our domain as 'from' (a server rejects a
  // stream that claims to come from a domain it hosts itself, e.g. Prosody's "Attempt to connect from a host
  // we serve"), and through --connect when given. Partners get our first domain as 'from' (RFC 6120 §4.7.1).
  const [ourReports, partnerReports] = await Promise.all([
    ours.length > 0 ? probeDomains(ours, { ...toPartners, ...(connect ? { connect } : {}), from: null }) : [],
    partners.length > 0 ? probeDomains(partners, { ...toPartners, from: ours[0] ?? null }) : [],
  ])
  const reports = [...ourReports, ...partnerReports]
  return {
    reports,
    probes: new Map(reports.map((report) => [report.domain, report])),
    comparisons: compareOurProbes(reports, ours, evidence),
    probedAt,
  }
}

/** On Edge evidence without --source: the offer of the Access Edge external IP (or why there is none); else null. */
export function sourceNotice(evidence: Evidence, sourceAddress: string | null): Localized | null {
  return !sourceAddress && serverRole(evidence) === 'Edge' ? sourceOffer(edgeExternalAddress(evidence)) : null
}

/** The offer of --source, or why there is none to offer. */
function sourceOffer(found: EdgeExternalAddress | null): Localized {
  if (!found) {
    return text(
      'this evidence is from an Edge, but its netstat shows no Access Edge external address (no outbound or listening XMPP connection on a specific IP): the probe speaks from this machine; on the Edge, add --source <Access Edge external IP> to probe from where partners see us.',
      '此證據來自 Edge，但其 netstat 沒有顯示 Access Edge 外部位址（沒有特定 IP 上的 XMPP 連出或接聽連線）：探測將從本機送出；在 Edge 上請加上 --source <Access Edge 外部 IP>，從夥伴看到的位址進行探測。',
    )
  }
  return text(
    `the evidence shows the Access Edge external interface at ${found.address} (netstat: ${found.seen}). Partners see our outbound connections from there, not from this machine: on that Edge, add --source ${found.address} to probe from it.`,
    `證據顯示 Access Edge 外部介面位於 ${found.address}（netstat：${found.seen}）。夥伴看到的是我方從該位址連出，而不是本機：請在該 Edge 上加上 --source ${found.address} 從該位址探測。`,
  )
}
