/**
 * One root cause per probed domain (`analyze --probe` probes our domains and every configured partner): the
 * run's probe checks fold all domains into one verdict each, which tells an admin that something is wrong but
 * not which partner it is. Here each domain is judged alone, and its first failing probe check, in the order a
 * connection goes (SRV, address, port, stream, STARTTLS, certificate, authentication), is its root cause.
 */
import { STATUS_SEVERITY } from './status-order'
import type { CheckContext, CheckDefinition, CheckId, CheckStatus, Fix } from './check-types'
import type { Localized } from '../i18n/localized'
import { failureTitleOf } from './failure-titles'
import { runCheck } from './run-checks'

/** A probed domain's verdict: its worst status and, when one failed, what failed first. */
export interface DomainRootCause {
  readonly domain: string
  /** Ours (our SIP/XMPP domains) or a partner's. */
  readonly side: 'ours' | 'partner'
  readonly status: CheckStatus
  readonly rootCause: { readonly checkId: CheckId; readonly title: Localized; readonly explanation: Localized; readonly fix: Fix | null } | null
}

const SEVERITY = STATUS_SEVERITY

/** Judges each probed domain on its own with the probe checks (given in connection order). */
export function domainRootCauses(probeChecks: readonly CheckDefinition[], context: CheckContext): DomainRootCause[] {
  const ours = new Set(context.domains)
  return [...(context.probes ?? new Map()).entries()].map(([domain, report]) => {
    const results = probeChecks.map((check) => runCheck(check, { ...context, probes: new Map([[domain, report]]) }))
    const worst = results.reduce<CheckStatus>((w, r) => (SEVERITY[r.status] > SEVERITY[w] ? r.status : w), 'skipped')
    const failed = results.find((r) => r.status === 'fail')
    return {
      domain,
      side: ours.has(domain) ? 'ours' : 'partner',
      status: worst,
      rootCause: failed ? { checkId: failed.id, title: failureTitleOf(failed.id, failed.reason), explanation: failed.summary, fix: failed.fix } : null,
    }
  })
}
