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
// PowerShell 5.1's ConvertTo-Json escapes these as \u00XX; keep that style in rewritten strings.
const HTML_SENSITIVE = /['<>&]/g

/** The redacted JSON text, or null when `text` is not one JSON value. */
export function redactJsonText(text: string, redactor: Redactor): string | null {
  const out: string[] = []
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
      out.push(space)
      i += space.length
      continue
    }
    const c = text[i]!
    const top = stack[stack.length - 1]
    if (stack.length === 0 && values > 0) return null
    if (c === '{' || c === '[') {
      stack.push({ kind: c === '{' ? 'object' : 'array', secret: secretHere(), expectKey: c === '{', key: null })
      out.push(c)
      i++
      continue
    }
    if (c === '}' || c === ']') {
      if (!top || top.kind !== (c === '}' ? 'object' : 'array')) return null
      stack.pop()
      out.push(c)
      i++
      valueDone()
      continue
    }
    if (c === ':' || c === ',') {
      if (!top) return null
      if (top.kind === 'object') top.expectKey = c === ','
      out.push(c)
      i++
      continue
    }
    const raw = at(STRING)
    if (raw !== null) {
      let decoded: string
      try {
        decoded = JSON.parse(raw) as string
      } catch {
        return null
      }
      if (top?.kind === 'object' && top.expectKey) {
        top.key = decoded
        out.push(encodeLike(raw, decoded, redactor.redactText(decoded)))
      } else {
        const secret = secretHere() && decoded.trim() !== ''
        out.push(encodeLike(raw, decoded, secret ? redactor.secretToken(decoded) : redactor.redactText(decoded)))
        valueDone()
      }
      i += raw.length
      continue
    }
    const scalar = at(NUMBER) ?? at(LITERAL)
    if (scalar === null) return null
    // A number under a secret name (a numeric PIN or key) is a secret too; it becomes a string token.
    out.push(secretHere() && /\d/.test(scalar) ? JSON.stringify(redactor.secretToken(scalar)) : scalar)
    i += scalar.length
    valueDone()
  }
  return stack.length === 0 && values === 1 ? out.join('') : null
}

/** The JSON literal of `value`, escaped the way `raw` (the literal of `before`) was, or `raw` when unchanged. */
function encodeLike(raw: string, before: string, value: string): string {
  if (value === before) return raw
  const literal = JSON.stringify(value)
  if (!/\\u00(27|3c|3e|26)/i.test(raw)) return literal
  return literal.replace(HTML_SENSITIVE, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`)
}
