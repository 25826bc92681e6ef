/**
 * Per-domain verdicts for the stream-level probe checks: s2s-stream-opens, s2s-starttls-offered,
 * s2s-auth-available. RFC 6120 §4–§5, XEP-0220 (dialback), XEP-0178 (SASL EXTERNAL), and our partner
 * entry's TlsNegotiation / SaslNegotiation / SupportDialbackNegotiation judged with DOC-NEG.
 */
import type { CheckContext, CheckOutcome, Fix } from '../check-types'
import type { FindingReasonOf } from '../finding-reasons'
import { text, type Localized } from '../../i18n/localized'
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
          withClause(text('No connection was made (see s2s-port-reachable)', '沒有建立任何連線（請見 s2s-port-reachable）'), cutShortClause(report)),
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
    const why = streamFailureReason(first, report)
    const summary = text(`${targetLabel(first)}: ${why.en}`, `${targetLabel(first)}：${why['zh-TW']}`)
    const fix = first.streamError?.condition === 'host-unknown' ? hostUnknownFix(report, context) : null
    const reason: FindingReasonOf<'s2s-stream-opens'> = first.streamError ? `stream-error-${first.streamError.condition}` : `stream-${first.failure?.code ?? 'failed'}`
    const opened = reached.length - failed.length
    const status = answered.length === 0 ? 'unknown' : opened === 0 && cut.length === 0 ? 'fail' : opened === 0 ? 'unknown' : 'warn'
    return outcome(status, summary, evidence, fix, reason)
  }
  const odd = reached.filter((t) => t.streamHeader?.version !== '1.0' || t.streamHeader.namespace !== 'jabber:server')
  if (odd.length > 0) {
    return outcome(
      'warn',
      text(
        `${odd.map(targetLabel).join(', ')} answered with an unusual stream header (version or namespace not 1.0 / jabber:server).`,
        `${odd.map(targetLabel).join('、')} 回應了不尋常的串流標頭（版本或命名空間不是 1.0 / jabber:server）。`,
      ),
      evidence,
      null,
      'stream-header-unusual',
    )
  }
  return outcome(
    'pass',
    text(`An XMPP S2S stream opens on ${reached.map(targetLabel).join(', ')}.`, `${reached.map(targetLabel).join('、')} 可開啟 XMPP 伺服器對伺服器串流。`),
    evidence,
  )
}

function streamOpened(target: ProbeTargetReport): boolean {
  const features = target.transport === 'direct-tls' ? target.featuresAfterTls : target.featuresBeforeTls
  return target.streamHeader !== null && features !== null
}

function streamFailureReason(target: ProbeTargetReport, report: DomainProbeReport): Localized {
  if (target.streamError) {
    const explained = explainStreamError(target.streamError.condition)
    const quoted = target.streamError.text ? ` ("${target.streamError.text}")` : ''
    return text(
      `the server sent <${target.streamError.condition}/>${quoted}. ${explained.en}`,
      `伺服器送出 <${target.streamError.condition}/>${quoted}。${explained['zh-TW']}`,
    )
  }
  const failure = target.failure
  const limit = report.limits
  const awaited = target.streamHeader ? text('features', '功能') : text('header', '標頭')
  switch (failure?.code) {
    case 'timeout': {
      const bound = boundName('step', limit)
      return text(
        `connected, but no XMPP stream ${awaited.en} arrived within ${limit.stepTimeoutMs} ms (cut by ${bound.en}): a stalled server, or something other than XMPP that waits for the client; a limit proves nothing on its own (a longer --timeout tells them apart).`,
        `已連線，但在 ${limit.stepTimeoutMs} 毫秒內沒有收到 XMPP 串流${awaited['zh-TW']}（受${bound['zh-TW']}截斷）：可能是停滯的伺服器，或等待用戶端先送資料的非 XMPP 服務；時間上限本身無法證明任何事（較長的 --timeout 可分辨）。`,
      )
    }
    case 'total-timeout': {
      const bound = boundName('total', limit)
      return text(
        `connected, but ${bound.en} ended the probe while it waited for the stream ${awaited.en}; that says nothing about the server (the step's own limit had not passed).`,
        `已連線，但在等待串流${awaited['zh-TW']}時，${bound['zh-TW']}結束了探測；這無法說明伺服器的狀態（步驟本身的時間上限尚未到）。`,
      )
    }
    case 'xml-restricted':
      return text(
        'the server sent a DOCTYPE or entity declarations, which XMPP forbids; the probe stopped reading without expanding anything.',
        '伺服器送出 XMPP 禁止的 DOCTYPE 或實體宣告；探測已停止讀取，未展開任何內容。',
      )
    case 'byte-limit':
      return text(
        `the server sent more than ${limit.maxBytesPerConnection} bytes without completing the stream features; the probe stopped reading.`,
        `伺服器送出超過 ${limit.maxBytesPerConnection} 位元組仍未完成串流功能；探測已停止讀取。`,
      )
    case 'xml-invalid':
    case 'not-xmpp':
      return text(`the answer is not an XMPP stream (${failure.message}).`, `回應不是 XMPP 串流（${failure.message}）。`)
    default:
      return text(
        `the connection ended before the stream features (${failure ? `${failure.code}: ${failure.message}` : 'no features'}).`,
        `連線在串流功能之前就結束了（${failure ? `${failure.code}: ${failure.message}` : '沒有功能'}）。`,
      )
  }
}

