/**
 * Per-domain verdicts for the stream-level probe checks: s2s-stream-opens, s2s-starttls-offered,
 * s2s-auth-available. RFC 6120 §4–§5, XEP-0220 (dialback), XEP-0178 (SASL EXTERNAL), and our partner
 * entry's TlsNegotiation / SaslNegotiation / SupportDialbackNegotiation judged with DOC-NEG.
 */
import type { CheckContext, CheckOutcome, Fix } from '../check-types'
import type { FindingReasonOf } from '../finding-reasons'
import type { Localized } from '../../i18n/localized'
import { fixCommands } from '../../commands/command-model'
import { listSipDomains, resolveDnsName } from '../../commands/fix-commands'
import { boundName, cutShortClause, stepFailureBound, withClause } from '../../probe/probe-bounds'
import { isOurDomain, negotiationName, outcome, partnerEntryFor, partnerEntryItem } from './probe-check-support'
import { judgeClientCertificate, targetsWithClientCertificate } from './probe-client-certificate-judge'
import { nothingProbed, notApplicable } from './probe-dns-judges'
import { streamItems, targetLabel, tlsItems } from './probe-evidence'
import { askPartnerFix, changePartnerNegotiationFix } from './probe-fixes'
import type { DomainProbeReport, ProbeStreamFeatures, ProbeTargetReport } from '../../probe/probe-types'
import { explainStreamError } from '../../probe/stream-errors'
import { AUTH_MESSAGES as AUTH, STARTTLS_MESSAGES as STARTTLS, STREAM_OPENS_MESSAGES as STREAM } from './probe-stream-messages'

/** s2s-stream-opens: does each reachable target answer with an XMPP stream header and features? */
export function judgeStreamOpens(report: DomainProbeReport, context: CheckContext): CheckOutcome<FindingReasonOf<'s2s-stream-opens'>> {
  if (report.dns.serviceRefused) return notApplicable()
  // Direct-TLS targets whose handshake failed never reached the stream; s2s-starttls-offered reports them.
  const reached = report.targets.filter((t) => t.connectedAddress !== null && (t.transport === 'starttls' || t.tls !== null))
  if (reached.length === 0) {
    return report.targets.length === 0
      ? nothingProbed(report)
      : outcome(
          'unknown',
          // Neutral wording: a target cut during DNS was never connected to, so nothing "refused" it.
          withClause(STREAM.noConnection, cutShortClause(report)),
          [],
        )
  }
  const evidence = reached.flatMap((t) => streamItems(report, t))
  const failed = reached.filter((t) => !streamOpened(t))
  // A step a limit cut short proves nothing about the peer; what the peer did say (an error, non-XMPP) does.
  const cut = failed.filter((t) => t.streamError === null && stepFailureBound(t.failure) !== null)
  const answered = failed.filter((t) => !cut.includes(t))
  const first = answered[0] ?? cut[0]
  if (first) {
    const summary = STREAM.targetFailed(targetLabel(first), streamFailureReason(first, report))
    const fix = first.streamError?.condition === 'host-unknown' ? hostUnknownFix(report, context) : null
    const reason: FindingReasonOf<'s2s-stream-opens'> = first.streamError ? `stream-error-${first.streamError.condition}` : `stream-${first.failure?.code ?? 'failed'}`
    const opened = reached.length - failed.length
    const status = answered.length === 0 ? 'unknown' : opened === 0 && cut.length === 0 ? 'fail' : opened === 0 ? 'unknown' : 'warn'
    return outcome(status, summary, evidence, fix, reason)
  }
  const odd = reached.filter((t) => t.streamHeader?.version !== '1.0' || t.streamHeader.namespace !== 'jabber:server')
  if (odd.length > 0) {
    return outcome('warn', STREAM.unusualHeader(odd.map(targetLabel)), evidence, null, 'stream-header-unusual')
  }
  return outcome('pass', STREAM.opens(reached.map(targetLabel)), evidence)
}

function streamOpened(target: ProbeTargetReport): boolean {
  const features = target.transport === 'direct-tls' ? target.featuresAfterTls : target.featuresBeforeTls
  return target.streamHeader !== null && features !== null
}

