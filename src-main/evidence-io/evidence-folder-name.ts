/**
 * The default name of a collected evidence folder: `xmpp-evidence-<host>-<yyyyMMdd-HHmmss>`, the same name
 * Collect-XmppEvidence.ps1 gives it. The host name comes from the server (PowerShell's answer), so it is
 * reduced to a safe file name component before it touches a path.
 */

// The collector script's rule (src-shared/collection/collector-script.ts): `$XedHost -replace '[^A-Za-z0-9.-]', '_'`.
const NOT_IN_FOLDER_NAME = /[^A-Za-z0-9.-]/g
// A DNS label's length: a NetBIOS or FQDN host fits, a hostile one cannot push the path past its limit.
const MAX_HOST_LENGTH = 63

/** A host name as one safe file name component: only A–Z, a–z, 0–9, '.', '-' (others become '_'). */
export function sanitizeHostForFolderName(host: string): string {
  const safe = host.replace(NOT_IN_FOLDER_NAME, '_').slice(0, MAX_HOST_LENGTH)
  // "", "." and ".." are no names of their own (the prefix makes them harmless, but they tell nothing).
  return /^\.*$/.test(safe) ? 'unknown-host' : safe
}

/** `xmpp-evidence-<safe host>-<yyyyMMdd-HHmmss in UTC>`. */
export function evidenceFolderName(host: string, collectedAt: Date): string {
  const stamp = collectedAt.toISOString().replace(/\.\d+Z$/, '').replace(/[-:]/g, '').replace('T', '-')
  return `xmpp-evidence-${sanitizeHostForFolderName(host)}-${stamp}`
}
