/**
 * Bytes → text for evidence files written on Windows: PowerShell 5.1's `>` and Out-File write UTF-16LE
 * with a BOM, `Out-File -Encoding UTF8` writes UTF-8 with a BOM, cmd.exe's `>` writes the OEM code page
 * (CP950 = Big5 on a zh-TW server). Pure code: TextDecoder exists in Node and in browsers.
 */
import { EvidenceParseError } from './evidence-parse-error'
import { text } from '../i18n/localized'

/** The encoding decodeText() recognized; shown in the diagnostics panel. */
export type TextEncodingName =
  | 'utf-8'
  | 'utf-8-bom'
  | 'utf-16le-bom'
  | 'utf-16be-bom'
  | 'utf-16le'
  | 'utf-16be'
  | 'big5'

export interface DecodedText {
  /** The text with line ends normalized to "\n" and no BOM. */
  readonly text: string
  readonly encoding: TextEncodingName
  /** Characters that could not be decoded and became U+FFFD (only tolerated in small numbers). */
  readonly replacedCharacters: number
}

// Above this share of undecodable characters the bytes are not text in any encoding we know.
const MAX_BAD_RATIO = 0.02
const SNIFF_BYTES = 4096

/** Decodes one evidence file; throws EvidenceParseError('not-text') for binary content. */
export function decodeText(bytes: Uint8Array): DecodedText {
  const detected = detectEncoding(bytes)
  const body = bytes.subarray(detected.bomLength)
  const decoded = decodeBody(body, detected.encoding)
  // A second BOM (a file re-saved by an editor after `>`) would otherwise be the first character.
  const withoutBom = decoded.text.startsWith('\uFEFF') ? decoded.text.slice(1) : decoded.text
  return { ...decoded, text: normalizeLineEnds(withoutBom) }
}

/**
 * "\r\n", a stray "\r\r\n" (some Windows tools) and lone "\r" all become "\n". One pass over the characters
 * into a buffer: a regular expression replace costs seconds on a file of millions of line ends.
 */
export function normalizeLineEnds(value: string): string {
  if (value.indexOf('\r') < 0) return value
  const out = new Uint16Array(value.length)
  let length = 0
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i)
    if (code !== 0x0d) {
      out[length++] = code
      continue
    }
    let end = i
    while (value.charCodeAt(end) === 0x0d) end++
    if (value.charCodeAt(end) === 0x0a) {
      out[length++] = 0x0a
      i = end
    } else {
      for (let k = i; k < end; k++) out[length++] = 0x0a
      i = end - 1
    }
  }
  // Decoded text holds no lone surrogates (the decoders replace them), so this round trip is exact.
  return new TextDecoder('utf-16le', { ignoreBOM: true }).decode(out.subarray(0, length))
}

interface Detected {
  readonly encoding: TextEncodingName
  readonly bomLength: number
}

function detectEncoding(bytes: Uint8Array): Detected {
  const [b0, b1, b2] = [bytes[0], bytes[1], bytes[2]]
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) return { encoding: 'utf-8-bom', bomLength: 3 }
  if (b0 === 0xff && b1 === 0xfe) return { encoding: 'utf-16le-bom', bomLength: 2 }
  if (b0 === 0xfe && b1 === 0xff) return { encoding: 'utf-16be-bom', bomLength: 2 }
  const utf16 = sniffUtf16(bytes)
  if (utf16) return { encoding: utf16, bomLength: 0 }
  return { encoding: 'utf-8', bomLength: 0 }
}

// UTF-16 text of mostly ASCII (every evidence file is) has a NUL in every high byte. Binary data has
// NULs scattered on both sides, so require them on one side and almost never on the other.
function sniffUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const length = Math.min(bytes.length, SNIFF_BYTES) & ~1
  if (length < 4) return null
  let evenZeros = 0
  let oddZeros = 0
  for (let i = 0; i < length; i += 2) {
    if (bytes[i] === 0) evenZeros++
    if (bytes[i + 1] === 0) oddZeros++
  }
  const pairs = length / 2
  if (oddZeros / pairs >= 0.4 && evenZeros / pairs <= 0.05) return 'utf-16le'
  if (evenZeros / pairs >= 0.4 && oddZeros / pairs <= 0.05) return 'utf-16be'
  return null
}

function decodeBody(body: Uint8Array, detected: TextEncodingName): DecodedText {
  if (detected !== 'utf-8' && detected !== 'utf-8-bom') {
    const label = detected.startsWith('utf-16be') ? 'utf-16be' : 'utf-16le'
    // Some tools pad files with NULs; trailing NUL characters are padding, not content.
    return checked(trimTrailingNulCharacters(lenientDecode(label, body)), detected)
  }
  const unpadded = trimTrailingZeroBytes(body)
  if (unpadded.includes(0)) throw notTextError()
  const strict = strictDecode('utf-8', unpadded)
  if (strict !== null) return checked(strict, detected)
  // A UTF-8 BOM is a promise: a few bad bytes after it are damage, not another encoding.
  if (detected === 'utf-8-bom') return checked(lenientDecode('utf-8', unpadded), detected)
  // Not UTF-8: the other encoding a zh-TW server writes is its OEM/ANSI code page, CP950 (Big5).
  return checked(lenientDecode('big5', unpadded), 'big5')
}

// Binary data decoded leniently turns into replacement characters and C0 control characters;
// real evidence has almost none of either (tabs, line ends and form feeds aside).
function checked(decoded: string, encoding: TextEncodingName): DecodedText {
  // One native regular-expression scan finds the few suspicious characters; a loop over every character of a
  // 30 MiB file costs half a second. Tab, line ends and form feed are ordinary text.
  const limit = Math.max(decoded.length, 1) * MAX_BAD_RATIO
  let replaced = 0
  let controls = 0
  SUSPICIOUS.lastIndex = 0
  for (let match = SUSPICIOUS.exec(decoded); match; match = SUSPICIOUS.exec(decoded)) {
    if (match[0] === '\u0000') throw notTextError()
    if (match[0] === '\ufffd') replaced++
    else controls++
    if (replaced > limit || controls > limit) throw notTextError()
  }
  return { text: decoded, encoding, replacedCharacters: replaced }
}

// eslint-disable-next-line no-control-regex -- finding control characters is the point
const SUSPICIOUS = /[\u0000-\u0008\u000b\u000e-\u001f\ufffd]/g

function strictDecode(label: string, body: Uint8Array): string | null {
  try {
    return new TextDecoder(label, { fatal: true, ignoreBOM: true }).decode(body)
  } catch {
    return null
  }
}

function lenientDecode(label: string, body: Uint8Array): string {
  return new TextDecoder(label, { fatal: false, ignoreBOM: true }).decode(body)
}

function trimTrailingNulCharacters(value: string): string {
  let end = value.length
  while (end > 0 && value.charCodeAt(end - 1) === 0) end--
  return value.slice(0, end)
}

function trimTrailingZeroBytes(bytes: Uint8Array): Uint8Array {
  let end = bytes.length
  while (end > 0 && bytes[end - 1] === 0) end--
  return end === bytes.length ? bytes : bytes.subarray(0, end)
}

function notTextError(): EvidenceParseError {
  return new EvidenceParseError(
    'not-text',
    text(
      'The file is not text in UTF-8, UTF-16 or Big5 (CP950); it looks like binary data.',
      '檔案不是 UTF-8、UTF-16 或 Big5（CP950）編碼的文字，看起來是二進位資料。',
    ),
  )
}
