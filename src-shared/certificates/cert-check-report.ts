/** The preflight's result as `cert-check --json` prints it and the app shows it (format version 1). */
import type { Localized } from '../i18n/localized'
import type { CertRule, NameCoverage } from './cert-check-rules'

/** The format tag of `cert-check --json`. */
export const CERT_CHECK_FORMAT = 'xmpp-edge-doctor/cert-check'

/** What the certificate is, for the admin to recognise it (the thumbprint as Get-CsCertificate shows it). */
export interface CertificateSummary {
  readonly subject: string
  readonly issuer: string
  readonly notBefore: string
  readonly notAfter: string
  readonly signatureAlgorithm: string
  readonly publicKey: string
  /** SHA-1 thumbprint, upper-case hex: what Get-CsCertificate and the certificate MMC show. */
  readonly thumbprint: string
  /** Every identifier presented, labelled ("DNS:sip.contoso.com", "CN:…"). */
  readonly identifiers: readonly string[]
}

/** The whole report. */
export interface CertCheckReport {
  readonly format: typeof CERT_CHECK_FORMAT
  readonly version: 1
  readonly ready: boolean
  readonly file: string
  readonly fileFormat: 'pfx' | 'pem' | 'der'
  readonly checkedAt: string
  readonly certificate: CertificateSummary
  readonly names: readonly NameCoverage[]
  readonly rules: readonly CertRule[]
  /** How a PFX was protected; null for PEM/DER. */
  readonly pfx: { readonly integrity: 'mac-verified' | 'none'; readonly encryption: readonly string[] } | null
  /** Where trust came from: Node's bundled roots, on Windows the machine store (or why it could not be read), the --ca-file paths. */
  readonly trust: {
    readonly roots: 'node-bundled'
    readonly windowsMachineStore: 'read' | 'not-read' | { readonly failed: string }
    readonly caFiles: readonly string[]
  }
}

/**
 * What the app's "Check a certificate" card receives. The file is named by an opaque token the main process
 * handed out when the user picked it (the renderer never names a path); a file that cannot be checked (wrong
 * password, damaged) comes back as `inputError`, so the card can ask for the password again on the same file.
 */
export interface CertificateCheckView {
  readonly fileToken: string
  readonly fileName: string
  readonly report: CertCheckReport | null
  readonly inputError: { readonly code: string; readonly message: Localized } | null
}
