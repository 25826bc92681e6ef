/** root-store.json: Get-ChildItem Cert:\LocalMachine\Root (Subject, Issuer, Thumbprint; DOMAIN-FACTS §5 #17). */
import type { RootStoreCertificate } from '../evidence-model'
import { addWarning, PARSE_LIMITS, type ParseNotes } from '../parse-notes'
import { parsePsJson, readPsRecords, readPsString } from '../ps-json'

/** Parses root-store.json. */
export function parseRootStore(source: string, notes?: ParseNotes): readonly RootStoreCertificate[] {
  const certificates: RootStoreCertificate[] = []
  for (const record of readPsRecords(parsePsJson(source, notes), notes, PARSE_LIMITS.maxRecords)) {
    const thumbprint = readPsString(record, 'Thumbprint')
    if (thumbprint === null || thumbprint.trim() === '') {
      addWarning(notes, 'skipped a root certificate without a Thumbprint')
      continue
    }
    certificates.push({
      subject: readPsString(record, 'Subject') ?? '',
      issuer: readPsString(record, 'Issuer') ?? '',
      thumbprint: thumbprint.trim().toUpperCase(),
    })
  }
  return certificates
}
