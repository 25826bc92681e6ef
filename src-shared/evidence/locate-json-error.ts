/**
 * Finds where a JSON text stops being valid. JSON.parse's messages differ between engines and some
 * quote the whole input, so the error shown to users is built from this offset instead.
 * Iterative (an explicit stack), so deeply nested hostile input cannot overflow the call stack.
 */

type Expecting = 'value' | 'value-or-close' | 'key' | 'key-or-close' | 'colon' | 'comma-or-close' | 'done'

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y
const LITERALS = ['true', 'false', 'null'] as const

/** The offset of the first invalid character (the text length for an early end), or -1 if valid. */
export function locateJsonError(source: string): number {
  const stack: ('{' | '[')[] = []
  let expecting: Expecting = 'value'
  let i = 0
  const afterValue = (): Expecting => (stack.length > 0 ? 'comma-or-close' : 'done')
  for (;;) {
    i = skipWhitespace(source, i)
    if (i >= source.length) return expecting === 'done' ? -1 : i
    const char = source[i]
    if (expecting === 'done') return i
    if (expecting === 'colon') {
      if (char !== ':') return i
      i++
      expecting = 'value'
      continue
    }
    if (expecting === 'comma-or-close') {
      const open = stack[stack.length - 1]
      if (char === ',') {
        i++
        expecting = open === '{' ? 'key' : 'value'
      } else if (char === (open === '{' ? '}' : ']')) {
        stack.pop()
        i++
        expecting = afterValue()
      } else return i
      continue
    }
    if ((expecting === 'key-or-close' && char === '}') || (expecting === 'value-or-close' && char === ']')) {
      stack.pop()
      i++
      expecting = afterValue()
      continue
    }
    if (expecting === 'key' || expecting === 'key-or-close') {
      if (char !== '"') return i
      const end = scanString(source, i)
      if (end < 0) return -end - 1
      i = end
      expecting = 'colon'
      continue
    }
    // A value.
    if (char === '{' || char === '[') {
      stack.push(char)
      i++
      expecting = char === '{' ? 'key-or-close' : 'value-or-close'
      continue
    }
    const end = scanScalar(source, i)
    if (end < 0) return -end - 1
    i = end
    expecting = afterValue()
  }
}

/** 1-based line and column of an offset. */
export function toLineColumn(source: string, offset: number): { line: number; column: number } {
  let line = 1
  let lineStart = 0
  for (let i = 0; i < offset && i < source.length; i++) {
    if (source.charCodeAt(i) === 0x0a) {
      line++
      lineStart = i + 1
    }
  }
  return { line, column: offset - lineStart + 1 }
}

function skipWhitespace(source: string, from: number): number {
  let i = from
  while (i < source.length) {
    const code = source.charCodeAt(i)
    if (code !== 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) break
    i++
  }
  return i
}

// Returns the offset after the value, or -(errorOffset + 1).
function scanScalar(source: string, from: number): number {
  if (source[from] === '"') return scanString(source, from)
  for (const literal of LITERALS) if (source.startsWith(literal, from)) return from + literal.length
  NUMBER.lastIndex = from
  const match = NUMBER.exec(source)
  return match && match[0].length > 0 ? from + match[0].length : -(from + 1)
}

// Returns the offset after the closing quote, or -(errorOffset + 1).
function scanString(source: string, from: number): number {
  let i = from + 1
  while (i < source.length) {
    const code = source.charCodeAt(i)
    if (code === 0x22) return i + 1
    if (code < 0x20) return -(i + 1)
    if (code === 0x5c) {
      const escape = source[i + 1]
      if (escape === 'u') {
        if (!/^[0-9a-fA-F]{4}$/.test(source.slice(i + 2, i + 6))) return -(i + 1)
        i += 6
        continue
      }
      if (escape === undefined || !'"\\/bfnrt'.includes(escape)) return -(i + 1)
      i += 2
      continue
    }
    i++
  }
  return -(source.length + 1)
}
