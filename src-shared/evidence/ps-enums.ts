/**
 * Enum numbers that Windows PowerShell 5.1 writes instead of names, for the enums whose numbers are
 * documented. Lync's own enums (TlsNegotiation, SaslNegotiation, PartnerType, CertType) have no
 * documented numbers, so their numbers are kept raw and never guessed (see readNegotiationSetting).
 */
import type { NegotiationSetting, ServiceStatus } from './evidence-model'
import { toPsNumber } from './ps-json'

// System.ServiceProcess.ServiceControllerStatus (learn.microsoft.com/dotnet/api/system.serviceprocess.servicecontrollerstatus).
const SERVICE_STATUS_BY_NUMBER: Readonly<Record<number, ServiceStatus>> = {
  1: 'Stopped',
  2: 'StartPending',
  3: 'StopPending',
  4: 'Running',
  5: 'ContinuePending',
  6: 'PausePending',
  7: 'Paused',
}

// System.ServiceProcess.ServiceStartMode (learn.microsoft.com/dotnet/api/system.serviceprocess.servicestartmode).
const START_MODE_BY_NUMBER: Readonly<Record<number, string>> = {
  0: 'Boot',
  1: 'System',
  2: 'Automatic',
  3: 'Manual',
  4: 'Disabled',
}

// DNS RR type numbers (IANA; Resolve-DnsName's Type property uses them): A 1, CNAME 5, AAAA 28, SRV 33.
const DNS_TYPE_BY_NUMBER: Readonly<Record<number, DnsRecordType>> = { 1: 'A', 5: 'CNAME', 28: 'AAAA', 33: 'SRV' }

/** The DNS record types evidence files use; anything else stays as its number or text. */
export type DnsRecordType = 'A' | 'AAAA' | 'CNAME' | 'SRV'

const SERVICE_STATUSES = Object.values(SERVICE_STATUS_BY_NUMBER)

/** A service status from a number (Get-Service) or a name ("Running", Win32_Service's "Start Pending"). */
export function toServiceStatus(value: unknown): ServiceStatus {
  const number = toPsNumber(value)
  if (number !== null) return SERVICE_STATUS_BY_NUMBER[number] ?? 'Unknown'
  if (typeof value !== 'string') return 'Unknown'
  const compact = value.replace(/\s+/g, '').toLowerCase()
  return SERVICE_STATUSES.find((status) => status.toLowerCase() === compact) ?? 'Unknown'
}

/** A start mode name from a number or a name; Win32_Service's "Auto" becomes "Automatic"; unknown values stay raw. */
export function toStartType(value: unknown): string {
  const number = toPsNumber(value)
  if (number !== null) return START_MODE_BY_NUMBER[number] ?? String(number)
  if (typeof value !== 'string' || value.trim() === '') return 'Unknown'
  const trimmed = value.trim()
  if (trimmed.toLowerCase() === 'auto') return 'Automatic'
  const known = Object.values(START_MODE_BY_NUMBER).find((mode) => mode.toLowerCase() === trimmed.toLowerCase())
  return known ?? trimmed
}

/** A DNS record type from 33 or "SRV"; null for types evidence files do not use. */
export function toDnsRecordType(value: unknown): DnsRecordType | null {
  const number = toPsNumber(value)
  if (number !== null) return DNS_TYPE_BY_NUMBER[number] ?? null
  if (typeof value !== 'string') return null
  const upper = value.trim().toUpperCase()
  return upper === 'A' || upper === 'AAAA' || upper === 'CNAME' || upper === 'SRV' ? upper : null
}

/**
 * TlsNegotiation / SaslNegotiation as Lync prints them (Required, Optional, NotSupported: DOMAIN-FACTS §2,
 * PS/New-CsXmppAllowedPartner). A number means PS 5.1 serialized the enum: its mapping is not
 * documented, so it is kept as { raw } and never guessed.
 */
export function toNegotiationSetting(value: unknown): NegotiationSetting | null {
  if (value === null || value === undefined) return null
  if (typeof value === 'string') {
    const trimmed = value.trim()
    const known = (['Required', 'Optional', 'NotSupported'] as const).find(
      (name) => name.toLowerCase() === trimmed.toLowerCase(),
    )
    if (known) return known
    return trimmed === '' ? null : { raw: trimmed }
  }
  if (typeof value === 'number' || typeof value === 'boolean') return { raw: String(value) }
  return null
}
