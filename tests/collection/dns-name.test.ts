import { describe, expect, it } from 'vitest'
import { POWERSHELL_DOMAIN_PATTERN, validateDomainName } from '../../src-shared/validation/dns-name'

/** The .NET pattern in JavaScript terms: `\z` → `$` (JS `$` never matches before a final newline), `(?-i)` dropped (JS is case-sensitive). */
function toJsRegExp(pattern: string): RegExp {
  return new RegExp(pattern.replace('(?-i)', '').replaceAll('\\z', '$'))
}

const label63 = 'a'.repeat(63)
const name253 = [label63, label63, label63, 'b'.repeat(61)].join('.')

const VALID: readonly [string, string][] = [
  ['contoso.com', 'contoso.com'],
  ['Contoso.COM', 'contoso.com'],
  ['contoso.com.', 'contoso.com'],
  ['sip-1.contoso.co.uk', 'sip-1.contoso.co.uk'],
  ['xn--fiqs8s.xn--kpry57d', 'xn--fiqs8s.xn--kpry57d'],
  ['3com.com', '3com.com'],
  [`${label63}.com`, `${label63}.com`],
  [name253, name253],
]

const INVALID: readonly string[] = [
  '',
  'contoso',
  'contoso.com ',
  ' contoso.com',
  'contoso .com',
  "contoso.com'",
  'contoso.com"',
  'contoso.com;Remove-Item C:\\',
  '$(Stop-Service RTCSRV).com',
  'contoso.com`n',
  'contoso.com\n',
  'contoso..com',
  '.contoso.com',
  '-contoso.com',
  'contoso-.com',
  `${'a'.repeat(64)}.com`,
  `${name253}x`,
  '台灣.tw',
  'contoso.com\u212a',
  'ᴋontoso.com',
  '192.168.0.1',
  'contoso.com..',
  'contoso_1.com',
  'contoso.com/x',
  '*.contoso.com',
]

describe('validateDomainName', () => {
  it.each(VALID)('accepts %s', (input, expected) => {
    expect(validateDomainName(input)).toEqual({ ok: true, value: expected })
  })

  it.each(INVALID.map((s) => [s]))('rejects %j with a message in both languages', (input) => {
    const result = validateDomainName(input)
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.error.en.length).toBeGreaterThan(10)
    expect(result.error['zh-TW']).toMatch(/[\u4e00-\u9fff]/)
  })

  it('tells the user to use punycode for Unicode names', () => {
    const result = validateDomainName('台灣.tw')
    expect(result.ok).toBe(false)
    if (!result.ok) {
      expect(result.error.en).toContain('punycode')
      expect(result.error['zh-TW']).toContain('punycode')
    }
  })

  it('quotes the rejected text safely and shortens huge input', () => {
    const result = validateDomainName(`${'x'.repeat(5000)};`)
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.error.en.length).toBeLessThan(400)
  })
})

describe('POWERSHELL_DOMAIN_PATTERN (the collector script’s ValidatePattern)', () => {
  const regex = toJsRegExp(POWERSHELL_DOMAIN_PATTERN)

  it.each(VALID)('accepts %s like validateDomainName', (input) => {
    expect(regex.test(input)).toBe(true)
  })

  it.each(INVALID.map((s) => [s]))('rejects %j like validateDomainName', (input) => {
    expect(regex.test(input)).toBe(false)
  })

  it('carries the .NET-only guards (case-sensitive, end of string)', () => {
    expect(POWERSHELL_DOMAIN_PATTERN.startsWith('^(?-i)')).toBe(true)
    expect(POWERSHELL_DOMAIN_PATTERN.endsWith('\\z')).toBe(true)
    expect(POWERSHELL_DOMAIN_PATTERN).not.toContain('$')
    expect(POWERSHELL_DOMAIN_PATTERN).not.toContain("'")
  })
})
