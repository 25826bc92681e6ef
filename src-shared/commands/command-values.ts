/**
 * Typed values of fix commands: what each kind of value may hold, and how it is written in PowerShell.
 * A value read from a server's configuration (a service name, a partner domain, a policy identity) is
 * validated for what its parameter can hold before it goes into a command; strings are written as
 * single-quoted literals, so even a value that passed validation is never parsed as code.
 */
import { text, type Localized } from '../i18n/localized'
import { validateDomainName } from '../validation/dns-name'

/** What a parameter value is; each kind has its own validation rule. */
export type ValueKind =
  /** A Windows service short name, e.g. RTCXMPPTGWPX (letters, digits, _ . - $; at most 256). */
  | 'service-name'
  /** A DNS host or domain name (RFC 1035/1123, ASCII). */
  | 'dns-name'
  /** A DNS SRV owner name: `_service._proto.` before a DNS name (e.g. `_xmpp-server._tcp.contoso.com`). */
  | 'srv-name'
  /** Several DNS names, written as one comma-separated string (Request-CsCertificate -DomainName). */
  | 'dns-name-list'
  /** An IPv4 or IPv6 address without a port (Resolve-DnsName -Server). */
  | 'ip-address'
  /** A policy identity: `Global`, `Site:<name>` or `Tag:<name>`. */
  | 'policy-identity'
  /** A per-user policy name: the identity without "Tag:" (PS/Grant-CsExternalAccessPolicy -PolicyName). */
  | 'policy-name'
  /** A Get-CsUser -Filter matching users granted one per-user external access policy (by its name). */
  | 'policy-filter'
  /** A topology site name, without "Site:" (PS/Set-CsSite -Identity). */
  | 'site-name'
  /** An Edge service identity `EdgeServer:<pool FQDN>` (PS/Set-CsSite -XmppFederationRoute). */
  | 'edge-service-identity'
  /** A SHA-1 certificate thumbprint: 40 hexadecimal digits. */
  | 'thumbprint'
  /** A TCP port, 1–65535. */
  | 'port'
  /** A process id. */
  | 'process-id'
  /** $true or $false. */
  | 'boolean'
  /** A switch parameter: present or not, no value. */
  | 'switch'
  /** One of the values the cmdlet table lists for this parameter (written bare: the list is ours). */
  | 'enum'
  /** A fixed value written in this program's code (a store path, a file name): never from evidence. */
  | 'constant'
  /** Property names (Select-Object -Property), written bare. */
  | 'property-list'
  /** A script block from this program's fixed table ({@link FIXED_SCRIPT_BLOCKS}), passed by its key. */
  | 'script-block'
  /** An argument of a program (netstat -ano, findstr :5269): letters, digits and : . _ / - only. */
  | 'program-argument'
  /** Something the administrator must fill in: the command can only be shown. */
  | 'placeholder'

/** A value as the command holds it: the raw value and its kind. */
export type CommandValue =
  | { readonly kind: Exclude<ValueKind, 'port' | 'process-id' | 'boolean' | 'switch' | 'dns-name-list' | 'property-list'>; readonly value: string }
  | { readonly kind: 'port' | 'process-id'; readonly value: number }
  | { readonly kind: 'boolean'; readonly value: boolean }
  | { readonly kind: 'switch'; readonly value: true }
  | { readonly kind: 'dns-name-list' | 'property-list'; readonly value: readonly string[] }

/**
 * Script blocks a command may use (Where-Object -FilterScript). The runner holds the same table and
 * passes only the key, so no script text ever travels as data.
 */
export const FIXED_SCRIPT_BLOCKS = {
  'issuer-is-not-subject': '{ $_.Issuer -ne $_.Subject }',
  'name-matches-xmpp': "{ $_ -match 'XMPP' }",
  'provider-matches-xmpp': "{ $_.Provider.Name -match 'Xmpp' }",
} as const
export type ScriptBlockKey = keyof typeof FIXED_SCRIPT_BLOCKS

// Windows service names may not hold / or \ (CreateService); we accept less: what Lync and Windows use.
const SERVICE_NAME = /^[A-Za-z0-9_.$-]{1,256}$/
// Lync site and policy names seen in Microsoft's docs and in the field: letters, digits, space, _ . -
const SCOPE_NAME = /^[A-Za-z0-9_.-](?:[A-Za-z0-9 _.-]{0,126}[A-Za-z0-9_.-])?$/
const THUMBPRINT = /^[0-9A-Fa-f]{40}$/
const PROPERTY = /^[A-Za-z][A-Za-z0-9]{0,63}$/
const PROGRAM_ARGUMENT = /^[A-Za-z0-9:._/-]{1,64}$/
const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/
const IPV6 = /^[0-9A-Fa-f:.]{2,45}$/
const BARE_TOKEN = /^[A-Za-z_][A-Za-z0-9._-]{0,252}$/
const SRV_PREFIX = /^_[a-z0-9-]{1,62}\._(?:tcp|udp)\./
// C0/C1 controls, DEL, line and paragraph separators: never runnable, always shown escaped.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/

