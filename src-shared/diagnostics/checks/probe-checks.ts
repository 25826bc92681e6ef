/**
 * The live probe checks: what a federating server actually sees when it looks up and connects to a
 * domain. They read CheckContext.probes (one DomainProbeReport per domain) and are `skipped` when no
 * probe ran. Each judges every probed domain and reports the worst, with every domain's evidence.
 * RFC 6120, RFC 7590/6125, XEP-0220, XEP-0178, XEP-0368; DOC-SETUP, DOC-CERT, DOC-NEG, DOC-PORTS.
 */
import type { CheckContext, CheckDefinition, CheckId, CheckResult } from '../check-types'
import { runCheck } from '../run-checks'
import { PROBE_CHECK_MESSAGES } from './probe-check-messages'
import { judgeEveryDomain, type DomainJudge } from '../probe/probe-check-support'
import { judgeDnsSrv, judgePortReachable, judgeTargetResolves } from '../probe/probe-dns-judges'
import { judgeAuthAvailable, judgeStarttlsOffered, judgeStreamOpens } from '../probe/probe-stream-judges'
import {
  judgeCertificateNames,
  judgeCertificateNotExpiring,
  judgeCertificateTrusted,
} from '../probe/probe-certificate-judges'
import type { DomainProbeReport } from '../../probe/probe-types'

function probeCheck<C extends CheckId>(
  definition: Omit<CheckDefinition<C>, 'evaluate' | 'group' | 'reads'>,
  judge: DomainJudge<C>,
): CheckDefinition<C> {
  return { ...definition, group: 'probe', reads: ['probe', 'xmpp-partners.json', 'edge-services.json'], evaluate: (context) => judgeEveryDomain(context, judge) }
}

export const s2sDnsSrv = probeCheck(
  {
    id: 's2s-dns-srv',
    ...PROBE_CHECK_MESSAGES['s2s-dns-srv'],
    source: 'DOC-SETUP step 23; DOC-DNS; RFC 6120 §3.2; XEP-0368',
  },
  judgeDnsSrv,
)

export const s2sTargetResolves = probeCheck(
  {
    id: 's2s-target-resolves',
    ...PROBE_CHECK_MESSAGES['s2s-target-resolves'],
    source: 'DOC-DNS; RFC 2782',
  },
  judgeTargetResolves,
)

export const s2sPortReachable = probeCheck(
  {
    id: 's2s-port-reachable',
    ...PROBE_CHECK_MESSAGES['s2s-port-reachable'],
    source: 'DOC-PORTS; DOMAIN-FACTS §5 cause 5',
  },
  judgePortReachable,
)

export const s2sStreamOpens = probeCheck(
  {
    id: 's2s-stream-opens',
    ...PROBE_CHECK_MESSAGES['s2s-stream-opens'],
    source: 'RFC 6120 §4.7, §4.9',
  },
  judgeStreamOpens,
)

export const s2sStarttlsOffered = probeCheck(
  {
    id: 's2s-starttls-offered',
    ...PROBE_CHECK_MESSAGES['s2s-starttls-offered'],
    source: 'RFC 6120 §5; DOC-NEG; PS/New-CsXmppAllowedPartner',
  },
  judgeStarttlsOffered,
)

export const s2sCertificateNames = probeCheck(
  {
    id: 's2s-certificate-names',
    ...PROBE_CHECK_MESSAGES['s2s-certificate-names'],
    source: 'RFC 6120 §13.7.2; RFC 7590; RFC 6125; DOC-CERT',
  },
  judgeCertificateNames,
)

export const s2sCertificateNotExpiring = probeCheck(
  {
    id: 's2s-certificate-not-expiring',
    ...PROBE_CHECK_MESSAGES['s2s-certificate-not-expiring'],
    source: 'RFC 5280 §4.1.2.5; DOC-CERT',
  },
  judgeCertificateNotExpiring,
)

export const s2sCertificateTrusted = probeCheck(
  {
    id: 's2s-certificate-trusted',
    ...PROBE_CHECK_MESSAGES['s2s-certificate-trusted'],
    source: 'RFC 6120 §13.7.2; DOMAIN-FACTS §5 cause 16',
  },
  judgeCertificateTrusted,
)

export const s2sAuthAvailable = probeCheck(
  {
    id: 's2s-auth-available',
    ...PROBE_CHECK_MESSAGES['s2s-auth-available'],
    source: 'XEP-0220; XEP-0178; DOC-NEG',
  },
  judgeAuthAvailable,
)

/**
 * Every probe check, in the order a connection goes through them (the order of CHECK_IDS); the first
 * failing one is the probe's root cause. An expired certificate fails only s2s-certificate-not-expiring:
 * s2s-certificate-trusted looks past OpenSSL's date error to where the chain ends.
 */
export const PROBE_CHECKS: readonly CheckDefinition[] = [
  s2sDnsSrv,
  s2sTargetResolves,
  s2sPortReachable,
  s2sStreamOpens,
  s2sStarttlsOffered,
  s2sCertificateNames,
  s2sCertificateTrusted,
  s2sCertificateNotExpiring,
  s2sAuthAvailable,
]

/** Runs the probe checks over some reports (the rest of the context — evidence, domains, now — as given). */
export function evaluateProbeChecks(
  reports: readonly DomainProbeReport[],
  context: Omit<CheckContext, 'probes'>,
): CheckResult[] {
  const probes = new Map(reports.map((report) => [report.domain, report]))
  return PROBE_CHECKS.map((check) => runCheck(check, { ...context, probes }))
}
