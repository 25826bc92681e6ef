/**
 * Per-domain verdicts for the DNS and reachability probe checks: s2s-dns-srv, s2s-target-resolves,
 * s2s-port-reachable. DOC-SETUP step 23, DOC-DNS, DOC-PORTS, DOMAIN-FACTS §5 causes 3–5, RFC 6120 §3.2.
 */
import type { CheckContext, CheckOutcome } from '../check-types'
import type { FindingReasonOf } from '../finding-reasons'
import { expectedExternalPort, preferredAccessEdgeFqdn } from '../evidence-access'
import { text, type Localized } from '../../i18n/localized'
import { fixCommands } from '../../commands/command-model'
import { resolveSrvWith } from '../../commands/fix-commands'
import { isOurDomain, outcome } from './probe-check-support'
import { addressItems, connectItems, dnsViewItems, sourceItem, srvLines, targetLabel, uniqueTargets } from './probe-evidence'
import { askPartnerFix, openPortFix, publishAddressFix, publishSrvFix } from './probe-fixes'
import { boundName, describeDnsFailure, dnsFailureBound, isAbsence, PROVES_NOTHING, stepFailureBound } from '../../probe/probe-bounds'
import type { DnsFailure, DomainProbeReport, ProbeDnsView, ProbeTargetReport } from '../../probe/probe-types'

/** s2s-dns-srv: is the SRV record there, sane, and the same from every resolver asked? */
export function judgeDnsSrv(report: DomainProbeReport, context: CheckContext): CheckOutcome<FindingReasonOf<'s2s-dns-srv'>> {
  const { dns, domain } = report
  const ours = isOurDomain(domain, context)
  const edgeFqdn = preferredAccessEdgeFqdn(context.evidence)
  const evidence = [report.dns, ...report.alternateDns].flatMap((view) => dnsViewItems(report, view))
  const records = [...dns.srv.records, ...dns.xmppsSrv.records]
  if (dns.serviceRefused) {
    return outcome(
      'fail',
      text(
        `${dns.srv.query} is ".": the domain says it offers no server-to-server XMPP (RFC 2782).`,
        `${dns.srv.query} 的目標為「.」：此網域表示不提供伺服器對伺服器 XMPP（RFC 2782）。`,
      ),
      evidence,
      ours ? publishSrvFix(domain, edgeFqdn) : askPartnerFix(domain, 'publish a real SRV target.', '發佈實際的 SRV 目標。'),
      'srv-service-refused',
    )
  }
  const error = dns.srv.error
  if (records.length === 0 && error && !isAbsence(error)) {
    // No answer is not "no record": the check cannot be made (and the fallback, if tried, proves nothing about SRV).
    const why = describeDnsFailure(error, dns.resolver, dns.srv.query, report.limits)
    const tried = dns.fallbackUsed ? ` The probe tried ${domain}:${report.targets[0]?.port ?? 5269} instead.` : ''
    const triedZh = dns.fallbackUsed ? `探測改試 ${domain}:${report.targets[0]?.port ?? 5269}。` : ''
    return outcome(
      'unknown',
      text(`${capitalize(why.en)}. ${PROVES_NOTHING.en}${tried}`, `${why['zh-TW']}。${PROVES_NOTHING['zh-TW']}${triedZh}`),
      evidence,
      {
        description: text('Check that the resolver is reachable and answers for this zone.', '請確認解析程式可連線，且能回應此區域的查詢。'),
        ...fixCommands(resolveSrvWith(dns.srv.query, dns.resolver)),
        runOn: 'any',
        changesServer: false,
      },
      'srv-lookup-failed',
    )
  }
  if (records.length === 0) {
    return ours
      ? outcome(
          'fail',
          text(
            `${dns.srv.query} does not exist: partners cannot find our Edge (Lync publishes federation through this SRV record).`,
            `${dns.srv.query} 不存在：夥伴找不到我方的 Edge（Lync 透過此 SRV 記錄發佈同盟）。`,
          ),
          evidence,
          publishSrvFix(domain, edgeFqdn),
          'srv-missing',
        )
      : outcome(
          'warn',
          text(
            `${dns.srv.query} does not exist; the probe fell back to ${domain} on port ${report.targets[0]?.port ?? 5269} (RFC 6120 §3.2.1). Servers that require the SRV record will not find this domain.`,
            `${dns.srv.query} 不存在；探測改用 ${domain} 的連接埠 ${report.targets[0]?.port ?? 5269}（RFC 6120 §3.2.1）。要求 SRV 記錄的伺服器將找不到此網域。`,
          ),
          evidence,
          askPartnerFix(domain, `publish _xmpp-server._tcp.${domain}.`, `發佈 _xmpp-server._tcp.${domain}。`),
          'srv-missing-fallback-used',
        )
  }
  const warnings = srvWarnings(report, context, ours)
  const listed = records.map((r) => `${r.target}:${r.port}`).join(', ')
  // A resolver beside the first that did not answer cannot be compared: that is not a disagreement.
  const silent = report.alternateDns.filter((view) => !srvAnswered(view.srv))
  const firstSilent = silent[0]
  if (firstSilent?.srv.error) {
    const why = describeDnsFailure(firstSilent.srv.error, firstSilent.resolver, firstSilent.srv.query, report.limits)
    return outcome(
      'unknown',
      text(
        `${dns.srv.query} points to ${listed}, but ${why.en}, so the resolvers could not be compared.${warnings.map((w) => ` ${w.message.en}`).join('')}`,
        `${dns.srv.query} 指向 ${listed}，但${why['zh-TW']}，因此無法比較各解析程式的答案。${warnings.map((w) => w.message['zh-TW']).join('')}`,
      ),
      evidence,
      ours && warnings.length > 0 ? publishSrvFix(domain, edgeFqdn) : null,
      'srv-resolver-unanswered',
    )
  }
  if (warnings.length > 0) {
    return outcome(
      'warn',
      text(warnings.map((w) => w.message.en).join(' '), warnings.map((w) => w.message['zh-TW']).join(' ')),
      evidence,
      ours ? publishSrvFix(domain, edgeFqdn) : null,
      warnings[0]?.reason,
    )
  }
  return outcome('pass', text(`${dns.srv.query} points to ${listed}.`, `${dns.srv.query} 指向 ${listed}。`), evidence)
}