/**
 * Makes control characters visible: newline as ␊, other C0 controls as their Unicode control
 * pictures, anything else as \uXXXX. For commands shown to a person who must see exactly what runs.
 */
export function showControlCharacters(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => {
    const code = c.charCodeAt(0)
    if (code < 0x20) return String.fromCharCode(0x2400 + code)
    if (code === 0x7f) return '\u2421'
    return `\\u${code.toString(16).padStart(4, '0')}`
  })
}

/** True when the text holds a control character (a newline included). */
export function hasControlCharacter(value: string): boolean {
  return CONTROL.test(value)
}

/**
 * A PowerShell single-quoted string literal. PowerShell treats the typographic single quotes
 * (U+2018–U+201B) as quotes too, so each quote character is doubled, as PowerShell's own
 * CodeGeneration.EscapeSingleQuotedStringContent does.
 */
export function singleQuoted(value: string): string {
  return `'${value.replace(/['\u2018\u2019\u201a\u201b]/g, (q) => q + q)}'`
}

/** Shows a rejected value in a message: quoted, control characters visible, cut to 80 characters. */
export function shownValue(value: string): string {
  const cut = value.length > 80 ? `${value.slice(0, 80)}…` : value
  return `"${showControlCharacters(cut)}"`
}

function problem(en: string, zhTW: string): Localized {
  return text(en, zhTW)
}

function stringProblem(kind: ValueKind, value: string, allowed: readonly string[] | undefined): Localized | null {
  if (hasControlCharacter(value)) {
    return problem(
      `the value ${shownValue(value)} holds a line break or control character`,
      `值 ${shownValue(value)} 含有換行或控制字元`,
    )
  }
  switch (kind) {
    case 'service-name':
      return SERVICE_NAME.test(value) ? null : problem(`${shownValue(value)} is not a Windows service name`, `${shownValue(value)} 不是 Windows 服務名稱`)
    case 'dns-name':
      return validateDomainName(value).ok ? null : problem(`${shownValue(value)} is not a DNS name`, `${shownValue(value)} 不是 DNS 名稱`)
    case 'srv-name': {
      const prefix = SRV_PREFIX.exec(value)
      return prefix && validateDomainName(value.slice(prefix[0].length)).ok
        ? null
        : problem(`${shownValue(value)} is not a DNS SRV name`, `${shownValue(value)} 不是 DNS SRV 名稱`)
    }
    case 'ip-address':
      return IPV4.test(value) || (IPV6.test(value) && value.includes(':'))
        ? null
        : problem(`${shownValue(value)} is not an IP address without a port`, `${shownValue(value)} 不是不含連接埠的 IP 位址`)
    case 'policy-identity': {
      if (/^global$/i.test(value)) return null
      const scoped = /^(?:site|tag):(.*)$/i.exec(value)
      return scoped && SCOPE_NAME.test(scoped[1] ?? '')
        ? null
        : problem(`${shownValue(value)} is not a policy identity (Global, Site:<name> or Tag:<name>)`, `${shownValue(value)} 不是原則識別（Global、Site:<名稱> 或 Tag:<名稱>）`)
    }
    case 'policy-name':
    case 'policy-filter':
      return SCOPE_NAME.test(value) && !/^(?:site|tag):/i.test(value)
        ? null
        : problem(`${shownValue(value)} is not a policy name`, `${shownValue(value)} 不是原則名稱`)
    case 'site-name':
      return SCOPE_NAME.test(value) && !/^site:/i.test(value)
        ? null
        : problem(`${shownValue(value)} is not a site name (without "Site:")`, `${shownValue(value)} 不是站台名稱（不含「Site:」）`)
    case 'edge-service-identity': {
      const fqdn = /^EdgeServer:(.*)$/.exec(value)?.[1]
      return fqdn !== undefined && validateDomainName(fqdn).ok
        ? null
        : problem(`${shownValue(value)} is not an Edge service identity (EdgeServer:<pool FQDN>)`, `${shownValue(value)} 不是 Edge 服務識別（EdgeServer:<集區 FQDN>）`)
    }
    case 'thumbprint':
      return THUMBPRINT.test(value) ? null : problem(`${shownValue(value)} is not a certificate thumbprint`, `${shownValue(value)} 不是憑證指紋`)
    case 'enum':
      return allowed?.includes(value) ? null : problem(`${shownValue(value)} is not one of ${(allowed ?? []).join(', ')}`, `${shownValue(value)} 不是 ${(allowed ?? []).join('、')} 之一`)
    case 'script-block':
      return Object.hasOwn(FIXED_SCRIPT_BLOCKS, value) ? null : problem(`${shownValue(value)} is not a known script block`, `${shownValue(value)} 不是已知的指令碼區塊`)
    case 'program-argument':
      return PROGRAM_ARGUMENT.test(value) ? null : problem(`${shownValue(value)} is not a plain program argument`, `${shownValue(value)} 不是單純的程式引數`)
    case 'constant':
      return null
    case 'placeholder':
      return problem(`fill in ${value} yourself`, `請自行填入 ${value}`)
    default:
      return problem(`a ${kind} value cannot be a string`, `${kind} 類型的值不能是字串`)
  }
}

