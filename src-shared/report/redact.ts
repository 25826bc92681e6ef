/**
 * Consistent redaction for support bundles and partner messages: the same original always becomes the
 * same token (case-insensitively), so a redacted bundle still reads coherently ("host-1 could not reach
 * 192.0.2.1"). Tokens come from documentation ranges (RFC 5737, RFC 3849, .example) so they can never
 * be someone's real address.
 *
 * Scopes: 'support' hides private addresses, every name under the organisation's domains (and its bare
 * name, "Contoso", as in a CA's name), short host names, user names, and the organisation parts of
 * certificate names (O=, OU=, DC=, L=, S=, STREET=, E=). 'partner' keeps the public names a partner needs
 * (contoso.com, its SRV target) and hides private addresses, internal-only names (.local, .corp, …; the
 * Edge's own internal name), user names and certificate organisation parts. Both hide secret-looking
 * values: a property or `name=value` whose name holds passphrase, password, pwd, secret, token,
 * credential or key (any case), in any text.
 *
 * Texts may be JSON source with PowerShell 5.1 escapes (`\u0027fe01.contoso.local\u0027`): a name right
 * after `\uXXXX` is found, and a match never starts on the letter of an escape (`\u`, `\n`), so a
 * replacement can never turn `\u0027` into an invalid escape.
 */

export type RedactionScope = 'support' | 'partner'
export type RedactionKind = 'ipv4' | 'ipv6' | 'host' | 'short-host' | 'domain' | 'netbios-domain' | 'user' | 'organisation' | 'secret'

export interface RedactionSeed {
  /** Host names known to be internal (the Edge's FQDN from the manifest, the session host). */
  readonly hosts?: readonly string[]
  /** The organisation's DNS domains (SIP/XMPP domains). Ignored in 'partner' scope unless internal-only. */
  readonly domains?: readonly string[]
  readonly users?: readonly string[]
}

export interface Replacement {
  readonly kind: RedactionKind
  readonly original: string
  readonly token: string
}

export interface Redactor {
  /** Registers every sensitive value found in the text (call on all texts first, then redact). */
  learnText(text: string): void
  /** learnText on every string inside a JSON-like value. */
  learnValue(value: unknown): void
  /** Replaces every learned value (and any new one found in this text). */
  redactText(text: string): string
  /** redactText on every string (and object key) inside a JSON-like value; returns a copy. */
  redactValue<T>(value: T): T
  /** The token for a value known to be secret (a JSON property named like a password): learned everywhere. */
  secretToken(value: string): string
  /** Replaces only values already learned (a last pass over rendered output; never learns or rewrites syntax). */
  redactKnown(text: string): string
  /**
   * From now on redactText only replaces (in-place forms and learned values) without scanning for new
   * addresses and names: for a second pass over texts that were all learned before (it halves the work).
   */
  seal(): void
  /** Everything replaced so far: keep it locally, never ship it with the bundle. Secrets are listed without their value. */
  replacements(): readonly Replacement[]
}

