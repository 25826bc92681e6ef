import { text, type Localized } from '../i18n/localized'

/** Outcome of validating user input: the normalized value, or a message to show the user. */
export type Validated<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: Localized }

const MAX_NAME_LENGTH = 253
const MAX_LABEL_LENGTH = 63
const LABEL_CHARS = /^[a-z0-9-]+$/

/**
 * The same rules as {@link validateDomainName}, as a .NET regular expression for PowerShell's
 * `[ValidatePattern()]`. `(?-i)` because ValidatePattern matches case-insensitively, and .NET's
 * case folding lets e.g. the Kelvin sign (U+212A) match `k`; `\z` because .NET's `$` also matches
 * before a final newline. The collector lower-cases after validation.
 */
export const POWERSHELL_DOMAIN_PATTERN =
  '^(?-i)(?=[A-Za-z0-9.-]{1,253}\\.?\\z)(?:(?!-)[A-Za-z0-9-]{1,63}(?<!-)\\.)+(?![0-9]+\\.?\\z)(?!-)[A-Za-z0-9-]{1,63}(?<!-)\\.?\\z'

function fail(en: string, zhTW: string): Validated<never> {
  return { ok: false, error: text(en, zhTW) }
}

/** Shows a rejected input safely: quoted, control characters escaped, cut to a readable length. */
function quote(input: string): string {
  const shown = input.length > 80 ? `${input.slice(0, 80)}…` : input
  return JSON.stringify(shown)
}

/**
 * Checks a DNS domain name the user typed (an XMPP/SIP domain such as `contoso.com`) against the
 * RFC 1035/1123 host name rules and returns it lower-cased without a trailing dot. Anything else —
 * spaces, quotes, shell syntax, Unicode — is rejected, so the value is safe to show and to pass on.
 */
export function validateDomainName(input: string): Validated<string> {
  if (typeof input !== 'string' || input.length === 0) {
    return fail('Enter a domain name, for example contoso.com.', '請輸入網域名稱，例如 contoso.com。')
  }
  // eslint-disable-next-line no-control-regex
  if (/[^\x00-\x7f]/.test(input)) {
    return fail(
      `${quote(input)} contains non-ASCII characters. Enter an internationalized domain in its punycode form (xn--…).`,
      `${quote(input)} 含有非 ASCII 字元。國際化網域名稱請輸入 punycode 形式（xn--…）。`,
    )
  }
  const withoutDot = input.endsWith('.') ? input.slice(0, -1) : input
  const bad = /[^A-Za-z0-9.-]/.exec(withoutDot)
  if (bad) {
    return fail(
      `${quote(input)} is not a domain name: the character ${JSON.stringify(bad[0])} is not allowed (only letters, digits, '-' and '.').`,
      `${quote(input)} 不是網域名稱：不允許字元 ${JSON.stringify(bad[0])}（只能使用英文字母、數字、「-」與「.」）。`,
    )
  }
  if (withoutDot.length > MAX_NAME_LENGTH) {
    return fail(
      `The domain name is ${withoutDot.length} characters long; at most ${MAX_NAME_LENGTH} are allowed.`,
      `網域名稱長度為 ${withoutDot.length} 個字元，最多只能 ${MAX_NAME_LENGTH} 個。`,
    )
  }
  const value = withoutDot.toLowerCase()
  const labels = value.split('.')
  if (labels.length < 2) {
    return fail(
      `${quote(input)} has only one label; enter the full domain name, for example contoso.com.`,
      `${quote(input)} 只有一個標籤；請輸入完整的網域名稱，例如 contoso.com。`,
    )
  }
  for (const label of labels) {
    const problem = checkLabel(label)
    if (problem) return { ok: false, error: problem(quote(input)) }
  }
  if (/^[0-9]+$/.test(labels[labels.length - 1] ?? '')) {
    return fail(
      `${quote(input)} looks like an IP address; enter the XMPP domain name (for example contoso.com), not an address.`,
      `${quote(input)} 看起來是 IP 位址；請輸入 XMPP 網域名稱（例如 contoso.com），而不是位址。`,
    )
  }
  return { ok: true, value }
}

function checkLabel(label: string): ((shown: string) => Localized) | null {
  if (label.length === 0) {
    return (shown) =>
      text(`${shown} has an empty label (two dots in a row, or a leading dot).`, `${shown} 含有空白標籤（連續兩個點或以點開頭）。`)
  }
  if (label.length > MAX_LABEL_LENGTH) {
    return (shown) =>
      text(
        `${shown} has a label longer than ${MAX_LABEL_LENGTH} characters.`,
        `${shown} 有標籤超過 ${MAX_LABEL_LENGTH} 個字元。`,
      )
  }
  if (!LABEL_CHARS.test(label)) {
    return (shown) => text(`${shown} contains characters a domain name cannot hold.`, `${shown} 含有網域名稱不允許的字元。`)
  }
  if (label.startsWith('-') || label.endsWith('-')) {
    return (shown) =>
      text(`${shown} has a label that starts or ends with '-'.`, `${shown} 有標籤以「-」開頭或結尾。`)
  }
  return null
}
