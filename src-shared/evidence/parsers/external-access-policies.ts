/** external-access-policies.json: Get-CsExternalAccessPolicy -LocalStore (properties: DOMAIN-FACTS §2). */
import type { ExternalAccessPolicy } from '../evidence-model'
import { addWarning, PARSE_LIMITS, type ParseNotes } from '../parse-notes'
import { parsePsJson, readPsBoolean, readPsRecords, readPsText } from '../ps-json'

/** Parses external-access-policies.json; a missing flag is null (Lync 2013's default is False, not assumed here). */
export function parseExternalAccessPolicies(source: string, notes?: ParseNotes): readonly ExternalAccessPolicy[] {
  const policies: ExternalAccessPolicy[] = []
  for (const record of readPsRecords(parsePsJson(source, notes), notes, PARSE_LIMITS.maxRecords)) {
    const identity = readPsText(record, 'Identity')
    if (identity === null) {
      addWarning(notes, 'skipped a policy without an Identity')
      continue
    }
    policies.push({
      identity,
      enableFederationAccess: readPsBoolean(record, 'EnableFederationAccess'),
      enableXmppAccess: readPsBoolean(record, 'EnableXmppAccess'),
      enablePublicCloudAccess: readPsBoolean(record, 'EnablePublicCloudAccess'),
      enableOutsideAccess: readPsBoolean(record, 'EnableOutsideAccess'),
    })
  }
  return policies
}
