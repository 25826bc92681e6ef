/**
 * A client certificate from the Windows machine store (Cert:\LocalMachine\My), by thumbprint, read through
 * PowerShell: the Access Edge external certificate as the Edge itself holds it. The thumbprint (validated:
 * 40 hex digits) and a one-time PFX password travel as data (base64 JSON, read by ConvertFrom-Json and
 * passed to a fixed script block's param()), never as code text. The PFX comes back base64 on one
 * marked line. On Linux this runs only against a shadowed Get-Item (tests); the Cert: drive is Windows'.
 */
import { text } from '../../src-shared/i18n/localized'
import type { PowerShellSession } from '../powershell/powershell-session'
import type { ClientCertificateSource } from './client-certificate'
import { ProbeOptionsError } from './probe-options-error'

/** A SHA-1 thumbprint as Get-ChildItem Cert:\ shows it: 40 hex digits (spaces or colons allowed, as copied from the MMC). */
export function parseThumbprint(value: string): string | null {
  const compact = value.replace(/[\s:]/g, '').toUpperCase()
  return /^[0-9A-F]{40}$/.test(compact) ? compact : null
}

/** The fixed script: every value arrives as a parameter. */
const EXPORT_SCRIPT = `
param([string]$Thumbprint, [string]$Password)
$ErrorActionPreference = 'Stop'
try {
  $certificate = Get-Item -LiteralPath ('Cert:\\LocalMachine\\My\\' + $Thumbprint)
  if (-not $certificate.HasPrivateKey) { throw 'the certificate has no private key in the machine store' }
  $bytes = $certificate.Export([System.Security.Cryptography.X509Certificates.X509ContentType]::Pkcs12, $Password)
  'XED-PFX:' + [Convert]::ToBase64String([byte[]]$bytes)
} catch {
  'XED-PFX-ERROR:' + [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes($_.Exception.Message))
}
`

/** The PowerShell text for one export: data first (base64 JSON), then the fixed script block called with it. */
export function buildExportInvocation(thumbprint: string, password: string): string {
  const data = Buffer.from(JSON.stringify({ thumbprint, password }), 'utf8').toString('base64')
  const script = Buffer.from(EXPORT_SCRIPT, 'utf8').toString('base64')
  return [
    `$XedInput = [Text.Encoding]::UTF8.GetString([Convert]::FromBase64String('${data}')) | ConvertFrom-Json`,
    `& ([ScriptBlock]::Create([Text.Encoding]::UTF8.GetString([Convert]::FromBase64String('${script}')))) -Thumbprint ([string]$XedInput.thumbprint) -Password ([string]$XedInput.password)`,
  ].join('; ')
}

/** Exports the certificate (with its key) as a PFX under a one-time password; throws {@link ProbeOptionsError} with the reason. */
export async function exportMachineStoreCertificate(
  session: PowerShellSession,
  thumbprintText: string,
  timeoutMs = 30_000,
): Promise<ClientCertificateSource> {
  const thumbprint = parseThumbprint(thumbprintText)
  if (!thumbprint) {
    throw new ProbeOptionsError(
      text(
        `--client-cert-thumbprint: ${JSON.stringify(thumbprintText.slice(0, 80))} is not a SHA-1 thumbprint (40 hex digits, as Get-ChildItem Cert:\\LocalMachine\\My shows it).`,
        `--client-cert-thumbprint：${JSON.stringify(thumbprintText.slice(0, 80))} 不是 SHA-1 指紋（40 個十六進位字元，如 Get-ChildItem Cert:\\LocalMachine\\My 所示）。`,
      ),
    )
  }
  // Imported here, not at the top: node:crypto is start-up cost that only --client-cert-thumbprint needs.
  const password = (await import('./one-time-password')).oneTimePassword()
  const output = await session.invoke(buildExportInvocation(thumbprint, password), { timeoutMs })
  // Not anchored: pwsh 7 without a terminal may put escape sequences (ESC[?1h) before the line.
  const marked = /XED-PFX(-ERROR)?:([A-Za-z0-9+/=]*)/.exec(output.stdout)
  if (marked && !marked[1]) {
    return { kind: 'pfx', label: `Cert:\\LocalMachine\\My\\${thumbprint}`, pfx: Buffer.from(marked[2] ?? '', 'base64'), passphrase: password }
  }
  const why = marked ? Buffer.from(marked[2] ?? '', 'base64').toString('utf8') : output.stderr.trim() || 'no answer from PowerShell'
  const notExportable = /not valid for use in specified state|exportable/i.test(why)
  throw new ProbeOptionsError(
    text(
      `The certificate ${thumbprint} could not be read from Cert:\\LocalMachine\\My: ${why}${notExportable ? ' (its private key is not exportable: export a PFX with the key where that is allowed and use --client-cert)' : ''}.`,
      `無法從 Cert:\\LocalMachine\\My 讀取憑證 ${thumbprint}：${why}${notExportable ? '（其私密金鑰不可匯出：請在允許的地方匯出含金鑰的 PFX，再使用 --client-cert）' : ''}。`,
    ),
  )
}
