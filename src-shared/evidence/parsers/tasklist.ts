/**
 * tasklist.csv: `tasklist /svc /fo csv`: quoted CSV with three columns (image name, PID, services).
 * The header row and the "N/A" of a process without services are translated on localized Windows,
 * so columns are read by position and the services cell counts only when it is a list of names that
 * look like Windows service names.
 */
import type { TasklistEntry } from '../evidence-model'
import { createEmptyFileError, createShapeError } from '../evidence-parse-error'
import { addWarning, PARSE_LIMITS, type ParseNotes } from '../parse-notes'

// Service names are printable ASCII without spaces, slashes, commas or quotes ("N/A" fails on "/",
// a translated N/A fails on being non-ASCII).
const SERVICE_NAME = /^[\x21-\x7e]+$/
const NOT_IN_SERVICE_NAME = /[/\\,"]/

/** Parses tasklist.csv; rejects output without the services column (tasklist without /svc, or /v). */
export function parseTasklist(source: string, notes?: ParseNotes): readonly TasklistEntry[] {
  if (source.trim() === '') throw createEmptyFileError()
  const rows = parseCsv(source, PARSE_LIMITS.maxLines, notes)
  const entries: TasklistEntry[] = []
  let otherShapes = 0
  for (const row of rows) {
    if (row.length === 1 && row[0]?.trim() === '') continue
    const [imageName, pidText, servicesText] = row
    if (row.length !== 3 || imageName === undefined || servicesText === undefined) {
      otherShapes++
      continue
    }
    // The header row (in any language) is the row whose PID cell is not a number.
    if (!/^\d+$/.test(pidText?.trim() ?? '')) continue
    entries.push({ imageName: imageName.trim(), pid: Number(pidText), services: readServices(servicesText) })
  }
  if (entries.length === 0) {
    throw createShapeError(
      otherShapes > 0
        ? 'The rows do not have 3 columns: run tasklist /svc /fo csv (without /v).'
        : 'No process rows found (expected the output of tasklist /svc /fo csv).',
      otherShapes > 0
        ? '資料列不是 3 欄：請執行 tasklist /svc /fo csv（不要加 /v）。'
        : '找不到任何處理程序資料列（應為 tasklist /svc /fo csv 的輸出）。',
    )
  }
  if (otherShapes > 0) addWarning(notes, `skipped ${otherShapes} rows that do not have 3 columns`)
  return entries
}

function readServices(cell: string): readonly string[] {
  const names = cell.split(',').map((name) => name.trim())
  const isList = names.every((name) => SERVICE_NAME.test(name) && !NOT_IN_SERVICE_NAME.test(name))
  return isList ? names : []
}

/** RFC 4180 CSV: quoted cells, "" inside quotes, line ends inside quotes kept. */
export function parseCsv(source: string, maxRows: number, notes?: ParseNotes): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let cell = ''
  let inQuotes = false
  for (let i = 0; i < source.length; i++) {
    const char = source[i]
    if (inQuotes) {
      if (char === '"' && source[i + 1] === '"') {
        cell += '"'
        i++
      } else if (char === '"') inQuotes = false
      else cell += char
      continue
    }
    if (char === '"') inQuotes = true
    else if (char === ',') {
      row.push(cell)
      cell = ''
    } else if (char === '\n') {
      row.push(cell)
      rows.push(row)
      row = []
      cell = ''
      if (rows.length >= maxRows) {
        if (notes && i < source.length - 1) notes.truncated = true
        return rows
      }
    } else cell += char
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell)
    rows.push(row)
  }
  return rows
}
