/**
 * s2s-auth-available when the probe presented a client certificate (--client-cert): does the partner
 * accept our certificate as a server's identity? SASL EXTERNAL (RFC 6120 §6, XEP-0178) answers it:
 * <success/> is yes; <failure/>, or a stream closed right after our certificate, is no; EXTERNAL not
 * offered after TLS means the partner did not verify our certificate for our domain (a server offers
 * EXTERNAL only then) or does not do EXTERNAL at all. A limit that cut the exchange proves nothing.
 */
import type { CheckContext, CheckOutcome, EvidenceItem } from '../check-types'
import type { FindingReasonOf } from '../finding-reasons'
import { text, type Localized } from '../../i18n/localized'
import { boundName, stepFailureBound } from '../../probe/probe-bounds'
import { outcome, partnerEntryFor, partnerEntryItem } from './probe-check-support'
import { listPresentedIdentifiers } from '../../probe/certificate-identity'
import { probeSource, streamItems, targetLabel } from './probe-evidence'
import type { DomainProbeReport, ProbeTargetReport } from '../../probe/probe-types'

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
    const noFrom = report.from
      ? text('', '')
      : text(
          " The probe sent no 'from' domain, so the partner could not match the certificate to one: give --from (our domain).",
          '探測沒有送出 from 網域，因此對方無法將憑證對應到網域：請以 --from 指定我方網域。',
        )
    return outcome(
      'fail',
      text(
        `${report.domain} does not accept our certificate as a client: ${targetLabel(refused.target)} ${refused.verdict.why.en}.${noFrom.en}`,
        `${report.domain} 不接受我方憑證作為用戶端身分：${targetLabel(refused.target)} ${refused.verdict.why['zh-TW']}。${noFrom['zh-TW']}`,
      ),
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
      text(
        `${targetLabel(notOffered.target)} did not offer SASL EXTERNAL after we presented our certificate: it did not verify the certificate for ${report.from ?? 'our domain'} (a server offers EXTERNAL only then), or it does not do EXTERNAL at all.${dialback ? ' It offers dialback, which does not need our certificate.' : ' It offers no dialback either.'}`,
        `我方出示憑證後，${targetLabel(notOffered.target)} 沒有提供 SASL EXTERNAL：對方沒有驗證此憑證屬於 ${report.from ?? '我方網域'}（伺服器只在驗證通過時提供 EXTERNAL），或根本不支援 EXTERNAL。${dialback ? '對方提供回撥（dialback），回撥不需要我方憑證。' : '對方也不提供回撥。'}`,
      ),
      evidence,
      null,
      'client-certificate-not-accepted',
    )
  }
  const unproven = pick('unproven')
  if (unproven && unproven.verdict.kind === 'unproven') {
    return outcome(
      'unknown',
      text(
        `Whether ${report.domain} accepts our certificate is not known: ${targetLabel(unproven.target)} ${unproven.verdict.why.en}.`,
        `無法得知 ${report.domain} 是否接受我方憑證：${targetLabel(unproven.target)} ${unproven.verdict.why['zh-TW']}。`,
      ),
      evidence,
      null,
      'client-certificate-unproven',
    )
  }
  return outcome(
    'pass',
    text(
      `${report.domain} accepts our certificate: SASL EXTERNAL as ${report.from ?? 'our domain'} succeeded on ${targets.map(targetLabel).join(', ')}.`,
      `${report.domain} 接受我方憑證：在 ${targets.map(targetLabel).join('、')} 上以 ${report.from ?? '我方網域'} 進行的 SASL EXTERNAL 成功。`,
    ),
    evidence,
    null,
    'client-certificate-accepted',
  )
}

function verdictOf(target: ProbeTargetReport, report: DomainProbeReport): Verdict {
  const sasl = target.saslExternal
  if (sasl?.outcome === 'success') return { kind: 'accepted' }
  if (sasl?.outcome === 'failure') {
    const said = sasl.text ? ` ("${sasl.text}")` : ''
    const saidZh = sasl.text ? `（「${sasl.text}」）` : ''
    return {
      kind: 'refused',
      why: text(`answered SASL EXTERNAL with <failure><${sasl.condition ?? 'undefined-condition'}/></failure>${said}`, `以 <failure><${sasl.condition ?? 'undefined-condition'}/></failure>${saidZh} 回應 SASL EXTERNAL`),
    }
  }
  if (sasl?.outcome === 'not-offered') return { kind: 'not-offered' }
  const streamError = target.streamError
  if (streamError && AFTER_TLS_STEPS.includes(streamError.step)) {
    const said = streamError.text ? ` ("${streamError.text}")` : ''
    const saidZh = streamError.text ? `（「${streamError.text}」）` : ''
    return {
      kind: 'refused',
      why: text(`closed the stream after our certificate with <${streamError.condition}/>${said}`, `在我方出示憑證後以 <${streamError.condition}/>${saidZh} 關閉串流`),
    }
  }
  const bound = stepFailureBound(target.failure)
  if (bound) {
    const limit = boundName(bound, report.limits)
    return { kind: 'unproven', why: text(`was cut short by ${limit.en} at ${target.failure?.step ?? 'a step'}`, `在 ${target.failure?.step ?? '某步驟'} 受${limit['zh-TW']}截斷`) }
  }
  const detail = sasl?.detail ?? (target.failure ? `${target.failure.code}: ${target.failure.message}` : 'the probe did not get as far as SASL')
  return { kind: 'unproven', why: text(`was not asked (${detail})`, `未進行（${detail}）`) }
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
