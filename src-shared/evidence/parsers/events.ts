/**
 * events.json: Get-WinEvent errors and warnings of the "Lync Server" log (DOMAIN-FACTS §4).
 * A busy server can log more than the cap keeps, so the events that matter are kept first: those of XMPP
 * providers, newest first, then the others, newest first. The cut says whether every XMPP event was kept.
 */
import type { LyncEvent } from '../evidence-model'
import { addWarning, PARSE_LIMITS, recordCut, type ParseNotes } from '../parse-notes'
import { readPsDate, readPsJsonDocument, readPsNumber, readPsRecords, readPsString } from '../ps-json'

/**
 * Providers whose events the checks judge: every row of diagnostics/event-signatures.ts matches ProviderName
 * with the pattern "xmpp" (a test keeps the two in step).
 */
export const PRIORITY_EVENT_PROVIDER = /xmpp/i

/** Parses events.json; an empty file means no error or warning was logged in the collected window. */
export function parseEvents(source: string, notes?: ParseNotes): readonly LyncEvent[] {
  const document = readPsJsonDocument(source, notes, { maxRecords: PARSE_LIMITS.maxEventsScanned })
  if (!document) return []
  const events: LyncEvent[] = []
  for (const record of readPsRecords(document.value, notes, PARSE_LIMITS.maxEventsScanned)) {
    const id = readPsNumber(record, 'Id')
    const timeCreated = readPsDate(record, 'TimeCreated')
    if (id === null || timeCreated === null) {
      addWarning(notes, 'skipped an event without a readable Id or TimeCreated')
      continue
    }
    events.push({
      timeCreated,
      id,
      level: readPsNumber(record, 'Level'),
      levelDisplayName: readPsString(record, 'LevelDisplayName') ?? '',
      providerName: readPsString(record, 'ProviderName') ?? '',
      message: readPsString(record, 'Message') ?? '',
    })
  }
  const readAll = document.materialized === document.total
  if (readAll && events.length <= PARSE_LIMITS.maxEvents) return events
  return keepEventsThatMatter(events, document.total, readAll, notes)
}

function keepEventsThatMatter(events: readonly LyncEvent[], total: number, readAll: boolean, notes: ParseNotes | undefined): LyncEvent[] {
  const max = PARSE_LIMITS.maxEvents
  const newestFirst = (list: LyncEvent[]) => list.sort((a, b) => timeOf(b) - timeOf(a))
  const xmpp = newestFirst(events.filter((e) => PRIORITY_EVENT_PROVIDER.test(e.providerName)))
  const others = newestFirst(events.filter((e) => !PRIORITY_EVENT_PROVIDER.test(e.providerName)))
  const kept = [...xmpp.slice(0, max), ...others.slice(0, Math.max(0, max - xmpp.length))]
  recordCut(notes, { unit: 'records', read: kept.length, total, order: 'priority', priorityComplete: readAll && xmpp.length <= max })
  return kept
}

// ISO text with a zone (converted) or without one (server local time): either way Date.parse orders them; an
// unreadable one sorts last.
function timeOf(event: LyncEvent): number {
  const time = Date.parse(event.timeCreated)
  return Number.isNaN(time) ? -Infinity : time
}