function hostUnknownFix(report: DomainProbeReport, context: CheckContext): Fix {
  if (!isOurDomain(report.domain, context)) {
    return askPartnerFix(report.domain, 'point their SRV record at a server that hosts the domain.', '將 SRV 記錄指向實際服務此網域的伺服器。')
  }
  return {
    description: text(
      `The server the SRV record points to does not serve ${report.domain}. Point the record at the Edge that carries the XMPP federation route, and make sure ${report.domain} is one of the deployment's SIP domains.`,
      `SRV 記錄指向的伺服器不服務 ${report.domain}。請將記錄指向承載 XMPP 同盟路由的 Edge，並確認 ${report.domain} 是部署中的 SIP 網域之一。`,
    ),
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
      withClause(text('No stream opened, so STARTTLS could not be checked (see s2s-stream-opens)', '沒有開啟串流，因此無法檢查 STARTTLS（請見 s2s-stream-opens）'), cutShortClause(report)),
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
    const step = cut.target.failure?.step === 'starttls' ? text('the answer to <starttls/>', '<starttls/> 的回應') : text('the TLS handshake', 'TLS 交握')
    return outcome(
      'unknown',
      text(
        `${targetLabel(cut.target)} offers TLS, but ${bound.en} cut ${step.en} short; that proves nothing about its TLS.`,
        `${targetLabel(cut.target)} 提供 TLS，但${bound['zh-TW']}截斷了${step['zh-TW']}；這無法證明其 TLS 的狀態。`,
      ),
      evidence,
      null,
      `tls-${cut.target.failure?.code ?? 'timeout'}`,
    )
  }
  if (failed) {
    const message = failed.target.starttls === 'failure' ? 'the server answered <failure/>' : (failed.target.failure?.message ?? 'handshake failed')
    return outcome(
      'fail',
      text(`${targetLabel(failed.target)} offers TLS but the handshake failed: ${message}.`, `${targetLabel(failed.target)} 提供 TLS，但交握失敗：${message}。`),
      evidence,
      isOurDomain(report.domain, context) ? null : askPartnerFix(report.domain, 'check the TLS configuration of their XMPP server.', '檢查其 XMPP 伺服器的 TLS 設定。'),
      failed.target.starttls === 'failure' ? 'starttls-failure' : 'tls-handshake-failed',
    )
  }
  const plain = judged.filter((j) => j.state === 'none')
  if (plain.length === judged.length) return noTls(report, context, evidence, tlsSetting)
  if (plain.length > 0) {
    return outcome(
      'warn',
      text(`Only some targets offer STARTTLS; ${plain.map((j) => targetLabel(j.target)).join(', ')} do not.`, `只有部分目標提供 STARTTLS；${plain.map((j) => targetLabel(j.target)).join('、')} 沒有。`),
      evidence,
      null,
      'starttls-partial',
    )
  }
  const required = judged.some((j) => j.target.featuresBeforeTls?.starttlsRequired)
  if (required && tlsSetting === 'NotSupported') {
    return outcome(
      'fail',
      text(
        `${report.domain} requires TLS, but our partner entry says TlsNegotiation=NotSupported: the partner will refuse our connections.`,
        `${report.domain} 要求 TLS，但我方夥伴設定為 TlsNegotiation=NotSupported：夥伴會拒絕我方的連線。`,
      ),
      evidence,
      changePartnerNegotiationFix(entry, report.domain, { tls: 'Optional' }, { tls: 'Required', sasl: 'Optional', dialback: true }),
      'partner-requires-tls-entry-not-supported',
    )
  }
  const version = judged.map((j) => j.target.tls?.version).find((v) => v) ?? 'TLS'
  return outcome(
    'pass',
    text(`STARTTLS is offered${required ? ' (required)' : ''} and ${version} works.`, `提供 STARTTLS${required ? '（必要）' : ''}，且 ${version} 可正常運作。`),
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
      text(
        `Our server for ${report.domain} does not offer STARTTLS: partners that require TLS (Lync's default) cannot federate with us.`,
        `我方 ${report.domain} 的伺服器沒有提供 STARTTLS：要求 TLS 的夥伴（Lync 的預設值）無法與我方同盟。`,
      ),
      evidence,
      null,
      'starttls-not-offered-ours',
    )
  }
  if (tlsSetting === 'Optional' || tlsSetting === 'NotSupported') {
    return outcome(
      'warn',
      text(
        `${report.domain} does not offer STARTTLS; our partner entry allows that (TlsNegotiation=${tlsSetting}), so federation runs unencrypted.`,
        `${report.domain} 沒有提供 STARTTLS；我方夥伴設定允許（TlsNegotiation=${tlsSetting}），因此同盟流量不加密。`,
      ),
      evidence,
      null,
      'starttls-not-offered-allowed',
    )
  }
  const because =
    tlsSetting === 'Required'
      ? text('our partner entry says TlsNegotiation=Required', '我方夥伴設定為 TlsNegotiation=Required')
      : text("Lync's default TlsNegotiation is Required", 'Lync 的 TlsNegotiation 預設值為 Required')
  return outcome(
    'fail',
    text(
      `${report.domain} does not offer STARTTLS, but ${because.en}: the Edge will not federate with it.`,
      `${report.domain} 沒有提供 STARTTLS，但${because['zh-TW']}：Edge 不會與其同盟。`,
    ),
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
    return outcome('unknown', withClause(text('The probe did not reach the final stream features', '探測沒有取得最終的串流功能'), cutShortClause(report)), [])
  }
  const entry = partnerEntryFor(report.domain, context)
  const evidence = [...judged.flatMap((t) => streamItems(report, t)), ...(entry ? [partnerEntryItem(entry)] : [])]
  const dialback = judged.some((t) => authFeatures(t)?.dialback)
  const external = judged.some((t) => authFeatures(t)?.saslMechanisms.includes('EXTERNAL'))
  if (!dialback && !external) {
    return outcome(
      'fail',
      text(
        `${report.domain} offers neither dialback nor SASL EXTERNAL. (The probe presented no client certificate; a server that offers EXTERNAL only to certificate-authenticated peers hides it, but then it should still offer dialback. --client-cert with our Edge certificate and --from shows whether it accepts ours.)`,
        `${report.domain} 既不提供回撥（dialback）也不提供 SASL EXTERNAL。（探測未出示用戶端憑證；只對已驗證憑證的對象提供 EXTERNAL 的伺服器會隱藏它，但此時仍應提供回撥。以 --client-cert 出示我方 Edge 憑證並加上 --from，可確認對方是否接受我方憑證。）`,
      ),
      evidence,
      isOurDomain(report.domain, context)
        ? null
        : askPartnerFix(report.domain, 'enable server dialback (XEP-0220) for federation with us.', '為與我方的同盟啟用伺服器回撥（XEP-0220）。'),
      'no-auth-method',
    )
  }
  if (dialback && !external && entry?.supportDialbackNegotiation === false) {
    return outcome(
      'fail',
      text(
        `${report.domain} offers only dialback, but our partner entry says SupportDialbackNegotiation=False.`,
        `${report.domain} 只提供回撥，但我方夥伴設定為 SupportDialbackNegotiation=False。`,
      ),
      evidence,
      changePartnerNegotiationFix(entry, report.domain, { dialback: true }, { tls: 'Optional', sasl: 'NotSupported', dialback: true }),
      'dialback-only-entry-disables-dialback',
    )
  }
  const offered = [dialback ? 'dialback' : null, external ? 'SASL EXTERNAL' : null].filter((m) => m !== null).join(' + ')
  return outcome('pass', text(`${report.domain} offers ${offered}.`, `${report.domain} 提供 ${offered}。`), evidence)
}
