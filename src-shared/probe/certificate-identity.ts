/**
 * Does a server certificate identify an XMPP domain? RFC 6120 §13.7.2.1 and RFC 7590 say to verify
 * it the RFC 6125 way against the XMPP domain itself (contoso.com), never against the SRV target host
 * (edge.contoso.com). Acceptable presented identifiers: SRV-ID "_xmpp-server.<domain>", DNS-ID
 * "<domain>" (a wildcard only as the whole left-most label), XmppAddr "<domain>"; the subject CN only
 * when the certificate has none of those (RFC 6125 §6.4.4).
 */
import type { PresentedIdentifiers } from './probe-types'

export type IdentityMatchKind = 'srv-id' | 'dns-id' | 'xmpp-addr' | 'dns-id-wildcard' | 'cn' | 'cn-wildcard'

export interface IdentityMatch {
  readonly matched: boolean
  /** Which rule matched (null when none did). */
  readonly by: IdentityMatchKind | null
  /** The presented identifier that matched, as presented. */
  readonly identifier: string | null
  /** True when the certificate carries no SAN identifier, so the CN had to be consulted. */
  readonly usedCnFallback: boolean
}

/** The service label of the SRV-ID an XMPP server certificate should carry (RFC 6120 §13.7.1.2.1). */
export const XMPP_SERVER_SRV_ID_SERVICE = '_xmpp-server'

/** Lower-cases a name and drops one trailing dot: the comparison form for DNS names. */
export function normalizeDnsName(name: string): string {
  const lower = name.trim().toLowerCase()
  return lower.endsWith('.') ? lower.slice(0, -1) : lower
}

/** Matches an XMPP domain against a certificate's presented identifiers (strongest rule first). */
export function matchXmppServerIdentity(domain: string, presented: PresentedIdentifiers): IdentityMatch {
  const reference = normalizeDnsName(domain)
  const srv = presented.srvNames.find((id) => matchesSrvId(reference, id))
  if (srv !== undefined) return found('srv-id', srv)
  const exact = presented.dnsNames.find((id) => normalizeDnsName(id) === reference)
  if (exact !== undefined) return found('dns-id', exact)
  const xmpp = presented.xmppAddrs.find((id) => normalizeDnsName(id) === reference)
  if (xmpp !== undefined) return found('xmpp-addr', xmpp)
  const wildcard = presented.dnsNames.find((id) => matchesWildcard(reference, id))
  if (wildcard !== undefined) return found('dns-id-wildcard', wildcard)

  const hasSanIdentifiers =
    presented.dnsNames.length + presented.srvNames.length + presented.xmppAddrs.length + presented.uris.length > 0
  if (hasSanIdentifiers) return { matched: false, by: null, identifier: null, usedCnFallback: false }
  const cn = presented.commonNames.find((id) => normalizeDnsName(id) === reference)
  if (cn !== undefined) return { ...found('cn', cn), usedCnFallback: true }
  const cnWildcard = presented.commonNames.find((id) => matchesWildcard(reference, id))
  if (cnWildcard !== undefined) return { ...found('cn-wildcard', cnWildcard), usedCnFallback: true }
  return { matched: false, by: null, identifier: null, usedCnFallback: true }
}

/** Every identifier a certificate presents, labelled, for showing the user what it does name. */
export function listPresentedIdentifiers(presented: PresentedIdentifiers): string[] {
  return [
    ...presented.dnsNames.map((id) => `DNS:${id}`),
    ...presented.srvNames.map((id) => `SRVName:${id}`),
    ...presented.xmppAddrs.map((id) => `XmppAddr:${id}`),
    ...presented.ipAddresses.map((id) => `IP:${id}`),
    ...presented.uris.map((id) => `URI:${id}`),
    ...presented.commonNames.map((id) => `CN:${id}`),
  ]
}

function found(by: IdentityMatchKind, identifier: string): IdentityMatch {
  return { matched: true, by, identifier, usedCnFallback: false }
}

/** SRV-ID "_xmpp-server.<domain>": the service label must be exactly _xmpp-server, no wildcards (RFC 4985). */
function matchesSrvId(reference: string, presented: string): boolean {
  const id = normalizeDnsName(presented)
  const prefix = `${XMPP_SERVER_SRV_ID_SERVICE}.`
  return id.startsWith(prefix) && id.slice(prefix.length) === reference
}

/**
 * RFC 6125 §6.4.3 as tightened by RFC 9525: "*" must be the entire left-most label and stands for
 * exactly one label; partial wildcards ("f*.example.com") and wildcards over a single-label rest
 * ("*.com") never match.
 */
function matchesWildcard(reference: string, presented: string): boolean {
  const id = normalizeDnsName(presented)
  if (!id.startsWith('*.')) return false
  const rest = id.slice(2)
  if (rest.includes('*') || !rest.includes('.') || rest.split('.').some((label) => label === '')) return false
  const dot = reference.indexOf('.')
  if (dot <= 0) return false
  return reference.slice(dot + 1) === rest
}