/**
 * Why `value` cannot go into a runnable command, or null when it can. `allowed` lists the values of an
 * enum parameter (from the cmdlet table).
 */
export function valueProblem(value: CommandValue, allowed?: readonly string[]): Localized | null {
  switch (value.kind) {
    case 'port':
      return Number.isInteger(value.value) && value.value >= 1 && value.value <= 65535
        ? null
        : problem(`${value.value} is not a TCP port`, `${value.value} 不是 TCP 連接埠`)
    case 'process-id':
      return Number.isInteger(value.value) && value.value >= 0 && value.value <= 0xffffffff
        ? null
        : problem(`${value.value} is not a process id`, `${value.value} 不是處理程序識別碼`)
    case 'boolean':
    case 'switch':
      return null
    case 'dns-name-list':
      if (value.value.length === 0) return problem('the list of names is empty', '名稱清單是空的')
      for (const name of value.value) {
        const bad = stringProblem('dns-name', name, undefined)
        if (bad) return bad
      }
      return null
    case 'property-list':
      return value.value.length > 0 && value.value.every((p) => PROPERTY.test(p))
        ? null
        : problem('the property list holds something that is not a property name', '屬性清單含有不是屬性名稱的內容')
    default:
      return stringProblem(value.kind, value.value, allowed)
  }
}

/**
 * The value as PowerShell source text. Strings are single-quoted literals (also when invalid, so what
 * is shown can be copied without running anything hidden); kinds whose rule guarantees a safe token
 * (an enum from our table, a boolean, a number, property names, our script blocks) are written bare.
 */
export function renderValue(value: CommandValue): string {
  switch (value.kind) {
    case 'boolean':
      return value.value ? '$true' : '$false'
    case 'switch':
      return ''
    case 'port':
    case 'process-id':
      return String(value.value)
    case 'dns-name-list':
      return singleQuoted(value.value.join(','))
    case 'property-list':
      return value.value.every((p) => PROPERTY.test(p)) ? value.value.join(', ') : value.value.map(singleQuoted).join(', ')
    case 'enum':
      return /^[A-Za-z][A-Za-z0-9]*$/.test(value.value) ? value.value : singleQuoted(value.value)
    case 'script-block':
      return Object.hasOwn(FIXED_SCRIPT_BLOCKS, value.value) ? FIXED_SCRIPT_BLOCKS[value.value as ScriptBlockKey] : singleQuoted(value.value)
    case 'policy-filter':
      // Microsoft's examples filter on the policy name: Get-CsUser -Filter {ConferencingPolicy -eq "RedmondConferencingPolicy"}.
      return `{ExternalAccessPolicy -eq ${singleQuoted(value.value)}}`
    case 'program-argument':
      return PROGRAM_ARGUMENT.test(value.value) ? value.value : singleQuoted(value.value)
    case 'placeholder':
      return value.value
    case 'constant':
      return singleQuoted(value.value)
    default:
      // A token of letters, digits, _ . - that starts with a letter or _ is a plain string in argument
      // mode (no variable, sub-expression, number or operator), so Microsoft's bare style is kept for it.
      return BARE_TOKEN.test(value.value) ? value.value : singleQuoted(value.value)
  }
}

/**
 * The value as data for the runner (JSON): strings, numbers, booleans and arrays only. A policy filter
 * becomes the filter string Get-CsUser parses; a script block stays its key.
 */
export function dataValue(value: CommandValue): string | number | boolean | readonly string[] {
  if (value.kind === 'policy-filter') return `ExternalAccessPolicy -eq ${singleQuoted(value.value)}`
  if (value.kind === 'dns-name-list') return value.value.join(',')
  return value.value
}
