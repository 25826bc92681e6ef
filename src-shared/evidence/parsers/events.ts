/** events.json: Get-WinEvent errors and warnings of the "Lync Server" log (DOMAIN-FACTS §4). */
import type { LyncEvent } from '../evidence-model'
import { addWarning, PARSE_LIMITS, type ParseNotes } from '../parse-notes'
import { parsePsJson, readPsDate, readPsNumber, readPsRecords, readPsString } from '../ps-json'

/** Parses events.json; an empty file means no error or warning was logged in the collected window. */
export function parseEvents(source: string, notes?: ParseNotes): readonly LyncEvent[] {
  const events: LyncEvent[] = []
  for (const record of readPsRecords(parsePsJson(source, notes), notes, PARSE_LIMITS.maxEvents)) {
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
  return events
}
