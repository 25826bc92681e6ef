/** XMPP errors and warnings in the "Lync Server" event log, explained by the signature table. DOC-SETUP troubleshooting 5, 12. */
import type { CheckDefinition, EvidenceItem } from '../check-types'
import type { LyncEvent } from '../../evidence/evidence-model'
import { text } from '../../i18n/localized'
import { EVENT_LEVEL_CRITICAL, EVENT_LEVEL_ERROR, matchEventSignature, type EventSignature } from '../event-signatures'
import { cutMayHide, cutOf, describeCut, serverRole, unknownBecause } from '../evidence-access'

interface EventGroup {
  readonly provider: string
  readonly id: number
  readonly level: number | null
  readonly count: number
  readonly latest: LyncEvent
  readonly signature: EventSignature
}

function groupMatchingEvents(events: readonly LyncEvent[]): EventGroup[] {
  const groups = new Map<string, EventGroup>()
  for (const event of events) {
    const signature = matchEventSignature(event.providerName, event.id, event.level)
    if (!signature) continue
    const key = `${event.providerName}#${event.id}`
    const existing = groups.get(key)
    if (!existing) {
      groups.set(key, { provider: event.providerName, id: event.id, level: event.level, count: 1, latest: event, signature })
    } else {
      const latest = Date.parse(event.timeCreated) > Date.parse(existing.latest.timeCreated) ? event : existing.latest
      groups.set(key, { ...existing, count: existing.count + 1, latest })
    }
  }
  return [...groups.values()].sort((a, b) => (a.level ?? 9) - (b.level ?? 9) || b.count - a.count)
}

/** An event this long before the collection is old: it may be over, and must not pass for the current incident's cause. */
export const RECENT_EVENT_MS = 24 * 60 * 60 * 1000

/** "5 min", "3 h", "12 d" before the collection (the evidence's own clock), or null when the time is unreadable. */
function ageBefore(timeCreated: string, now: Date): { readonly ms: number; readonly words: string } | null {
  const at = Date.parse(timeCreated)
  if (!Number.isFinite(at)) return null
  const ms = Math.max(0, now.getTime() - at)
  const minutes = Math.round(ms / 60_000)
  const words = minutes < 60 ? `${minutes} min` : minutes < 48 * 60 ? `${Math.round(minutes / 60)} h` : `${Math.round(minutes / 1440)} d`
  return { ms, words }
}

function groupEvidence(group: EventGroup, now: Date): EvidenceItem {
  const message = group.latest.message.replace(/\s+/g, ' ').trim().slice(0, 400)
  const age = ageBefore(group.latest.timeCreated, now)
  const ageText = age ? `  (${age.words} before collection${age.ms > RECENT_EVENT_MS ? ', old' : ''})` : ''
  return {
    source: 'events.json',
    text: `${group.latest.timeCreated}${ageText}  ${group.latest.levelDisplayName}  ${group.provider}  Id=${group.id}  ×${group.count}  ${message}`,
  }
}

