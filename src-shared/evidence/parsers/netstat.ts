/**
 * netstat.txt: `netstat -ano`, parsed by the shape of each line because the header lines and the TCP
 * state words are translated on localized Windows (zh-TW included).
 *
 * Rules (see docs/evidence-format.md):
 * - A connection line is: protocol TCP/UDP, local endpoint, foreign endpoint, [state words], PID.
 *   Every other line (titles, column headers in any language, blank lines) is ignored.
 * - isListening: TCP and the foreign port is 0 ("0.0.0.0:0", "[::]:0"), in any language.
 * - isEstablished: TCP, the foreign port is not 0, and the state word is "ESTABLISHED" or is not one of
 *   the other English state words. The zh-TW state words are not confirmed anywhere, so a translated
 *   word is taken as established when the foreign end is a real port; a translated TIME_WAIT would
 *   count too, which is the price of not inventing translations.
 */
import type { NetstatEntry } from '../evidence-model'
import { createEmptyFileError, createShapeError } from '../evidence-parse-error'
import { PARSE_LIMITS, recordCut, type ParseNotes } from '../parse-notes'
import { countLines } from '../count-lines'

// The English TCP state words of Windows netstat other than ESTABLISHED.
const ENGLISH_NOT_ESTABLISHED = new Set([
  'LISTENING',
  'LISTEN',
  'SYN_SENT',
  'SYN_RECEIVED',
  'SYN_RCVD',
  'FIN_WAIT_1',
  'FIN_WAIT_2',
  'CLOSE_WAIT',
  'CLOSING',
  'LAST_ACK',
  'TIME_WAIT',
  'CLOSED',
  'DELETE_TCB',
  'BOUND',
])

// Longest connection line: two bracketed IPv6 endpoints with zone ids, a state word and a PID fit in far less.
const MAX_LINE_LENGTH = 1_000

interface Endpoint {
  readonly address: string
  readonly port: number | null
}

/** Parses netstat.txt; throws when no line has the shape of a connection. */
export function parseNetstat(source: string, notes?: ParseNotes): readonly NetstatEntry[] {
  if (/^\s*$/.test(source)) throw createEmptyFileError()
  const entries: NetstatEntry[] = []
  // Line by line without split(): a file of 30 million line ends must not become 30 million strings.
  let start = 0
  let lines = 0
  while (start < source.length) {
    if (lines >= PARSE_LIMITS.maxLines) {
      recordCut(notes, { unit: 'lines', read: lines, total: lines + countLines(source, start), order: 'first' })
      break
    }
    const newline = source.indexOf('\n', start)
    const end = newline < 0 ? source.length : newline
    // A connection line is short; a longer one is no connection line, and is not split into tokens.
    if (end - start <= MAX_LINE_LENGTH) {
      const entry = parseNetstatLine(source.slice(start, end))
      if (entry) entries.push(entry)
    }
    lines++
    start = end + 1
  }
  if (entries.length === 0) {
    throw createShapeError(
      'No connection lines found (expected the output of netstat -ano).',
      '找不到任何連線資料列（應為 netstat -ano 的輸出）。',
    )
  }
  return entries
}

/** One netstat line → entry, or null when the line is not a connection line. */
export function parseNetstatLine(line: string): NetstatEntry | null {
  const tokens = line.trim().split(/\s+/)
  const protocol = tokens[0]?.toUpperCase()
  if ((protocol !== 'TCP' && protocol !== 'UDP') || tokens.length < 4) return null
  const pidText = tokens[tokens.length - 1] ?? ''
  if (!/^\d+$/.test(pidText)) return null
  const local = parseEndpoint(tokens[1] ?? '')
  const foreign = parseEndpoint(tokens[2] ?? '')
  if (!local || local.port === null || !foreign) return null
  const stateText = tokens.slice(3, -1).join(' ')
  const isTcp = protocol === 'TCP'
  const upperState = stateText.toUpperCase()
  const hasRealForeignPort = foreign.port !== null && foreign.port !== 0
  return {
    protocol,
    localAddress: local.address,
    localPort: local.port,
    remoteAddress: foreign.address,
    remotePort: foreign.port,
    stateText,
    isListening: isTcp && foreign.port === 0 && upperState !== 'BOUND',
    isEstablished:
      isTcp && hasRealForeignPort && (upperState === 'ESTABLISHED' || (stateText !== '' && !ENGLISH_NOT_ESTABLISHED.has(upperState))),
    pid: Number(pidText),
    line: line.trimEnd(),
  }
}

// "0.0.0.0:5269", "[::]:5269", "[fe80::1%4]:5269", and UDP's "*:*".
function parseEndpoint(token: string): Endpoint | null {
  if (token === '*:*') return { address: '*', port: null }
  let address: string
  let portText: string
  if (token.startsWith('[')) {
    const close = token.indexOf(']:')
    if (close < 0) return null
    address = token.slice(1, close)
    portText = token.slice(close + 2)
  } else {
    const colon = token.lastIndexOf(':')
    if (colon <= 0) return null
    address = token.slice(0, colon)
    portText = token.slice(colon + 1)
  }
  if (address === '' || !/^[0-9A-Za-z.:%*_-]+$/.test(address)) return null
  if (portText === '*') return { address, port: null }
  if (!/^\d{1,5}$/.test(portText)) return null
  const port = Number(portText)
  return port <= 65535 ? { address, port } : null
}