function streamFailureReason(target: ProbeTargetReport, report: DomainProbeReport): Localized {
  if (target.streamError) return STREAM.streamError(target.streamError, explainStreamError(target.streamError.condition))
  const failure = target.failure
  const limit = report.limits
  const awaited = target.streamHeader ? STREAM.awaitedFeatures : STREAM.awaitedHeader
  switch (failure?.code) {
    case 'timeout':
      return STREAM.stepTimeout(awaited, limit, boundName('step', limit))
    case 'total-timeout':
      return STREAM.totalTimeout(awaited, boundName('total', limit))
    case 'xml-restricted':
      return STREAM.xmlRestricted
    case 'byte-limit':
      return STREAM.byteLimit(limit)
    case 'xml-invalid':
    case 'not-xmpp':
      return STREAM.notXmpp(failure.message)
    default:
      return STREAM.endedEarly(failure ?? null)
  }
}

function hostUnknownFix(report: DomainProbeReport, context: CheckContext): Fix {
  if (!isOurDomain(report.domain, context)) {
    return askPartnerFix(report.domain, STREAM.askPartnerRepointSrv.en, STREAM.askPartnerRepointSrv['zh-TW'])
  }
  return {
    description: STREAM.hostUnknownFix(report.domain),
    ...fixCommands(resolveDnsName(`_xmpp-server._tcp.${report.domain}`, 'SRV'), listSipDomains()),
    runOn: 'front-end',
    changesServer: false,
  }
}

type TlsState = 'tls' | 'none' | 'failed'

function tlsState(target: ProbeTargetReport): TlsState | null {
  if (target.transport === 'direct-tls') return target.tls ? 'tls' : target.connectedAddress ? 'failed' : null
  if (!target.featuresBeforeTls) return null
  if (!target.featuresBeforeTls.starttls) return 'none'
  return target.tls && target.failure?.step !== 'tls-handshake' ? 'tls' : 'failed'
}

/** s2s-starttls-offered: is TLS offered and does it work, and does that fit our partner entry? */
export function judgeStarttlsOffered(report: DomainProbeReport, context: CheckContext): CheckOutcome<FindingReasonOf<'s2s-starttls-offered'>> {
  if (report.dns.serviceRefused) return notApplicable()
  const judged = report.targets.map((t) => ({ target: t, state: tlsState(t) })).filter((j) => j.state !== null)
  if (judged.length === 0) {
    return outcome(
      'unknown',
      withClause(STARTTLS.noStream, cutShortClause(report)),
      [],
    )
  }
  const entry = partnerEntryFor(report.domain, context)
  const tlsSetting = negotiationName(entry?.tlsNegotiation ?? null)
  const evidence = [
    ...judged.flatMap((j) => [...streamItems(report, j.target), ...tlsItems(report, j.target)]),
    ...(entry ? [partnerEntryItem(entry)] : []),
  ]
  const failed = judged.find((j) => j.state === 'failed' && stepFailureBound(j.target.failure) === null)
  const cut = judged.find((j) => j.state === 'failed' && stepFailureBound(j.target.failure) !== null)
  if (!failed && cut) {
    const bound = boundName(stepFailureBound(cut.target.failure) ?? 'step', report.limits)
    const step = cut.target.failure?.step === 'starttls' ? STARTTLS.stepStarttlsAnswer : STARTTLS.stepHandshake
    return outcome(
      'unknown',
      STARTTLS.cutShort(targetLabel(cut.target), bound, step),
      evidence,
      null,
      `tls-${cut.target.failure?.code ?? 'timeout'}`,
    )
  }
  if (failed) {
    return outcome(
      'fail',
      STARTTLS.handshakeFailed(targetLabel(failed.target), failed.target.starttls === 'failure', failed.target.failure?.message ?? null),
      evidence,
      isOurDomain(report.domain, context) ? null : askPartnerFix(report.domain, STARTTLS.askPartnerCheckTls.en, STARTTLS.askPartnerCheckTls['zh-TW']),
      failed.target.starttls === 'failure' ? 'starttls-failure' : 'tls-handshake-failed',
    )
  }
  const plain = judged.filter((j) => j.state === 'none')
  if (plain.length === judged.length) return noTls(report, context, evidence, tlsSetting)
  if (plain.length > 0) {
    return outcome('warn', STARTTLS.partial(plain.map((j) => targetLabel(j.target))), evidence, null, 'starttls-partial')
  }
  const required = judged.some((j) => j.target.featuresBeforeTls?.starttlsRequired)
  if (required && tlsSetting === 'NotSupported') {
    return outcome(
      'fail',
      STARTTLS.requiredButEntryNotSupported(report.domain),
      evidence,
      changePartnerNegotiationFix(entry, report.domain, { tls: 'Optional' }, { tls: 'Required', sasl: 'Optional', dialback: true }),
      'partner-requires-tls-entry-not-supported',
    )
  }
  const version = judged.map((j) => j.target.tls?.version).find((v) => v) ?? 'TLS'
  return outcome(
    'pass',
    STARTTLS.works(required, version),
    evidence,
  )
}

