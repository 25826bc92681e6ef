/**
 * What a failed DNS query or probe step proves, and how a check says so. A query or step that a time
 * limit cut short, or that a resolver could not answer (SERVFAIL, REFUSED), proves nothing about the
 * data: the check is `unknown` and names the limit (the step's own, --timeout, or the whole probe's,
 * --total-timeout). Only NXDOMAIN or NODATA from a resolver that answered is evidence of absence; only a
 * TCP reset (refused) or an ICMP error (unreachable) is an answer from the network.
 */
import { text, type Localized } from '../i18n/localized'
import type { DnsFailure, DomainProbeReport, ProbeBound, ProbeLimits, ProbeStepError } from './probe-types'

/** Resolver answers that mean "no such record", from a resolver that answered. */
const ABSENCE_CODES: readonly string[] = ['ENOTFOUND', 'ENODATA']

/** True when the resolver answered that the record does not exist (NXDOMAIN or NODATA). */
export function isAbsence(failure: DnsFailure | null | undefined): boolean {
  return failure !== null && failure !== undefined && ABSENCE_CODES.includes(failure.code)
}

/** Which limit ended a DNS query, or null when none did (an answer, an error code, or the probe going on without it). */
export function dnsFailureBound(failure: DnsFailure | null | undefined): ProbeBound | null {
  if (!failure) return null
  if (failure.cutBy) return failure.cutBy
  // Older reports: c-ares' ECANCELLED only comes from the whole probe's abort; a bare ETIMEOUT is the query's own limit.
  if (failure.code === 'ECANCELLED') return 'total'
  if (failure.code === 'ETIMEOUT' && !failure.message.includes('finished without it')) return 'step'
  return null
}

/** Which limit ended a probe step, or null when something else ended it. */
export function stepFailureBound(failure: ProbeStepError | null | undefined): ProbeBound | null {
  if (failure?.code === 'timeout') return 'step'
  if (failure?.code === 'total-timeout') return 'total'
  return null
}

/** "the per-step limit (5000 ms, --timeout)" / "the whole-probe limit (20000 ms, --total-timeout)". */
export function boundName(bound: ProbeBound, limits: ProbeLimits): Localized {
  return bound === 'step'
    ? text(`the per-step limit (${limits.stepTimeoutMs} ms, --timeout)`, `單一步驟的時間上限（${limits.stepTimeoutMs} 毫秒，--timeout）`)
    : text(
        `the whole-probe limit (${limits.totalTimeoutMs} ms, --total-timeout)`,
        `整體探測的時間上限（${limits.totalTimeoutMs} 毫秒，--total-timeout）`,
      )
}

/** How long a limit is, in ms. */
export function boundMs(bound: ProbeBound, limits: ProbeLimits): number {
  return bound === 'step' ? limits.stepTimeoutMs : limits.totalTimeoutMs
}

function resolverName(resolver: string): Localized {
  return resolver === 'system' ? text('the system resolver', '系統解析程式') : text(`the resolver ${resolver}`, `解析程式 ${resolver}`)
}

/**
 * Why a DNS question got no usable answer, as a sentence without a final period, e.g. "the resolver
 * 127.0.0.1:53 did not answer for xmpp.contoso.com within 5000 ms (cut by the per-step limit …)".
 */
export function describeDnsFailure(failure: DnsFailure, resolver: string, name: string, limits: ProbeLimits): Localized {
  const who = resolverName(resolver)
  const bound = dnsFailureBound(failure)
  if (bound) {
    const limit = boundName(bound, limits)
    return text(
      `${who.en} did not answer for ${name} within ${boundMs(bound, limits)} ms (cut by ${limit.en})`,
      `${who['zh-TW']} 未在 ${boundMs(bound, limits)} 毫秒內回應 ${name}（受${limit['zh-TW']}截斷）`,
    )
  }
  switch (failure.code) {
    case 'ETIMEOUT':
      return text(`${who.en} had not answered for ${name} when the probe finished without it`, `探測結束時，${who['zh-TW']} 仍未回應 ${name}`)
    case 'ESERVFAIL':
      return text(
        `${who.en} answered SERVFAIL for ${name}: it could not get an answer itself`,
        `${who['zh-TW']} 對 ${name} 回應 SERVFAIL：它自己也無法取得答案`,
      )
    case 'EREFUSED':
      return text(
        `${who.en} refused to answer for ${name} (REFUSED: it does not serve this name, or not to this client)`,
        `${who['zh-TW']} 拒絕回應 ${name}（REFUSED：它不服務此名稱，或不服務此用戶端）`,
      )
    case 'ECONNREFUSED':
      return text(`${who.en} could not be reached (connection refused)`, `無法連線到${who['zh-TW']}（連線被拒）`)
    default:
      return text(
        `${who.en} gave no usable answer for ${name}: ${failure.code} (${failure.message})`,
        `${who['zh-TW']} 對 ${name} 沒有可用的回應：${failure.code}（${failure.message}）`,
      )
  }
}

/** The sentence every check adds when a limit or an unanswered question leaves it unproven. */
export const PROVES_NOTHING: Localized = text(
  'That proves nothing about the record; the check could not be made.',
  '這無法證明記錄存在與否；此項檢查無法完成。',
)

/**
 * For a check the probe never got far enough to make: which limit stopped it, as a clause to append
 * (": the per-step limit (…) cut xmpp.contoso.com:5269 at stream-open"), or '' when no limit did.
 */
export function cutShortClause(report: DomainProbeReport): Localized {
  const cut = report.targets.find((target) => stepFailureBound(target.failure) !== null)
  const bound = cut ? stepFailureBound(cut.failure) : report.timedOut ? 'total' : null
  if (!bound) return text('', '')
  const limit = boundName(bound, report.limits)
  const where = cut?.failure ? ` at ${cut.host}:${cut.port} (${cut.failure.step})` : ''
  const whereZh = cut?.failure ? `，於 ${cut.host}:${cut.port}（${cut.failure.step}）` : ''
  return text(`: ${limit.en} cut the probe short${where}, which proves nothing about the server`, `：探測受${limit['zh-TW']}截斷${whereZh}，這無法證明伺服器的狀態`)
}

/** A sentence without its final period, the clause, then the period (。 in Chinese). */
export function withClause(sentence: Localized, clause: Localized): Localized {
  return text(`${sentence.en}${clause.en}.`, `${sentence['zh-TW']}${clause['zh-TW']}。`)
}