// Top-level labels used only inside organisations (RFC 6762 .local, common AD choices).
const INTERNAL_TLDS = new Set(['local', 'corp', 'lan', 'internal', 'intranet', 'intra', 'home', 'localdomain', 'ad', 'private', 'priv'])
// Backslash names that are Windows built-ins, not people: "NT AUTHORITY\SYSTEM" matches as AUTHORITY\SYSTEM.
const BUILTIN_DOMAINS = new Set(['authority', 'service', 'builtin', 'apppool', 'manager', 'host', 'virtual'])
// After a JSON escape (PowerShell 5.1 writes ' as \u0027; a line break is \n) a name starts as after a space.
const AFTER_ESCAPE = String.raw`(?<=\\u[0-9a-fA-F]{4}|(?<!\\)\\[nrtbf])`
// Never on the letter of an escape: "\u0027fe01.x.local" must not yield "u0027fe01.x.local" (replacing that
// would turn \u0027 into an invalid escape), nor "\nEDGE01" yield "nEDGE01". A UNC "\\server" is fine.
const NOT_IN_ESCAPE = String.raw`(?<!(?<!\\)\\)`
const IPV4 = new RegExp(String.raw`(?:${AFTER_ESCAPE}|(?<![\d.]))(?:\d{1,3}\.){3}\d{1,3}(?!\d)`, 'g')
const IPV6_CANDIDATE = new RegExp(String.raw`(?:${AFTER_ESCAPE}|(?<![\w:.]))[0-9a-f]{0,4}(?::[0-9a-f]{0,4}){2,7}(?![\w:])`, 'gi')
const FQDN = new RegExp(String.raw`(?:${AFTER_ESCAPE}|(?<![\w.-])${NOT_IN_ESCAPE})(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,62}(?![\w-])`, 'gi')
const BACKSLASH_USER = /(?<![\\/:\w.$-])([a-z][\w-]{0,14})\\{1,2}([\w.$-]{1,64})(?![\w\\])/gi
const AT_USER = new RegExp(String.raw`(?:${AFTER_ESCAPE}|(?<![\w.%+-])${NOT_IN_ESCAPE})([\w.%+-]{1,64})@((?:[a-z0-9-]+\.)+[a-z]{2,})`, 'gi')

// Names of secret-looking values; the ones listed in NOT_SECRET are certificate and event metadata.
const SECRET_WORD = /passphrase|password|passwd|pwd|secret|token|credential|key/i
const NOT_SECRET = new Set(['keyusage', 'enhancedkeyusage', 'enhancedkeyusagelist', 'keylength', 'keysize', 'keyalgorithm', 'publickey', 'publickeyalgorithm', 'hasprivatekey', 'keyspec', 'keyexchangealgorithm', 'keywords', 'keywordsdisplaynames', 'subjectkeyidentifier', 'authoritykeyidentifier'])
// `name=value`, `name: value`, `name="quoted value"` in running text (an event message, a log line, XML);
// an unquoted value ends before a sentence's final full stop.
const SECRET_ASSIGNMENT = /(?<![\w.-])([\w.-]{0,60}?(?:passphrase|password|passwd|pwd|secret|token|credential|key)[\w.-]{0,40})(\s*=\s*|:[ \t]*)("[^"\r\n]*"|'[^'\r\n]*'|[^\s,;"'&<>\\]*[^\s,;"'&<>\\.])/gi
// <DialbackPassphrase>value</DialbackPassphrase> in XML.
const SECRET_ELEMENT = /<([\w.-]{0,60}?(?:passphrase|password|passwd|pwd|secret|token|credential|key)[\w.-]{0,40})>([^<]*)<\/\1>/gi
// X.500 name parts that name the organisation, its people or its places (CN and C are kept; CN names are
// handled by the host rules). Case-sensitive: .NET prints them in capitals.
const DN_PART = /(?<![\w.-])(O|OU|L|S|ST|STREET|E|EMAIL|PostalCode)=("(?:[^"\\]|"")*"|[^,+;\r\n"\\]*[^,+;\r\n"\\\s])/g
// DC=contoso, DC=com: an Active Directory domain written as a name's components.
const DC_RUN = /(?<![\w.-])DC=[\w-]+(?:(\s*,\s*)DC=[\w-]+)*/g
// Second-level labels that are part of a public suffix (contoso.co.uk → contoso).
const SUFFIX_LABELS = new Set(['co', 'com', 'net', 'org', 'gov', 'edu', 'ac', 'or', 'ne', 'go', 'gob', 'mil'])

// Quick rejections: a text without any of these characters holds no address, name, user or assignment.
const MAY_HOLD_VALUE = /[.:@\\]/
const MAY_HOLD_IN_PLACE = /[=:<]/

/** Calls `each` for every match of a global pattern (no iterator and no RegExp copy per call, unlike matchAll). */
function eachMatch(pattern: RegExp, text: string, each: (match: RegExpExecArray) => void): void {
  pattern.lastIndex = 0
  for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
    if (m[0] === '') pattern.lastIndex++
    const end = pattern.lastIndex
    each(m)
    pattern.lastIndex = end
  }
}

