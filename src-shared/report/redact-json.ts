/**
 * Redaction of JSON source without re-serialising it: each string literal is decoded, redacted and written
 * back (in the escape style it came in: PowerShell 5.1's `\u0027` stays `\u0027`), and the value of a
 * secret-named property (DialbackPassphrase, any "password" or "key") becomes a token, whatever its type.
 * Whitespace, key order, numbers and layout stay as they were, so the result is JSON whenever the input was.
 */
import { isSecretName, type Redactor } from './redact'

interface Frame {
  readonly kind: 'object' | 'array'
  /** Inside the value of a secret-named property: every string and number here is a secret. */
  readonly secret: boolean
  expectKey: boolean
  key: string | null
}

// Raw control characters inside a literal are invalid JSON: JSON.parse of the literal rejects them below.
const STRING = /"(?:[^"\\]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y
const LITERAL = /true|false|null/y
const WHITESPACE = /[ \t\n\r]+/y
// Any character below U+0020 (written without a control character in the source, for the linter).
const CONTROL = /[^ -\uFFFF]/
// PowerShell 5.1's ConvertTo-Json escapes these as \u00XX; keep that style in rewritten strings.
const HTML_SENSITIVE = /['<>&]/g

/**
 * The redacted JSON text, or null when `text` is not one JSON value. With `learnOnly` it only registers the
 * sensitive values (the first pass over every file: no replacement, so nothing is compiled per value).
 */
export function redactJsonText(text: string, redactor: Redactor, learnOnly = false): string | null {
  const redactString = learnOnly
    ? (value: string): string => {
        redactor.learnText(value)
        return value
      }
    : redactor.redactText
  // Only replaced tokens are pushed, with the unchanged text before them: most of a file is copied in slices.
  const out: string[] = []
  let copied = 0
  const replace = (start: number, end: number, replacement: string): void => {
    if (learnOnly) return
    out.push(text.slice(copied, start), replacement)
    copied = end
  }
  const stack: Frame[] = []
  let values = 0
  let i = 0
  const at = (pattern: RegExp): string | null => {
    pattern.lastIndex = i
    const m = pattern.exec(text)
    return m ? m[0] : null
  }
  const secretHere = (): boolean => {
    const top = stack[stack.length - 1]
    if (!top) return false
    return top.secret || (top.kind === 'object' && top.key !== null && isSecretName(top.key))
  }
  const valueDone = (): void => {
    if (stack.length === 0) values++
  }

  while (i < text.length) {
    const space = at(WHITESPACE)
    if (space) {
      i += space.length
      continue
    }
    const c = text[i]!
    const top = stack[stack.length - 1]
    if (stack.length === 0 && values > 0) return null
    if (c === '{' || c === '[') {
      stack.push({ kind: c === '{' ? 'object' : 'array', secret: secretHere(), expectKey: c === '{', key: null })
      i++
      continue
    }
    if (c === '}' || c === ']') {
      if (!top || top.kind !== (c === '}' ? 'object' : 'array')) return null
      stack.pop()
      i++
      valueDone()
      continue
    }
    if (c === ':' || c === ',') {
      if (!top) return null
      if (top.kind === 'object') top.expectKey = c === ','
      i++
      continue
    }
    const raw = at(STRING)
    if (raw !== null) {
      let decoded: string
      try {
        // Without a backslash the literal is its content (a raw control character still needs the parser's verdict).
        decoded = raw.includes('\\') || CONTROL.test(raw) ? (JSON.parse(raw) as string) : raw.slice(1, -1)
      } catch {
        return null
      }
      let redacted: string
      if (top?.kind === 'object' && top.expectKey) {
        top.key = decoded
        redacted = redactString(decoded)
      } else {
        redacted = secretHere() && decoded.trim() !== '' ? redactor.secretToken(decoded) : redactString(decoded)
        valueDone()
      }
      if (redacted !== decoded) replace(i, i + raw.length, encodeLike(raw, redacted))
      i += raw.length
      continue
    }
    const scalar = at(NUMBER) ?? at(LITERAL)
    if (scalar === null) return null
    // A number under a secret name (a numeric PIN or key) is a secret too; it becomes a string token.
    if (secretHere() && /\d/.test(scalar)) replace(i, i + scalar.length, JSON.stringify(redactor.secretToken(scalar)))
    i += scalar.length
    valueDone()
  }
  if (stack.length !== 0 || values !== 1) return null
  out.push(text.slice(copied))
  return out.join('')
}

/** The JSON literal of `value`, escaped the way `raw` (the literal it replaces) was. */
function encodeLike(raw: string, value: string): string {
  const literal = JSON.stringify(value)
  if (!/\\u00(27|3c|3e|26)/i.test(raw)) return literal
  return literal.replace(HTML_SENSITIVE, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`)
}