interface SrvWarning {
  readonly message: Localized
  readonly reason: FindingReasonOf<'s2s-dns-srv'>
}

function srvWarnings(report: DomainProbeReport, context: CheckContext, ours: boolean): SrvWarning[] {
  const warnings: SrvWarning[] = []
  const records = report.dns.srv.records
  if (ours) {
    // One Edge pool is published for federation; equal priorities make partners pick pools at random (DOMAIN-FACTS §5 cause 4).
    const lowest = Math.min(...records.map((r) => r.priority))
    const tied = new Set(records.filter((r) => r.priority === lowest).map((r) => r.target))
    if (tied.size > 1) {
      warnings.push({
        reason: 'srv-equal-priority',
        message: text(
          `${tied.size} SRV targets share priority ${lowest} (${[...tied].join(', ')}): partners pick one at random, so a pool that is not the XMPP federation route fails part of the time. Give each Edge pool its own priority.`,
          `${tied.size} 個 SRV 目標共用優先順序 ${lowest}（${[...tied].join('、')}）：夥伴會隨機選擇，因此不是 XMPP 同盟路由的集區會間歇失敗。請為每個 Edge 集區設定不同的優先順序。`,
        ),
      })
    }
    const port = expectedExternalPort(context.evidence)
    const wrong = records.filter((r) => r.port !== port)
    if (wrong.length > 0) {
      warnings.push({
        reason: 'srv-port-mismatch',
        message: text(
          `SRV port ${wrong.map((r) => r.port).join(', ')} differs from the Edge's XMPP port ${port}.`,
          `SRV 連接埠 ${wrong.map((r) => r.port).join('、')} 與 Edge 的 XMPP 連接埠 ${port} 不同。`,
        ),
      })
    }
  }
  const disagreeing = report.alternateDns.filter(
    (view) => srvAnswered(view.srv) && srvSignature(view, report.dns) !== srvSignature(report.dns, view),
  )
  if (disagreeing.length > 0) {
    warnings.push({
      reason: 'srv-resolvers-disagree',
      message: text(
        `Resolvers disagree: ${report.dns.resolver} and ${disagreeing.map((v) => v.resolver).join(', ')} give different SRV answers (internal and public DNS differ).`,
        `解析程式結果不一致：${report.dns.resolver} 與 ${disagreeing.map((v) => v.resolver).join('、')} 的 SRV 答案不同（內部與公用 DNS 不一致）。`,
      ),
    })
  }
  return warnings
}

