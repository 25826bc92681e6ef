/**
 * services.json: Get-Service (Name, DisplayName, Status, StartType) filtered to Lync/SfB services, optionally
 * with ProcessId from Win32_Service and ProcessStartTime from Get-Process. Win32_Service's own spelling
 * (State, StartMode) is accepted too.
 */
import type { WindowsService } from '../evidence-model'
import { addWarning, PARSE_LIMITS, type ParseNotes } from '../parse-notes'
import { toServiceStatus, toStartType } from '../ps-enums'
import { getFirstPsProperty, getPsProperty, parsePsJson, readPsRecords, toPsDate, toPsNumber, toPsString, type PsObject } from '../ps-json'

/** Parses services.json; an empty file means no matching service was found. */
export function parseServices(source: string, notes?: ParseNotes): readonly WindowsService[] {
  const services: WindowsService[] = []
  for (const record of readPsRecords(parsePsJson(source, notes), notes, PARSE_LIMITS.maxRecords)) {
    const name = toPsString(getFirstPsProperty(record, ['Name', 'ServiceName']))
    if (name === null || name.trim() === '') {
      addWarning(notes, 'skipped a service without a Name')
      continue
    }
    const processId = toPsNumber(getFirstPsProperty(record, ['ProcessId']))
    const startTime = readProcessStartTime(record, name.trim(), notes)
    services.push({
      name: name.trim(),
      displayName: toPsString(getFirstPsProperty(record, ['DisplayName', 'Caption'])) ?? '',
      status: toServiceStatus(getFirstPsProperty(record, ['Status', 'State'])),
      startType: toStartType(getFirstPsProperty(record, ['StartType', 'StartMode'])),
      // Win32_Service reports 0 for a stopped service: that is "no process", not PID 0.
      processId: processId !== null && processId > 0 ? processId : null,
      ...(startTime === undefined ? {} : { processStartTime: startTime }),
    })
  }
  return services
}

/**
 * ProcessStartTime: undefined when the column is absent (evidence from before the collector wrote it),
 * so "not collected" stays distinguishable from "collected, unavailable" (null).
 */
function readProcessStartTime(record: PsObject, name: string, notes: ParseNotes | undefined): string | null | undefined {
  const value = getPsProperty(record, 'ProcessStartTime')
  if (value === undefined) return undefined
  if (value === null || value === '') return null
  // parsePsJson already turned "\/Date(ms)\/" into ISO 8601; toPsDate reads ISO text (and converts it to UTC).
  const time = toPsDate(value)
  if (time === null) addWarning(notes, `service ${name}: ProcessStartTime is not in a date format we read`)
  return time
}
