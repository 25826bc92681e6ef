/**
 * tasklist.csv: `tasklist /svc /fo csv`: quoted CSV with three columns (image name, PID, services).
 * The header row and the "N/A" of a process without services are translated on localized Windows,
 * so columns are read by position and the services cell counts only when it is a list of names that
 * look like Windows service names.
 */
import type { TasklistEntry } from '../evidence-model'
import { createEmptyFileError, createShapeError } from '../evidence-parse-error'
import { countLines } from '../count-lines'
import { addWarning, PARSE_LIMITS, recordCut, type ParseNotes } from '../parse-notes'

// Service names are printable ASCII without spaces, slashes, commas or quotes ("N/A" fails on "/",
// a translated N/A fails on being non-ASCII).
const SERVICE_NAME = /^[\x21-\x7e]+$/
const NOT_IN_SERVICE_NAME = /[/\\,"]/

/** Parses tasklist.csv; rejects output without the services column (tasklist without /svc, or /v). */
export function parseTasklist(source: string, notes?: ParseNotes): readonly TasklistEntry[] {
  if (/^\s*$/.test(source)) throw createEmptyFileError()
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

/**
 * RFC 4180 CSV: quoted cells, "" inside quotes, line ends inside quotes kept. Bounded: at most `maxRows` rows
 * (the rest are counted as lines) and PARSE_LIMITS.maxCellLength characters per cell (a cell of 15 million
 * service names is read, not built). Both cuts are recorded in `notes`.
 */
export function parseCsv(source: string, maxRows: number, notes?: ParseNotes): string[][] {
  const max = PARSE_LIMITS.maxCellLength
  const rows: string[][] = []
  let row: string[] = []
  let cell = ''
  let cellLength = 0
  let segmentStart = 0
  let inQuotes = false
  let longestCut = 0
  let stopped = false
  // Appends source[segmentStart, end) to the cell, keeping at most max + 1 characters (the +1 tells a cut).
  const flush = (end: number) => {
    cellLength += end - segmentStart
    if (cell.length <= max) cell += source.slice(segmentStart, Math.min(end, segmentStart + max + 1 - cell.length))
  }
  const endCell = () => {
    if (cellLength > max) {
      longestCut = Math.max(longestCut, cellLength)
      cell = cell.slice(0, max)
    }
    row.push(cell)
    cell = ''
    cellLength = 0
  }
  for (let i = 0; i < source.length; i++) {
    const code = source.charCodeAt(i)
    if (inQuotes) {
      if (code === 0x22) {
        flush(i)
        if (source.charCodeAt(i + 1) === 0x22) {
          // "" is one quote: the next segment starts at the second one.
          segmentStart = i + 1
          i++
        } else {
          inQuotes = false
          segmentStart = i + 1
        }
      }
      continue
    }
    if (code === 0x22) {
      flush(i)
      inQuotes = true
      segmentStart = i + 1
    } else if (code === 0x2c) {
      flush(i)
      endCell()
      segmentStart = i + 1
    } else if (code === 0x0a) {
      flush(i)
      endCell()
      rows.push(row)
      row = []
      segmentStart = i + 1
      if (rows.length >= maxRows && i < source.length - 1) {
        recordCut(notes, { unit: 'lines', read: rows.length, total: rows.length + countLines(source, i + 1), order: 'first' })
        stopped = true
        break
      }
    }
  }
  if (!stopped) {
    flush(source.length)
    if (cellLength > 0 || row.length > 0) {
      endCell()
      rows.push(row)
    }
  }
  // A row cut already says the file was not read whole; otherwise a cut cell is the news.
  if (longestCut > 0 && !stopped) recordCut(notes, { unit: 'cell-characters', read: max, total: longestCut, order: 'first' })
  return rows
}