/** True when the resolver answered the SRV question (records, NXDOMAIN or NODATA). */
function srvAnswered(lookup: ProbeDnsView['srv']): boolean {
  return lookup.error === null || isAbsence(lookup.error)
}

/** The SRV answers of `view` as one string; the XEP-0368 name only when both views got an answer for it. */
function srvSignature(view: ProbeDnsView, other: ProbeDnsView): string {
  const xmpps = srvAnswered(view.xmppsSrv) && srvAnswered(other.xmppsSrv) ? srvLines(view.xmppsSrv, 'system') : []
  return [...srvLines(view.srv, 'system'), ...xmpps]
    .map((line) => line.replace(/\s+\(.*\)$/, ''))
    .sort()
    .join('|')
}

/** How one target's A/AAAA lookup ended. */
type Resolution =
  | { readonly kind: 'resolved' }
  | { readonly kind: 'absent' }
  | { readonly kind: 'unanswered'; readonly failure: DnsFailure }

/** Resolved, proven absent (NXDOMAIN/NODATA for both families), or not answered (timeout, SERVFAIL, REFUSED …). */
function resolution(report: DomainProbeReport, target: ProbeTargetReport): Resolution {
  if (target.addresses.length > 0) return { kind: 'resolved' }
  const lookup = report.dns.addresses.find((entry) => entry.host === target.host)
  const errors = lookup?.queries ? lookup.queries.map((query) => query.error) : [lookup?.error ?? null]
  const unanswered = errors.find((error): error is DnsFailure => error !== null && !isAbsence(error))
  if (unanswered) return { kind: 'unanswered', failure: unanswered }
  if (lookup) return { kind: 'absent' }
  // No lookup in the view (an older report): only the target's own failure is left to go by.
  const failure = target.failure
  if (failure && failure.step === 'dns' && failure.code !== 'dns') return { kind: 'unanswered', failure: { code: 'ETIMEOUT', message: failure.message, cutBy: failure.code === 'total-timeout' ? 'total' : 'step' } }
  return { kind: 'absent' }
}

