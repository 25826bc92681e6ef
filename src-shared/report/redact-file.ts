/**
 * One raw evidence file, redacted in its own format and encoding: JSON is rewritten token by token (it still
 * parses, secret-named properties become tokens), any other text line by line; the bytes go back in the
 * encoding and BOM the file came in, with its own line ends.
 */
import { decodeText, type TextEncodingName } from '../evidence/decode-text'
import { decodeBodyExactly, encodeText } from './encode-text'
import type { Redactor } from './redact'
import { redactJsonText } from './redact-json'

export interface RedactedFile {
  readonly bytes: Uint8Array
  readonly encoding: TextEncodingName
  /** How the content was read: 'json' (token by token) or 'text'. */
  readonly format: 'json' | 'text'
}

/** Redacts one file; throws EvidenceParseError('not-text') for binary content (it cannot be redacted). */
export function redactEvidenceFile(name: string, bytes: Uint8Array, redactor: Redactor): RedactedFile {
  const { encoding } = decodeText(bytes)
  const text = decodeBodyExactly(bytes, encoding)
  const json = looksLikeJson(name, text) ? redactJsonText(text, redactor) : null
  const redacted = json ?? redactor.redactText(text)
  return { bytes: encodeText(redacted, encoding), encoding, format: json === null ? 'text' : 'json' }
}

/** Learns every sensitive value of a file without replacing anything; throws like redactEvidenceFile. */
export function learnEvidenceFile(name: string, bytes: Uint8Array, redactor: Redactor): void {
  const { encoding } = decodeText(bytes)
  const text = decodeBodyExactly(bytes, encoding)
  if (looksLikeJson(name, text) && redactJsonText(text, redactor, true) !== null) return
  redactor.learnText(text)
}

function looksLikeJson(name: string, text: string): boolean {
  return name.toLowerCase().endsWith('.json') || /^\s*[[{]/.test(text)
}