/** True when a property or `name=value` name holds a secret (DialbackPassphrase, password, ApiKey). */
export function isSecretName(name: string): boolean {
  return SECRET_WORD.test(name) && !NOT_SECRET.has(name.toLowerCase().replace(/[^a-z]/g, ''))
}

/** Creates a redactor for one bundle or message. */
export function createRedactor(seed: RedactionSeed = {}, scope: RedactionScope = 'support'): Redactor {
  const byOriginal = new Map<string, Replacement>()
  const counters = new Map<string, number>()
  const orgDomains = new Set<string>()
  let pattern: RegExp | null = null

  const next = (kind: string): number => {
    const n = (counters.get(kind) ?? 0) + 1
    counters.set(kind, n)
    return n
  }
  const add = (kind: RedactionKind, original: string, makeToken: () => string): string => {
    const key = original.toLowerCase()
    const known = byOriginal.get(key)
    if (known) return known.token
    const replacement = { kind, original, token: makeToken() }
    byOriginal.set(key, replacement)
    pattern = null
    return replacement.token
  }

  const learnDomain = (domain: string): string =>
    add('domain', domain, () => `domain-${next('domain')}.example`)

  const learnHost = (fqdn: string, isKnownHost = false): string => {
    const lower = fqdn.toLowerCase().replace(/\.$/, '')
    const parent = [...orgDomains].filter((d) => lower === d || lower.endsWith(`.${d}`)).sort((a, b) => b.length - a.length)[0]
    if (parent === lower) return learnDomain(lower)
    const token = add('host', lower, () => `host-${next('host')}.${parent ? learnDomain(parent) : 'internal.example'}`)
    // The short name (EDGE01) shows up on its own in topology, tasklist and event text. Only for known
    // hosts and server-like labels with a digit: "sip" or "access" would mangle every sentence.
    const first = lower.split('.')[0] ?? lower
    if (first.length >= 3 && (isKnownHost || /\d/.test(first))) add('short-host', first, () => token.split('.')[0] ?? token)
    return token
  }

  const isOrgName = (name: string): boolean => {
    const lower = name.toLowerCase()
    if ([...orgDomains].some((d) => lower === d || lower.endsWith(`.${d}`))) return true
    return INTERNAL_TLDS.has(lower.slice(lower.lastIndexOf('.') + 1))
  }

  for (const domain of seed.domains ?? []) {
    const lower = domain.toLowerCase()
    if (scope === 'support' || INTERNAL_TLDS.has(lower.slice(lower.lastIndexOf('.') + 1))) orgDomains.add(lower)
  }
  for (const host of seed.hosts ?? []) {
    const lower = host.toLowerCase()
    const labels = lower.split('.')
    // EDGE01.contoso.local: its parent (contoso.local) is an organisation domain too.
    if (labels.length >= 3 && (scope === 'support' || INTERNAL_TLDS.has(labels[labels.length - 1] ?? ''))) orgDomains.add(labels.slice(1).join('.'))
  }
  for (const domain of orgDomains) learnDomain(domain)
  // The organisation's bare name (contoso of contoso.com) shows up in CA names ("Contoso Root CA") and as
  // the NetBIOS domain; only in 'support' scope, where contoso.com itself is hidden too.
  if (scope === 'support') {
    for (const domain of orgDomains) {
      const label = organisationLabel(domain)
      if (label) add('netbios-domain', label, () => `DOMAIN-${next('netbios-domain')}`)
    }
  }
  for (const host of seed.hosts ?? []) {
    if (host.includes('.')) learnHost(host, true)
    else add('short-host', host, () => `host-${next('host')}`)
  }
  for (const user of seed.users ?? []) add('user', user, () => `user-${next('user')}`)

  // Secrets of four characters or more are also replaced wherever else they appear; shorter ones only in place.
  const secretToken = (value: string): string => {
    if (value.length < 4) return 'redacted-secret'
    return add('secret', value, () => `redacted-secret-${next('secret')}`)
  }
  const unquote = (value: string): string => (/^(["']).*\1$/s.test(value) ? value.slice(1, -1) : value)
  const isBlankSecret = (value: string): boolean => value === '' || /^(true|false|null|\$null|none|\*+)$/i.test(value) || value.startsWith('redacted-secret')

  /** Rewrites the in-place forms: `password=…`, <Passphrase>…</Passphrase>, O=/OU=/DC= name parts. */
  const redactInPlace = (text: string): string =>
    !MAY_HOLD_IN_PLACE.test(text)
      ? text
      : text
      .replace(SECRET_ASSIGNMENT, (whole, name: string, separator: string, value: string) => {
        const bare = unquote(value)
        // "key: missing" in a sentence is prose; "ApiKey: …", "password: …" and "key=…" are values.
        if (!isSecretName(name) || isBlankSecret(bare) || (separator.includes(':') && name.toLowerCase() === 'key')) return whole
        const quote = bare === value ? '' : value[0]
        return `${name}${separator}${quote ?? ''}${secretToken(bare)}${quote ?? ''}`
      })
      .replace(SECRET_ELEMENT, (whole, name: string, value: string) => (!isSecretName(name) || isBlankSecret(value.trim()) ? whole : `<${name}>${secretToken(value.trim())}</${name}>`))
      .replace(DC_RUN, (run: string, separator: string | undefined) => {
        const labels = [...run.matchAll(/DC=([\w-]+)/g)].map((m) => m[1] ?? '')
        const token = learnDomain(labels.join('.').toLowerCase())
        return token.split('.').map((label) => `DC=${label}`).join(separator ?? ',')
      })
      .replace(DN_PART, (whole, attribute: string, value: string) => {
        const bare = unquote(value).replace(/""/g, '"').trim()
        if (bare === '' || /^(organisation|unit|place)-\d+$/.test(bare)) return whole
        const prefix = attribute === 'O' ? 'organisation' : attribute === 'OU' ? 'unit' : 'place'
        return `${attribute}=${add('organisation', bare, () => `${prefix}-${next(prefix)}`)}`
      })

  /** Learns addresses, names and users (everything but the in-place forms). */
  const learnPatterns = (text: string): void => {
    // Each pattern needs one of these characters; most short strings of a JSON file have none.
    if (!MAY_HOLD_VALUE.test(text)) return
    eachMatch(IPV4, text, (m) => {
      if (isPrivateIpv4(m[0])) add('ipv4', m[0], () => documentationIpv4(next('ipv4')))
    })
    if (text.includes(':')) eachMatch(IPV6_CANDIDATE, text, (m) => {
      if (isValidIpv6(m[0]) && isPrivateIpv6(m[0])) add('ipv6', m[0], () => `2001:db8::${next('ipv6').toString(16)}`)
    })
    eachMatch(FQDN, text, (m) => {
      if (isOrgName(m[0]) && !/^\d+(\.\d+)+$/.test(m[0])) learnHost(m[0])
    })
    if (text.includes('\\')) eachMatch(BACKSLASH_USER, text, (m) => {
      const [, domain = '', user = ''] = m
      if (BUILTIN_DOMAINS.has(domain.toLowerCase()) || !looksLikeNetbiosDomain(domain)) return
      add('netbios-domain', domain, () => `DOMAIN-${next('netbios-domain')}`)
      add('user', user, () => `user-${next('user')}`)
    })
    if (text.includes('@')) eachMatch(AT_USER, text, (m) => {
      add('user', m[1] ?? '', () => `user-${next('user')}`)
      if (isOrgName(m[2] ?? '')) learnHost(m[2] ?? '')
    })
  }

  const learnText = (text: string): void => {
    // Running the in-place rewrite learns its values (secrets, organisation names, AD domains).
    redactInPlace(text)
    learnPatterns(text)
  }


  // NetBIOS domains print in capitals (CONTOSO\alice); a mixed-case "Windows\System32" is a path.
  const looksLikeNetbiosDomain = (name: string): boolean =>
    /^[A-Z0-9-]+$/.test(name) || [...orgDomains].some((d) => d.split('.')[0] === name.toLowerCase())

  const compiled = (): RegExp | null => {
    if (pattern) return pattern
    const originals = [...byOriginal.keys()].filter((k) => k.length > 0).sort((a, b) => b.length - a.length)
    if (originals.length === 0) return null
    // Longest first, one pass: a token is never scanned again, so "contoso" inside the token of
    // "contoso.com" cannot happen, and EDGE01.contoso.local wins over EDGE01.
    pattern = new RegExp(`(?:${AFTER_ESCAPE}|(?<![A-Za-z0-9]))(?:${originals.map(escapeRegExp).join('|')})(?![A-Za-z0-9])`, 'gi')
    return pattern
  }

  const redactKnown = (text: string): string => {
    const regex = compiled()
    if (!regex) return text
    return text.replace(regex, (match) => byOriginal.get(match.toLowerCase())?.token ?? match)
  }

  let sealed = false
  const redactText = (text: string): string => {
    const inPlace = redactInPlace(text)
    if (!sealed) learnPatterns(text)
    return redactKnown(inPlace)
  }

  const visit = (value: unknown, onString: (s: string) => string): unknown => {
    if (typeof value === 'string') return onString(value)
    if (Array.isArray(value)) return value.map((v) => visit(v, onString))
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [onString(k), visit(v, onString)]))
    }
    return value
  }

  return {
    learnText,
    learnValue: (value) => {
      visit(value, (s) => {
        learnText(s)
        return s
      })
    },
    redactText,
    redactValue: <T,>(value: T): T => visit(value, redactText) as T,
    secretToken,
    redactKnown,
    seal: () => {
      sealed = true
    },
    // A secret's value never leaves this object, not even in the map the user keeps.
    replacements: () => [...byOriginal.values()].map((r) => (r.kind === 'secret' ? { ...r, original: '(secret, not kept)' } : r)),
  }
}