/** s2s-target-resolves: does every SRV target (or the fallback host) have an address? */
export function judgeTargetResolves(report: DomainProbeReport, context: CheckContext): CheckOutcome<FindingReasonOf<'s2s-target-resolves'>> {
  if (report.dns.serviceRefused) return notApplicable()
  const targets = uniqueTargets(report)
  const evidence = addressItems(report)
  if (targets.length === 0) return nothingProbed(report)
  const judged = targets.map((target) => ({ target, resolution: resolution(report, target) }))
  const absent = judged.filter((j) => j.resolution.kind === 'absent').map((j) => j.target)
  const unanswered = judged.flatMap((j) => (j.resolution.kind === 'unanswered' ? [{ target: j.target, failure: j.resolution.failure }] : []))
  const resolved = judged.filter((j) => j.resolution.kind === 'resolved').map((j) => j.target)
  if (absent.length === 0 && unanswered.length === 0) {
    return outcome(
      'pass',
      text(`Every target resolves: ${targets.map((t) => `${t.host} → ${t.addresses.join(', ')}`).join('; ')}.`, `所有目標都能解析：${targets.map((t) => `${t.host} → ${t.addresses.join(', ')}`).join('；')}。`),
      evidence,
    )
  }
  const ours = isOurDomain(report.domain, context)
  const firstAbsent = absent[0]
  const fix = firstAbsent
    ? ours
      ? publishAddressFix(firstAbsent.host)
      : askPartnerFix(report.domain, `publish an A record for ${firstAbsent.host}.`, `為 ${firstAbsent.host} 發佈 A 記錄。`)
    : null
  const absentNames = absent.map((t) => t.host).join(', ')
  const firstUnanswered = unanswered[0]
  if (firstUnanswered) {
    // A question nobody answered proves nothing: never "no record", whatever the other targets did.
    const why = describeDnsFailure(firstUnanswered.failure, report.dns.resolver, firstUnanswered.target.host, report.limits)
    const alsoAbsent = absent.length > 0 ? text(` No A or AAAA record for ${absentNames}.`, `${absentNames} 沒有 A 或 AAAA 記錄。`) : text('', '')
    const others = unanswered.length > 1 ? text(` (${unanswered.length - 1} more target(s) likewise unanswered)`, `（另有 ${unanswered.length - 1} 個目標同樣未獲回應）`) : text('', '')
    return outcome(
      'unknown',
      text(
        `${capitalize(why.en)}${others.en}. ${PROVES_NOTHING.en}${alsoAbsent.en}`,
        `${why['zh-TW']}${others['zh-TW']}。${PROVES_NOTHING['zh-TW']}${alsoAbsent['zh-TW']}`,
      ),
      evidence,
      fix,
      dnsFailureBound(firstUnanswered.failure) ? 'target-lookup-cut' : 'target-lookup-failed',
    )
  }
  return resolved.length === 0
    ? outcome('fail', text(`No A or AAAA record for ${absentNames}: nobody can connect.`, `${absentNames} 沒有 A 或 AAAA 記錄：無人能連線。`), evidence, fix, 'target-no-address')
    : outcome('warn', text(`No A or AAAA record for ${absentNames}; the other targets resolve.`, `${absentNames} 沒有 A 或 AAAA 記錄；其他目標可以解析。`), evidence, fix, 'target-no-address')
}

/** "the resolver …" → "The resolver …". */
function capitalize(sentence: string): string {
  return sentence.charAt(0).toUpperCase() + sentence.slice(1)
}

/**
 * s2s-port-reachable: does a TCP connection to each resolved target succeed? A reset (refused) or an ICMP
 * error (unreachable) is the network's answer; no answer within a limit (filtered) proves nothing alone.
 */
export function judgePortReachable(report: DomainProbeReport, context: CheckContext): CheckOutcome<FindingReasonOf<'s2s-port-reachable'>> {
  if (report.dns.serviceRefused) return notApplicable()
  const resolved = report.targets.filter((t) => t.addresses.length > 0)
  if (resolved.length === 0) {
    return outcome(
      'unknown',
      text('No target resolved, so there was nothing to connect to (see s2s-target-resolves).', '沒有可解析的目標，因此無從連線（請見 s2s-target-resolves）。'),
      addressItems(report),
    )
  }
  const evidence = [sourceItem(report), ...resolved.flatMap((t) => connectItems(report, t))]
  const failed = resolved.filter((t) => t.connectedAddress === null)
  const first = failed[0]
  if (!first) {
    return outcome(
      'pass',
      text(`TCP connects to ${resolved.map(targetLabel).join(', ')}.`, `可用 TCP 連線到 ${resolved.map(targetLabel).join('、')}。`),
      evidence,
    )
  }
  const cut = failed.filter((t) => stepFailureBound(t.failure) !== null)
  const answered = failed.filter((t) => stepFailureBound(t.failure) === null)
  const connected = resolved.length - failed.length
  const status = connected === 0 ? (cut.length > 0 ? 'unknown' : 'fail') : answered.length > 0 ? 'warn' : 'unknown'
  const parts = [...answered, ...cut].map((target) => {
    const why = connectFailureReason(target, report)
    return text(`${targetLabel(target)}: ${why.en}`, `${targetLabel(target)}：${why['zh-TW']}`)
  })
  const lead =
    connected === 0
      ? answered.length === 0
        ? text('No target answered the connection request:', '沒有目標回應連線要求：')
        : cut.length > 0
          ? text('No target accepted a TCP connection, and not every one answered:', '沒有目標接受 TCP 連線，且並非每個目標都有回應：')
          : text('No target accepts TCP connections:', '沒有目標接受 TCP 連線：')
      : text('Some targets do not accept TCP connections:', '部分目標不接受 TCP 連線：')
  const summary = text(`${lead.en} ${parts.map((p) => p.en).join('; ')}.`, `${lead['zh-TW']}${parts.map((p) => p['zh-TW']).join('；')}。`)
  const fix = openPortFix(first.host, first.port, isOurDomain(report.domain, context))
  const reasonTarget = answered[0] ?? first
  return outcome(status, summary, evidence, fix, `connect-${reasonTarget.failure?.code ?? 'failed'}`)
}

