/** xmpp-gateway.json: Get-CsXmppGatewayConfiguration -LocalStore, one global object (DOMAIN-FACTS §2). */
import type { XmppGatewayConfiguration } from '../evidence-model'
import { createEmptyFileError } from '../evidence-parse-error'
import { addWarning, type ParseNotes } from '../parse-notes'
import { normalizePsValue, parsePsJson, readPsSingleRecord } from '../ps-json'

/** What replaces a DialbackPassphrase value, so reports show that one is set without carrying the secret. */
export const REDACTED_VALUE = '(redacted)'

/** Parses xmpp-gateway.json. The collector leaves DialbackPassphrase out; if an admin's export has it, it is redacted. */
export function parseXmppGateway(source: string, notes?: ParseNotes): XmppGatewayConfiguration {
  const value = parsePsJson(source, notes)
  if (value === undefined) throw createEmptyFileError()
  const record = readPsSingleRecord(value, notes)
  const properties = { ...(normalizePsValue(record) as Record<string, unknown>) }
  for (const key of Object.keys(properties)) {
    if (key.toLowerCase() !== 'dialbackpassphrase') continue
    const secret = properties[key]
    if (typeof secret === 'string' && secret !== '') {
      properties[key] = REDACTED_VALUE
      addWarning(notes, 'DialbackPassphrase was in the file; its value was redacted')
    }
  }
  return { properties }
}
