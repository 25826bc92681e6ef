/**
 * s2s-auth-available when the probe presented a client certificate (--client-cert): does the partner
 * accept our certificate as a server's identity? SASL EXTERNAL (RFC 6120 §6, XEP-0178) answers it:
 * <success/> is yes; <failure/>, or a stream closed right after our certificate, is no; EXTERNAL not
 * offered after TLS means the partner did not verify our certificate for our domain (a server offers
 * EXTERNAL only then) or does not do EXTERNAL at all. A limit that cut the exchange proves nothing.
 */
import type { CheckContext, CheckOutcome, EvidenceItem } from '../check-types'
import type { FindingReasonOf } from '../finding-reasons'
import type { Localized } from '../../i18n/localized'
import { boundName, stepFailureBound } from '../../probe/probe-bounds'
import { outcome, partnerEntryFor, partnerEntryItem } from './probe-check-support'
import { listPresentedIdentifiers } from '../../probe/certificate-identity'
import { probeSource, streamItems, targetLabel } from './probe-evidence'
import type { DomainProbeReport, ProbeTargetReport } from '../../probe/probe-types'
import { CLIENT_CERTIFICATE_MESSAGES as MESSAGES } from './probe-client-certificate-messages'

/** Steps after TLS: a stream error there answers our certificate. */
const AFTER_TLS_STEPS: readonly string[] = ['stream-restart', 'features-after-tls', 'sasl-external']

type Verdict =
  | { readonly kind: 'accepted' }
  | { readonly kind: 'refused'; readonly why: Localized }
  | { readonly kind: 'not-offered' }
  | { readonly kind: 'unproven'; readonly why: Localized }

/** The targets where the probe presented a client certificate. */
export function targetsWithClientCertificate(report: DomainProbeReport): ProbeTargetReport[] {
  return report.targets.filter((target) => target.tls?.clientCertificate)
}

/** Judges SASL EXTERNAL with our certificate on every target that got it. */
export function judgeClientCertificate(report: DomainProbeReport, context: CheckContext, targets: readonly ProbeTargetReport[]): CheckOutcome<FindingReasonOf<'s2s-auth-available'>> {
  const entry = partnerEntryFor(report.domain, context)
  const evidence: EvidenceItem[] = [
    ...targets.flatMap((t) => [...clientCertificateItems(report, t), ...streamItems(report, t)]),
    ...(entry ? [partnerEntryItem(entry)] : []),
  ]
  const judged = targets.map((target) => ({ target, verdict: verdictOf(target, report) }))
  const pick = (kind: Verdict['kind']) => judged.find((j) => j.verdict.kind === kind)
  const refused = pick('refused')
  if (refused && refused.verdict.kind === 'refused') {
    // Without 'from' the partner has no domain to match the certificate to: that, not the certificate, may be why.
    return outcome(
      'fail',
      MESSAGES.refused(report.domain, targetLabel(refused.target), refused.verdict.why, Boolean(report.from)),
      evidence,
      null,
      'client-certificate-refused',
    )
  }
  const notOffered = pick('not-offered')
  if (notOffered) {
    const dialback = notOffered.target.featuresAfterTls?.dialback === true
    return outcome(
      dialback ? 'warn' : 'fail',
      MESSAGES.notOffered(targetLabel(notOffered.target), report.from, dialback),
      evidence,
      null,
      'client-certificate-not-accepted',
    )
  }
  const unproven = pick('unproven')
  if (unproven && unproven.verdict.kind === 'unproven') {
    return outcome(
      'unknown',
      MESSAGES.unproven(report.domain, targetLabel(unproven.target), unproven.verdict.why),
      evidence,
      null,
      'client-certificate-unproven',
    )
  }
  return outcome(
    'pass',
    MESSAGES.accepted(report.domain, targets.map(targetLabel), report.from),
    evidence,
    null,
    'client-certificate-accepted',
  )
}

function verdictOf(target: ProbeTargetReport, report: DomainProbeReport): Verdict {
  const sasl = target.saslExternal
  if (sasl?.outcome === 'success') return { kind: 'accepted' }
  if (sasl?.outcome === 'failure') return { kind: 'refused', why: MESSAGES.saslFailure(sasl.condition, sasl.text || null) }
  if (sasl?.outcome === 'not-offered') return { kind: 'not-offered' }
  const streamError = target.streamError
  if (streamError && AFTER_TLS_STEPS.includes(streamError.step)) {
    return { kind: 'refused', why: MESSAGES.streamClosed(streamError.condition, streamError.text || null) }
  }
  const bound = stepFailureBound(target.failure)
  if (bound) return { kind: 'unproven', why: MESSAGES.cutShort(boundName(bound, report.limits), target.failure?.step ?? null) }
  const detail = sasl?.detail ?? (target.failure ? `${target.failure.code}: ${target.failure.message}` : null)
  return { kind: 'unproven', why: MESSAGES.notAsked(detail) }
}

/** The certificate we presented and what SASL EXTERNAL answered, as evidence lines. */
function clientCertificateItems(report: DomainProbeReport, target: ProbeTargetReport): EvidenceItem[] {
  const ours = target.tls?.clientCertificate
  if (!ours) return []
  const lines = [
    `${targetLabel(target)} our client certificate: ${ours.subject}; names: ${listPresentedIdentifiers(ours.identifiers).join(', ') || '(none)'}; SHA-1: ${ours.fingerprint1}; valid until ${ours.notAfter}`,
  ]
  const sasl = target.saslExternal
  if (sasl) {
    const answer =
      sasl.outcome === 'success'
        ? '<success/>'
        : sasl.outcome === 'failure'
          ? `<failure><${sasl.condition ?? 'undefined-condition'}/></failure>${sasl.text ? ` "${sasl.text}"` : ''}`
          : sasl.outcome === 'not-offered'
            ? 'not offered'
            : `not attempted (${sasl.detail ?? ''})`
    lines.push(`${targetLabel(target)} SASL EXTERNAL as ${report.from ?? '(no from)'} → ${answer}`)
  }
  return lines.map((line) => ({ source: probeSource(report.domain), text: line }))
}
