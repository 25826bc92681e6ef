/** certificates.json: Get-CsCertificate (Use, Thumbprint, Subject, Issuer, NotBefore, NotAfter, AlternativeNames; DOMAIN-FACTS §2). */
import type { LyncCertificate } from '../evidence-model'
import { addWarning, PARSE_LIMITS, type ParseNotes } from '../parse-notes'
import { getPsProperty, parsePsJson, readPsDate, readPsRecords, readPsString, readPsStringList } from '../ps-json'

/** Parses certificates.json. A numeric Use (CertType enum, numbers undocumented) is kept raw with useIsRaw. */
export function parseCertificates(source: string, notes?: ParseNotes): readonly LyncCertificate[] {
  const certificates: LyncCertificate[] = []
  for (const record of readPsRecords(parsePsJson(source, notes), notes, PARSE_LIMITS.maxRecords)) {
    const thumbprint = readPsString(record, 'Thumbprint')
    if (thumbprint === null || thumbprint.trim() === '') {
      addWarning(notes, 'skipped a certificate without a Thumbprint')
      continue
    }
    const use = getPsProperty(record, 'Use')
    const useIsRaw = typeof use === 'number'
    const notAfter = readPsDate(record, 'NotAfter')
    if (notAfter === null && getPsProperty(record, 'NotAfter') != null) {
      addWarning(notes, `certificate ${thumbprint}: NotAfter is not in a date format we read`)
    }
    certificates.push({
      use: useIsRaw ? String(use) : (readPsString(record, 'Use') ?? ''),
      ...(useIsRaw ? { useIsRaw: true } : {}),
      thumbprint: thumbprint.trim().toUpperCase(),
      subject: readPsString(record, 'Subject') ?? '',
      issuer: readPsString(record, 'Issuer') ?? '',
      notBefore: readPsDate(record, 'NotBefore'),
      notAfter,
      alternativeNames: readPsStringList(record, 'AlternativeNames'),
    })
  }
  return certificates
}
