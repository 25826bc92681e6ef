/** XMPP errors and warnings in the "Lync Server" event log, explained by the signature table. DOC-SETUP troubleshooting 5, 12. */
import type { CheckDefinition, EvidenceItem } from '../check-types'
import type { LyncEvent } from '../../evidence/evidence-model'
import { EVENT_LEVEL_CRITICAL, EVENT_LEVEL_ERROR, matchEventSignature, type EventSignature } from '../event-signatures'
import { cutMayHide, cutOf, describeCut, serverRole, unknownBecause } from '../evidence-access'
import { EVENT_LOG_MESSAGES as MESSAGES, type EventAge } from './event-log-messages'

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

/** 5 min, 3 h, 12 d before the collection (the evidence's own clock), or null when the time is unreadable. */
function ageBefore(timeCreated: string, now: Date): EventAge | null {
  const at = Date.parse(timeCreated)
  if (!Number.isFinite(at)) return null
  const ms = Math.max(0, now.getTime() - at)
  const minutes = Math.round(ms / 60_000)
  if (minutes < 60) return { ms, amount: minutes, unit: 'min' }
  return minutes < 48 * 60 ? { ms, amount: Math.round(minutes / 60), unit: 'h' } : { ms, amount: Math.round(minutes / 1440), unit: 'd' }
}

function groupEvidence(group: EventGroup, now: Date): EvidenceItem {
  const message = group.latest.message.replace(/\s+/g, ' ').trim().slice(0, 400)
  const age = ageBefore(group.latest.timeCreated, now)
  const ageText = age ? `  (${age.amount} ${age.unit} before collection${age.ms > RECENT_EVENT_MS ? ', old' : ''})` : ''
  return {
    source: 'events.json',
    text: `${group.latest.timeCreated}${ageText}  ${group.latest.levelDisplayName}  ${group.provider}  Id=${group.id}  ×${group.count}  ${message}`,
  }
}

export const xmppEventLogClean: CheckDefinition<'xmpp-event-log-clean'> = {
  id: 'xmpp-event-log-clean',
  group: 'events',
  title: MESSAGES.title,
  explanation: MESSAGES.explanation,
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
        return { status: 'unknown', summary: MESSAGES.noneReadButCut(cutNote), evidence: items, fix: null }
      }
      return { status: 'pass', summary: MESSAGES.clean(events.length, cutNote), evidence: items, fix: null }
    }
    if (errors.length === 0 && cutNote && hidden) {
      // Warnings were read, but an error may be among the events the cap left out.
      return { status: 'unknown', summary: MESSAGES.warningsReadButCut(first.provider, first.id, cutNote), evidence: items, fix: null }
    }
    const count = (list: EventGroup[]) => list.reduce((n, g) => n + g.count, 0)
    // Errors that stopped more than a day before the collection are reported, but as a warning: they may be over.
    const recentErrors = errors.filter((g) => (ageBefore(g.latest.timeCreated, now)?.ms ?? 0) <= RECENT_EVENT_MS)
    const onlyOld = errors.length > 0 && recentErrors.length === 0
    const age = ageBefore(first.latest.timeCreated, now)
    // CLS commands run on the server you are connected to (PS/Start-CsClsLogging without -Computers/-Pools):
    // offered for the server this evidence comes from.
    const role = serverRole(evidence)
    const fix = first.signature.fix && role !== 'Unknown' ? { ...first.signature.fix, runOn: role === 'FrontEnd' ? ('front-end' as const) : ('edge' as const) } : first.signature.fix
    return {
      status: errors.length > 0 && !onlyOld ? 'fail' : 'warn',
      summary: MESSAGES.found(
        { errors: count(errors), warnings: count(groups), provider: first.provider, id: first.id, cause: first.signature.cause },
        onlyOld ? age : null,
        cutNote,
      ),
      evidence: items,
      fix,
    }
  },
}