/** What the network said to one target's connection attempts: refused, unreachable, or nothing within a limit (filtered). */
function connectFailureReason(target: ProbeTargetReport, report: DomainProbeReport): Localized {
  const failure = target.failure
  const bound = stepFailureBound(failure)
  if (bound) {
    const limit = boundName(bound, report.limits)
    return bound === 'step'
      ? text(
          `filtered: no answer to the connection request within ${report.limits.stepTimeoutMs} ms (cut by ${limit.en}); a firewall that drops packets, a host that is down, or a limit too short for this path, which the probe cannot tell apart`,
          `已過濾：${report.limits.stepTimeoutMs} 毫秒內連線要求沒有回應（受${limit['zh-TW']}截斷）；可能是丟棄封包的防火牆、主機未開機，或此路徑的時間上限太短，探測無法分辨`,
        )
      : text(
          `not finished: ${limit.en} cut the connection attempt short, which proves nothing about the port`,
          `未完成：${limit['zh-TW']}截斷了連線嘗試，這無法證明連接埠的狀態`,
        )
  }
  switch (failure?.code) {
    case 'refused':
      return text(
        `refused: the host answered with a TCP reset, so nothing listens on port ${target.port} there (or a firewall rejects it)`,
        `被拒：主機以 TCP 重設回應，表示該處沒有程式接聽連接埠 ${target.port}（或防火牆拒絕）`,
      )
    case 'unreachable':
      return text(`unreachable: the network answered that the host cannot be reached (${failure.message})`, `無法連線：網路回應主機無法到達（${failure.message}）`)
    default:
      return text(
        `${failure ? `${failure.code}: ${failure.message}` : 'no connection'}`,
        `${failure ? `${failure.code}: ${failure.message}` : '沒有連線'}`,
      )
  }
}

/** For a domain whose SRV says the service is not offered. */
export function notApplicable(): CheckOutcome {
  return outcome('skipped', text('The domain offers no XMPP server-to-server service.', '此網域不提供 XMPP 伺服器對伺服器服務。'), [])
}

/** For a probe that ended before it had a target (hard bound hit during DNS). */
export function nothingProbed(report: DomainProbeReport): CheckOutcome {
  const cut = report.timedOut ? boundName('total', report.limits) : null
  return outcome(
    'unknown',
    text(
      `The probe of ${report.domain} ended before it reached a server${cut ? `: ${cut.en} cut it short, which proves nothing about the domain` : ''}.`,
      `${report.domain} 的探測在連到伺服器前就結束了${cut ? `：受${cut['zh-TW']}截斷，這無法證明此網域的狀態` : ''}。`,
    ),
    report.notes.map((note) => ({ source: `probe:${report.domain}`, text: note })),
  )
}