function noTls(
  report: DomainProbeReport,
  context: CheckContext,
  evidence: CheckOutcome['evidence'],
  tlsSetting: ReturnType<typeof negotiationName>,
): CheckOutcome<FindingReasonOf<'s2s-starttls-offered'>> {
  const entry = partnerEntryFor(report.domain, context)
  if (isOurDomain(report.domain, context)) {
    return outcome(
      'fail',
      STARTTLS.notOfferedOurs(report.domain),
      evidence,
      null,
      'starttls-not-offered-ours',
    )
  }
  if (tlsSetting === 'Optional' || tlsSetting === 'NotSupported') {
    return outcome(
      'warn',
      STARTTLS.notOfferedAllowed(report.domain, tlsSetting),
      evidence,
      null,
      'starttls-not-offered-allowed',
    )
  }
  return outcome(
    'fail',
    STARTTLS.notOfferedRequired(report.domain, tlsSetting === 'Required'),
    evidence,
    changePartnerNegotiationFix(entry, report.domain, { tls: 'Optional' }, { tls: 'Optional', sasl: 'NotSupported', dialback: true }),
    tlsSetting === 'Required' ? 'starttls-not-offered-entry-requires-tls' : 'starttls-not-offered-default-requires-tls',
  )
}

/** The features that count for authentication: after TLS when TLS ran, else the plain ones. */
function authFeatures(target: ProbeTargetReport): ProbeStreamFeatures | null {
  if (target.featuresAfterTls) return target.featuresAfterTls
  return target.featuresBeforeTls && !target.featuresBeforeTls.starttls ? target.featuresBeforeTls : null
}

/** s2s-auth-available: is dialback (XEP-0220) or SASL EXTERNAL (XEP-0178) offered, and allowed by our entry? */
export function judgeAuthAvailable(report: DomainProbeReport, context: CheckContext): CheckOutcome<FindingReasonOf<'s2s-auth-available'>> {
  if (report.dns.serviceRefused) return notApplicable()
  // With --client-cert the question is whether the partner accepts our certificate (SASL EXTERNAL).
  const presented = targetsWithClientCertificate(report)
  if (presented.length > 0) return judgeClientCertificate(report, context, presented)
  const judged = report.targets.filter((t) => authFeatures(t) !== null)
  if (judged.length === 0) {
    return outcome('unknown', withClause(AUTH.noFinalFeatures, cutShortClause(report)), [])
  }
  const entry = partnerEntryFor(report.domain, context)
  const evidence = [...judged.flatMap((t) => streamItems(report, t)), ...(entry ? [partnerEntryItem(entry)] : [])]
  const dialback = judged.some((t) => authFeatures(t)?.dialback)
  const external = judged.some((t) => authFeatures(t)?.saslMechanisms.includes('EXTERNAL'))
  if (!dialback && !external) {
    return outcome(
      'fail',
      AUTH.noMethod(report.domain),
      evidence,
      isOurDomain(report.domain, context)
        ? null
        : askPartnerFix(report.domain, AUTH.askPartnerDialback.en, AUTH.askPartnerDialback['zh-TW']),
      'no-auth-method',
    )
  }
  if (dialback && !external && entry?.supportDialbackNegotiation === false) {
    return outcome(
      'fail',
      AUTH.dialbackOnlyEntryDisables(report.domain),
      evidence,
      changePartnerNegotiationFix(entry, report.domain, { dialback: true }, { tls: 'Optional', sasl: 'NotSupported', dialback: true }),
      'dialback-only-entry-disables-dialback',
    )
  }
  const offered = [dialback ? 'dialback' : null, external ? 'SASL EXTERNAL' : null].filter((m) => m !== null).join(' + ')
  return outcome('pass', AUTH.offers(report.domain, offered), evidence)
}