export const xmppEventLogClean: CheckDefinition<'xmpp-event-log-clean'> = {
  id: 'xmpp-event-log-clean',
  group: 'events',
  title: text('No XMPP errors in the Lync Server event log', 'Lync Server 事件記錄中沒有 XMPP 錯誤'),
  explanation: text(
    'Critical events, errors and warnings of the XMPP proxy and gateway in the "Lync Server" log over the collector\'s window (-EventDays, default 7 days), grouped by provider and event id, each with its age at collection. An error only older than a day is a warning: it may be over.',
    '「Lync Server」記錄中收集期間（-EventDays，預設 7 天）內 XMPP Proxy 與閘道的重大事件、錯誤和警告，依提供者與事件識別碼分組，並標示收集時距今多久。只有超過一天前的錯誤會列為警告：問題可能已結束。',
  ),
  reads: ['events.json'],
  source: 'DOC-SETUP troubleshooting 5, 12; DOMAIN-FACTS §4',
  evaluate: ({ evidence, now }) => {
    if (evidence.events.state !== 'collected') return unknownBecause('events.json', evidence.events)
    const events = evidence.events.value
    // The reader keeps XMPP providers' events first: a cut hides nothing when all of them were read.
    const cut = cutOf(evidence.events)
    const cutNote = cut ? describeCut('events.json', cut) : null
    const hidden = cutMayHide(cut)
    const groups = groupMatchingEvents(events)
    const otherProviders = [...new Set(events.map((e) => e.providerName))].filter((p) => !groups.some((g) => g.provider === p))
    const items = groups.slice(0, 15).map((group) => groupEvidence(group, now))
    if (otherProviders.length > 0) {
      items.push({ source: 'events.json', text: `Other providers with errors/warnings (not XMPP): ${otherProviders.slice(0, 10).join(', ')}` })
    }
    const errors = groups.filter((g) => g.level === EVENT_LEVEL_CRITICAL || g.level === EVENT_LEVEL_ERROR)
    const first = errors[0] ?? groups[0]
    if (!first) {
      if (cutNote && hidden) {
        return {
          status: 'unknown',
          summary: text(
            `No XMPP error or warning among the events read, but ${cutNote.en} An XMPP error may be among the others.`,
            `已讀取的事件中沒有 XMPP 錯誤或警告，但${cutNote['zh-TW']}其餘事件中可能有 XMPP 錯誤。`,
          ),
          evidence: items,
          fix: null,
        }
      }
      return {
        status: 'pass',
        summary: text(
          `No XMPP errors or warnings (${events.length} other event(s) in the log).${cutNote ? ` ${cutNote.en}` : ''}`,
          `沒有 XMPP 錯誤或警告（記錄中另有 ${events.length} 個事件）。${cutNote ? cutNote['zh-TW'] : ''}`,
        ),
        evidence: items,
        fix: null,
      }
    }
    if (errors.length === 0 && cutNote && hidden) {
      // Warnings were read, but an error may be among the events the cap left out.
      return {
        status: 'unknown',
        summary: text(
          `XMPP warning(s) among the events read, latest: ${first.provider} event ${first.id}; but ${cutNote.en}`,
          `已讀取的事件中有 XMPP 警告，最新：${first.provider} 事件 ${first.id}；但${cutNote['zh-TW']}`,
        ),
        evidence: items,
        fix: null,
      }
    }
    const count = (list: EventGroup[]) => list.reduce((n, g) => n + g.count, 0)
    // Errors that stopped more than a day before the collection are reported, but as a warning: they may be over.
    const recentErrors = errors.filter((g) => (ageBefore(g.latest.timeCreated, now)?.ms ?? 0) <= RECENT_EVENT_MS)
    const onlyOld = errors.length > 0 && recentErrors.length === 0
    const age = ageBefore(first.latest.timeCreated, now)
    const oldNote = onlyOld && age ? text(` The latest was ${age.words} before the collection: check whether it still happens.`, `最新一筆發生在收集前 ${age.words}：請確認是否仍在發生。`) : null
    // CLS commands run on the server you are connected to (PS/Start-CsClsLogging without -Computers/-Pools):
    // offered for the server this evidence comes from.
    const role = serverRole(evidence)
    const fix = first.signature.fix && role !== 'Unknown' ? { ...first.signature.fix, runOn: role === 'FrontEnd' ? ('front-end' as const) : ('edge' as const) } : first.signature.fix
    return {
      status: errors.length > 0 && !onlyOld ? 'fail' : 'warn',
      summary: text(
        `${errors.length > 0 ? `${count(errors)} XMPP error(s)` : `${count(groups)} XMPP warning(s)`}, latest: ${first.provider} event ${first.id}. ${first.signature.cause.en}${oldNote ? oldNote.en : ''}${cutNote ? ` ${cutNote.en}` : ''}`,
        `${errors.length > 0 ? `${count(errors)} 個 XMPP 錯誤` : `${count(groups)} 個 XMPP 警告`}，最新：${first.provider} 事件 ${first.id}。${first.signature.cause['zh-TW']}${oldNote ? oldNote['zh-TW'] : ''}${cutNote ? cutNote['zh-TW'] : ''}`,
      ),
      evidence: items,
      fix,
    }
  },
}
