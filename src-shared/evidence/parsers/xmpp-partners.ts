/** xmpp-partners.json: Get-CsXmppAllowedPartner -LocalStore (properties: DOMAIN-FACTS §2, PS/New-CsXmppAllowedPartner). */
import type { XmppPartner } from '../evidence-model'
import { addWarning, PARSE_LIMITS, type ParseNotes } from '../parse-notes'
import { toNegotiationSetting } from '../ps-enums'
import {
  getPsProperty,
  parsePsJson,
  readPsBoolean,
  readPsNumber,
  readPsRecords,
  readPsStringList,
  readPsText,
  type PsObject,
} from '../ps-json'

const PARTNER_TYPES = ['Federated', 'PublicVerified', 'PublicUnverified'] as const

/** Parses xmpp-partners.json; an empty file means no partner is configured. */
export function parseXmppPartners(source: string, notes?: ParseNotes): readonly XmppPartner[] {
  const partners: XmppPartner[] = []
  for (const record of readPsRecords(parsePsJson(source, notes), notes, PARSE_LIMITS.maxRecords)) {
    const identity = readPsText(record, 'Identity') ?? readPsText(record, 'Domain')
    if (identity === null) {
      addWarning(notes, 'skipped a partner without an Identity or Domain')
      continue
    }
    partners.push({
      identity,
      domain: (readPsText(record, 'Domain') ?? identity).toLowerCase(),
      additionalDomains: readPsStringList(record, 'AdditionalDomains').map((domain) => domain.toLowerCase()),
      partnerType: readPartnerType(record),
      tlsNegotiation: toNegotiationSetting(getPsProperty(record, 'TlsNegotiation')),
      saslNegotiation: toNegotiationSetting(getPsProperty(record, 'SaslNegotiation')),
      supportDialbackNegotiation: readPsBoolean(record, 'SupportDialbackNegotiation'),
      enableKeepAlive: readPsBoolean(record, 'EnableKeepAlive'),
      proxyFqdn: readPsText(record, 'ProxyFqdn'),
      connectionLimit: readPsNumber(record, 'ConnectionLimit'),
    })
  }
  return partners
}

// PartnerType's enum numbers are not documented: a number stays { raw }, never a guessed name.
function readPartnerType(record: PsObject): XmppPartner['partnerType'] {
  const value = getPsProperty(record, 'PartnerType')
  if (typeof value === 'number') return { raw: String(value) }
  if (typeof value !== 'string' || value.trim() === '') return null
  const trimmed = value.trim()
  return PARTNER_TYPES.find((type) => type.toLowerCase() === trimmed.toLowerCase()) ?? trimmed
}
