/**
 * Per-domain verdicts for the DNS and reachability probe checks: s2s-dns-srv, s2s-target-resolves,
 * s2s-port-reachable. DOC-SETUP step 23, DOC-DNS, DOC-PORTS, DOMAIN-FACTS §5 causes 3–5, RFC 6120 §3.2.
 */
import type { CheckContext, CheckOutcome } from '../diagnostics/check-types'
import { accessEdgeFqdns, expectedExternalPort } from '../diagnostics/evidence-access'
import { text, type Localized } from '../i18n/localized'
import { fixCommands } from '../commands/command-model'
import { resolveSrvWith } from '../commands/fix-commands'
import { isOurDomain, outcome } from './probe-check-support'
import { addressItems, connectItems, dnsViewItems, srvLines, targetLabel, uniqueTargets } from './probe-evidence'
import { askPartnerFix, openPortFix, publishAddressFix, publishSrvFix } from './probe-fixes'
import type { DomainProbeReport, ProbeDnsView } from './probe-types'

/** Resolver answers that mean "no such record", as opposed to "no answer". */
const NO_RECORD_CODES = ['ENOTFOUND', 'ENODATA']

/** s2s-dns-srv: is the SRV record there, sane, and the same from every resolver asked? */
export function judgeDnsSrv(report: DomainProbeReport, context: CheckContext): CheckOutcome {
  const { dns, domain } = report
  const ours = isOurDomain(domain, context)
  const edgeFqdn = accessEdgeFqdns(context.evidence)[0] ?? null
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
  if (records.length === 0 && error && !NO_RECORD_CODES.includes(error.code)) {
    return outcome(
      'fail',
      text(
        `The resolver ${dns.resolver} did not answer for ${dns.srv.query}: ${error.code}. The probe tried ${domain}:${report.targets[0]?.port ?? 5269} instead.`,
        `解析程式 ${dns.resolver} 沒有回應 ${dns.srv.query}：${error.code}。探測改試 ${domain}:${report.targets[0]?.port ?? 5269}。`,
      ),
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

function srvWarnings(report: DomainProbeReport, context: CheckContext, ours: boolean): { message: Localized; reason: string }[] {
  const warnings: { message: Localized; reason: string }[] = []
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
  const disagreeing = report.alternateDns.filter((view) => srvSignature(view) !== srvSignature(report.dns))
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

function srvSignature(view: ProbeDnsView): string {
  return [...srvLines(view.srv, 'system'), ...srvLines(view.xmppsSrv, 'system')]
    .map((line) => line.replace(/\s+\(.*\)$/, ''))
    .sort()
    .join('|')
}

/** s2s-target-resolves: does every SRV target (or the fallback host) have an address? */
export function judgeTargetResolves(report: DomainProbeReport, context: CheckContext): CheckOutcome {
  if (report.dns.serviceRefused) return notApplicable()
  const targets = uniqueTargets(report)
  const evidence = addressItems(report)
  if (targets.length === 0) return nothingProbed(report)
  const unresolved = targets.filter((t) => t.addresses.length === 0)
  const ours = isOurDomain(report.domain, context)
  const first = unresolved[0]
  if (!first) {
    return outcome(
      'pass',
      text(`Every target resolves: ${targets.map((t) => `${t.host} → ${t.addresses.join(', ')}`).join('; ')}.`, `所有目標都能解析：${targets.map((t) => `${t.host} → ${t.addresses.join(', ')}`).join('；')}。`),
      evidence,
    )
  }
  const names = unresolved.map((t) => t.host).join(', ')
  const fix = ours ? publishAddressFix(first.host) : askPartnerFix(report.domain, `publish an A record for ${first.host}.`, `為 ${first.host} 發佈 A 記錄。`)
  return unresolved.length === targets.length
    ? outcome('fail', text(`No A or AAAA record for ${names}: nobody can connect.`, `${names} 沒有 A 或 AAAA 記錄：無人能連線。`), evidence, fix, 'target-no-address')
    : outcome('warn', text(`No A or AAAA record for ${names}; the other targets resolve.`, `${names} 沒有 A 或 AAAA 記錄；其他目標可以解析。`), evidence, fix, 'target-no-address')
}

/** s2s-port-reachable: does a TCP connection to each resolved target succeed? */
export function judgePortReachable(report: DomainProbeReport, context: CheckContext): CheckOutcome {
  if (report.dns.serviceRefused) return notApplicable()
  const resolved = report.targets.filter((t) => t.addresses.length > 0)
  if (resolved.length === 0) {
    return outcome(
      'unknown',
      text('No target resolved, so there was nothing to connect to (see s2s-target-resolves).', '沒有可解析的目標，因此無從連線（請見 s2s-target-resolves）。'),
      addressItems(report),
    )
  }
  const evidence = resolved.flatMap((t) => connectItems(report, t))
  const failed = resolved.filter((t) => t.connectedAddress === null)
  const first = failed[0]
  if (!first) {
    return outcome(
      'pass',
      text(`TCP connects to ${resolved.map(targetLabel).join(', ')}.`, `可用 TCP 連線到 ${resolved.map(targetLabel).join('、')}。`),
      evidence,
    )
  }
  const why = first.failure ? `${first.failure.code}: ${first.failure.message}` : 'no connection'
  const fix = openPortFix(first.host, first.port, isOurDomain(report.domain, context))
  const summary = (all: boolean): Localized =>
    text(
      `${all ? 'No target accepts' : 'Some targets do not accept'} TCP connections: ${failed.map(targetLabel).join(', ')} (${why}).`,
      `${all ? '沒有目標接受' : '部分目標不接受'} TCP 連線：${failed.map(targetLabel).join('、')}（${why}）。`,
    )
  const reason = `connect-${first.failure?.code ?? 'failed'}`
  return failed.length === resolved.length
    ? outcome('fail', summary(true), evidence, fix, reason)
    : outcome('warn', summary(false), evidence, fix, reason)
}

/** For a domain whose SRV says the service is not offered. */
export function notApplicable(): CheckOutcome {
  return outcome('skipped', text('The domain offers no XMPP server-to-server service.', '此網域不提供 XMPP 伺服器對伺服器服務。'), [])
}

/** For a probe that ended before it had a target (hard bound hit during DNS). */
export function nothingProbed(report: DomainProbeReport): CheckOutcome {
  return outcome(
    'unknown',
    text(
      `The probe of ${report.domain} ended before it reached a server${report.timedOut ? ' (time limit)' : ''}.`,
      `${report.domain} 的探測在連到伺服器前就結束了${report.timedOut ? '（時間限制）' : ''}。`,
    ),
    report.notes.map((note) => ({ source: `probe:${report.domain}`, text: note })),
  )
}
