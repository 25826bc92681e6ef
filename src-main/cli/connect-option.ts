/** `--connect host[:port]`: probe this address instead of what DNS says (probe, analyze --probe). */
import { isIP } from 'node:net'
import { XMPP_SERVER_DEFAULT_PORT } from '../../src-shared/probe/probe-types'
import { validateDomainName } from '../../src-shared/validation/dns-name'
import { text, type Locale } from '../../src-shared/i18n/localized'
import { optionError } from './option-error'

/** "host", "host:port", "1.2.3.4:5269" or "[::1]:5269"; the host is an IP address or a strict DNS name. */
export function parseConnect(value: string, locale: Locale = 'en'): { host: string; port: number } {
  const bracketed = /^\[([^\]]+)\](?::(\d{1,5}))?$/.exec(value)
  const plain = /^([^:[\]]+)(?::(\d{1,5}))?$/.exec(value)
  const host = bracketed?.[1] ?? plain?.[1] ?? (isIP(value) === 6 ? value : '')
  const portText = bracketed?.[2] ?? plain?.[2]
  const port = portText === undefined ? XMPP_SERVER_DEFAULT_PORT : Number(portText)
  const hostOk = isIP(host) !== 0 || validateDomainName(host).ok
  if (!hostOk || port < 1 || port > 65535) {
    throw optionError(
      `--connect ${JSON.stringify(value)}`,
      text('expected host[:port] with an IP address or a DNS name, e.g. edge.contoso.com:5269', '應為 host[:port]，主機為 IP 位址或 DNS 名稱，例如 edge.contoso.com:5269'),
      locale,
    )
  }
  return { host: isIP(host) !== 0 ? host : host.toLowerCase().replace(/\.$/, ''), port }
}
