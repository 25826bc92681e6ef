/** XMPP errors and warnings in the "Lync Server" event log, explained by the signature table. DOC-SETUP troubleshooting 5, 12. */
import type { CheckDefinition, EvidenceItem } from '../check-types'
import type { LyncEvent } from '../../evidence/evidence-model'
import { text } from '../../i18n/localized'
import { EVENT_LEVEL_CRITICAL, EVENT_LEVEL_ERROR, matchEventSignature, type EventSignature } from '../event-signatures'
import { cutMayHide, cutOf, describeCut, unknownBecause } from '../evidence-access'

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

function groupEvidence(group: EventGroup): EvidenceItem {
  const message = group.latest.message.replace(/\s+/g, ' ').trim().slice(0, 400)
  return {
    source: 'events.json',
    text: `${group.latest.timeCreated}  ${group.latest.levelDisplayName}  ${group.provider}  Id=${group.id}  ×${group.count}  ${message}`,
  }
}

export const xmppEventLogClean: CheckDefinition = {
  id: 'xmpp-event-log-clean',
  group: 'events',
  title: text('No XMPP errors in the Lync Server event log', 'Lync Server 事件記錄中沒有 XMPP 錯誤'),
  explanation: text(
    'Errors and warnings of the XMPP proxy and gateway in the last 24 hours of the "Lync Server" log, grouped by provider and event id.',
    '「Lync Server」記錄中最近 24 小時內 XMPP Proxy 與閘道的錯誤和警告，依提供者與事件識別碼分組。',
  ),
  reads: ['events.json'],
  source: 'DOC-SETUP troubleshooting 5, 12; DOMAIN-FACTS §4',
  evaluate: ({ evidence }) => {
    if (evidence.events.state !== 'collected') return unknownBecause('events.json', evidence.events)
    const events = evidence.events.value
    // The reader keeps XMPP providers' events first: a cut hides nothing when all of them were read.
    const cut = cutOf(evidence.events)
    const cutNote = cut ? describeCut('events.json', cut) : null
    const hidden = cutMayHide(cut)
    const groups = groupMatchingEvents(events)
    const otherProviders = [...new Set(events.map((e) => e.providerName))].filter((p) => !groups.some((g) => g.provider === p))
    const items = groups.slice(0, 15).map(groupEvidence)
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
    return {
      status: errors.length > 0 ? 'fail' : 'warn',
      summary: text(
        `${errors.length > 0 ? `${count(errors)} XMPP error(s)` : `${count(groups)} XMPP warning(s)`}, latest: ${first.provider} event ${first.id}. ${first.signature.cause.en}${cutNote ? ` ${cutNote.en}` : ''}`,
        `${errors.length > 0 ? `${count(errors)} 個 XMPP 錯誤` : `${count(groups)} 個 XMPP 警告`}，最新：${first.provider} 事件 ${first.id}。${first.signature.cause['zh-TW']}${cutNote ? cutNote['zh-TW'] : ''}`,
      ),
      evidence: items,
      fix: first.signature.fix,
    }
  },
}
