/**
 * What every probe check shares: judging each probed domain on its own and folding the verdicts into
 * one outcome per check (the worst status wins; every domain's evidence is kept), plus the facts from
 * the evidence folder a probe check may use (is this our domain, what does our partner entry say).
 */
import { STATUS_SEVERITY } from '../status-order'
import type { CheckContext, CheckId, CheckOutcome, CheckStatus, EvidenceItem } from '../check-types'
import type { FindingReason, FindingReasonOf } from '../finding-reasons'
import type { XmppPartner } from '../../evidence/evidence-model'
import type { Localized } from '../../i18n/localized'
import { PROBE_SHARED_MESSAGES } from './probe-shared-messages'
import type { DomainProbeReport } from '../../probe/probe-types'

/** How bad a status is when several domains disagree: fail, then unknown, warn, pass, skipped. */
const SEVERITY = STATUS_SEVERITY

/** At most this many domains are named in a combined summary. */
const MAX_NAMED = 3

/** Judges one domain's probe for check `C` (which fixes the finding codes it may give). */
export type DomainJudge<C extends CheckId = CheckId> = (report: DomainProbeReport, context: CheckContext) => CheckOutcome<FindingReasonOf<C>>

/** The outcome when no probe ran: probe checks do not apply to an evidence-only run. */
export const NO_PROBE_OUTCOME: CheckOutcome = {
  status: 'skipped',
  summary: PROBE_SHARED_MESSAGES.noProbe,
  evidence: [],
  fix: null,
}

/** Runs a per-domain judge over every probe in the context and combines the outcomes. */
export function judgeEveryDomain<C extends CheckId>(context: CheckContext, judge: DomainJudge<C>): CheckOutcome<FindingReasonOf<C>> {
  const reports = [...(context.probes?.values() ?? [])]
  if (reports.length === 0) return NO_PROBE_OUTCOME
  return combineOutcomes(reports.map((report) => ({ domain: report.domain, outcome: judge(report, context) })))
}

/** Folds per-domain outcomes into one: worst status, its fix, every domain's evidence. */
export function combineOutcomes<R extends FindingReason>(outcomes: readonly { readonly domain: string; readonly outcome: CheckOutcome<R> }[]): CheckOutcome<R> {
  const [only] = outcomes
  if (outcomes.length === 1 && only) return only.outcome
  if (!only) return NO_PROBE_OUTCOME
  const ranked = [...outcomes].sort((a, b) => SEVERITY[b.outcome.status] - SEVERITY[a.outcome.status])
  const worst = ranked[0] ?? only
  // Name the domains that share the worst status: those are what the combined status is about.
  const alike = ranked.filter((entry) => entry.outcome.status === worst.outcome.status)
  const named = alike.slice(0, MAX_NAMED)
  const rest = alike.length - named.length
  const summary = PROBE_SHARED_MESSAGES.combined(
    named.map(({ domain, outcome }) => ({ domain, summary: outcome.summary })),
    rest,
  )
  const evidence: EvidenceItem[] = outcomes.flatMap(({ outcome }) => outcome.evidence)
  const combined: CheckOutcome<R> = { status: worst.outcome.status, summary, evidence, fix: worst.outcome.fix }
  return worst.outcome.reason === undefined ? combined : { ...combined, reason: worst.outcome.reason }
}

/** Builds an outcome (keeps check code short). `reason` is a stable finding code the tree may branch on. */
export function outcome<R extends FindingReason = never>(
  status: CheckStatus,
  summary: Localized,
  evidence: readonly EvidenceItem[],
  fix: CheckOutcome['fix'] = null,
  reason?: R,
): CheckOutcome<R> {
  return reason === undefined ? { status, summary, evidence, fix } : { status, summary, evidence, fix, reason }
}

/** True when the domain is one of ours (the run's domains, or the evidence manifest's). */
export function isOurDomain(domain: string, context: CheckContext): boolean {
  const ours = context.domains.map((d) => d.toLowerCase())
  if (ours.includes(domain)) return true
  const manifest = context.evidence.manifest.state === 'collected' ? context.evidence.manifest.value : null
  return manifest ? [...manifest.xmppDomains, ...manifest.sipDomains].some((d) => d.toLowerCase() === domain) : false
}

/** Our XMPP partner entry for a domain (Get-CsXmppAllowedPartner: Domain or AdditionalDomains), when collected. */
export function partnerEntryFor(domain: string, context: CheckContext): XmppPartner | null {
  const partners = context.evidence.xmppPartners
  if (partners.state !== 'collected') return null
  return (
    partners.value.find((p) => [p.domain, ...p.additionalDomains].some((d) => d.toLowerCase() === domain)) ?? null
  )
}

/** A partner entry's setting as Lync prints it ('' when not a known name). */
export function negotiationName(value: XmppPartner['tlsNegotiation']): 'Required' | 'Optional' | 'NotSupported' | null {
  return typeof value === 'string' ? value : null
}

/** The partner entry as one evidence line. */
export function partnerEntryItem(entry: XmppPartner): EvidenceItem {
  const name = (value: XmppPartner['tlsNegotiation']): string =>
    value === null ? '' : typeof value === 'string' ? value : `${value.raw} (raw)`
  return {
    source: 'xmpp-partners.json',
    text: `Identity=${entry.identity}  TlsNegotiation=${name(entry.tlsNegotiation)}  SaslNegotiation=${name(entry.saslNegotiation)}  SupportDialbackNegotiation=${entry.supportDialbackNegotiation}`,
  }
}