/** The name an organisation goes by inside its domain: contoso for contoso.com or contoso.co.uk (4+ letters). */
function organisationLabel(domain: string): string | null {
  const labels = domain.toLowerCase().split('.').filter(Boolean)
  if (labels.length < 2) return null
  let at = labels.length - 2
  if (SUFFIX_LABELS.has(labels[at] ?? '') && at > 0) at--
  const label = labels[at] ?? ''
  return label.length >= 4 && /^[a-z][a-z0-9-]*$/.test(label) ? label : null
}

/** RFC 1918, link-local, CGNAT (RFC 6598). Loopback and public addresses are kept. */
export function isPrivateIpv4(address: string): boolean {
  const parts = address.split('.').map(Number)
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) return false
  const [a = 0, b = 0] = parts
  return a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254) || (a === 100 && b >= 64 && b <= 127)
}

/** Unique local (fc00::/7), link-local (fe80::/10) and deprecated site-local (fec0::/10). */
export function isPrivateIpv6(address: string): boolean {
  const first = parseInt(address.split(':')[0] || '0', 16)
  return (first & 0xfe00) === 0xfc00 || (first & 0xffc0) === 0xfe80 || (first & 0xffc0) === 0xfec0
}

function isValidIpv6(candidate: string): boolean {
  const doubleColons = candidate.split('::').length - 1
  if (doubleColons > 1) return false
  const groups = candidate.split(':').filter((g) => g !== '')
  if (groups.some((g) => !/^[0-9a-f]{1,4}$/i.test(g))) return false
  return doubleColons === 1 ? groups.length <= 7 : groups.length === 8
}

function documentationIpv4(n: number): string {
  // 192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24: 762 addresses, then a plainly fake form.
  const ranges = ['192.0.2', '198.51.100', '203.0.113']
  const range = ranges[Math.floor((n - 1) / 254)]
  return range ? `${range}.${((n - 1) % 254) + 1}` : `ipv4-redacted-${n}`
}

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
