/**
 * xmpp-partners.json: Get-CsXmppAllowedPartner -LocalStore (properties: DOMAIN-FACTS §2, PS/New-CsXmppAllowedPartner).
 * When there are more partners than the cap keeps, the partners the user asked about are kept first.
 */
import type { XmppPartner } from '../evidence-model'
import { addWarning, PARSE_LIMITS, recordCut, type ParseNotes } from '../parse-notes'
import { toNegotiationSetting } from '../ps-enums'
import {
  getPsProperty,
  readPsBoolean,
  readPsJsonDocument,
  readPsNumber,
  readPsRecords,
  readPsStringList,
  readPsText,
  type PsObject,
} from '../ps-json'

const PARTNER_TYPES = ['Federated', 'PublicVerified', 'PublicUnverified'] as const

/** What to keep first when the file holds more partners than the cap. */
export interface PartnerParseOptions {
  /** Partner domains the user asked about (lower case). */
  readonly priorityDomains?: readonly string[]
}

/** Parses xmpp-partners.json; an empty file means no partner is configured. */
export function parseXmppPartners(source: string, notes?: ParseNotes, options: PartnerParseOptions = {}): readonly XmppPartner[] {
  const document = readPsJsonDocument(source, notes, { maxRecords: PARSE_LIMITS.maxPartnersScanned })
  if (!document) return []
  const partners: XmppPartner[] = []
  for (const record of readPsRecords(document.value, notes, PARSE_LIMITS.maxPartnersScanned)) {
    const partner = toPartner(record)
    if (partner) partners.push(partner)
    else addWarning(notes, 'skipped a partner without an Identity or Domain')
  }
  const readAll = document.materialized === document.total
  if (readAll && partners.length <= PARSE_LIMITS.maxRecords) return partners
  const wanted = new Set((options.priorityDomains ?? []).map((domain) => domain.toLowerCase()))
  const asked = partners.filter((p) => [p.domain, ...p.additionalDomains].some((domain) => wanted.has(domain)))
  const askedSet = new Set(asked)
  const kept = [...asked, ...partners.filter((p) => !askedSet.has(p))].slice(0, PARSE_LIMITS.maxRecords)
  recordCut(
    notes,
    wanted.size > 0
      ? { unit: 'records', read: kept.length, total: document.total, order: 'priority', priorityComplete: readAll && asked.length <= PARSE_LIMITS.maxRecords }
      : { unit: 'records', read: kept.length, total: document.total, order: 'first' },
  )
  return kept
}

function toPartner(record: PsObject): XmppPartner | null {
  const identity = readPsText(record, 'Identity') ?? readPsText(record, 'Domain')
  if (identity === null) return null
  return {
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
  }
}

// PartnerType's enum numbers are not documented: a number stays { raw }, never a guessed name.
function readPartnerType(record: PsObject): XmppPartner['partnerType'] {
  const value = getPsProperty(record, 'PartnerType')
  if (typeof value === 'number') return { raw: String(value) }
  if (typeof value !== 'string' || value.trim() === '') return null
  const trimmed = value.trim()
  return PARTNER_TYPES.find((type) => type.toLowerCase() === trimmed.toLowerCase()) ?? trimmed
}
