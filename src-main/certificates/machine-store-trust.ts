/**
 * On Windows, the trust the Edge itself has: the certificates of Cert:\LocalMachine\Root (anchors) and
 * Cert:\LocalMachine\CA (intermediates), read through PowerShell. The script is fixed text with no value from
 * the user in it (nothing to quote); each certificate comes back base64 on one marked line. Bounded: at most
 * 2,000 certificates of at most 64 KiB each. On Linux this runs only against a shadowed Get-ChildItem (tests).
 */
import { text } from '../../src-shared/i18n/localized'
import { LocalizedError } from '../../src-shared/i18n/localized-error'
import type { PowerShellSession } from '../powershell/powershell-session'

/** What the machine store gives the chain builder. */
export interface MachineStoreTrust {
  readonly roots: readonly Uint8Array[]
  readonly intermediates: readonly Uint8Array[]
}

const MAX_CERTIFICATES = 2000
const MAX_CERTIFICATE_BASE64 = 88 * 1024

/** The fixed script (Root = trusted roots, CA = intermediate certification authorities). */
export const MACHINE_STORE_SCRIPT = [
  "$ErrorActionPreference = 'Stop';",
  "try { foreach ($xedStore in @('Root', 'CA')) { foreach ($xedCert in @(Get-ChildItem -LiteralPath ('Cert:\\LocalMachine\\' + $xedStore))) { 'XED-STORE:' + $xedStore + ':' + [Convert]::ToBase64String([byte[]]$xedCert.RawData) } }; 'XED-STORE-END' }",
  // One line: the session feeds PowerShell through stdin, and try/catch must stay one statement.
  "catch { 'XED-STORE-ERROR:' + [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes($_.Exception.Message)) }",
].join(' ')

/** Thrown when the store could not be read; the preflight then says so and uses Node's roots only. */
export class MachineStoreError extends LocalizedError {
  override readonly name = 'MachineStoreError'
}

/** Reads Root and CA from the local machine store. */
export async function readMachineStoreTrust(session: PowerShellSession, timeoutMs = 30_000): Promise<MachineStoreTrust> {
  const output = await session.invoke(MACHINE_STORE_SCRIPT, { timeoutMs })
  if (!output.stdout.includes('XED-STORE') && output.stderr.trim() !== '') {
    // eslint-disable-next-line no-control-regex -- PowerShell 7 colours its errors with ANSI escapes
    const why = output.stderr.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '').trim().split('\n')[0]?.slice(0, 300) ?? ''
    throw new MachineStoreError(text(`The Windows machine store could not be read: ${why}`, `無法讀取 Windows 電腦憑證存放區：${why}`))
  }
  return parseMachineStoreOutput(output.stdout)
}

/** Parses the script's marked lines; anything else on stdout is ignored (profiles, banners). */
export function parseMachineStoreOutput(stdout: string): MachineStoreTrust {
  const roots: Uint8Array[] = []
  const intermediates: Uint8Array[] = []
  let complete = false
  // pwsh 7 may put terminal mode escapes (ESC[?1h) in front of a line when its output is a pipe.
  // eslint-disable-next-line no-control-regex -- removing those escapes is the point
  for (const line of stdout.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '').split(/\r?\n/)) {
    const error = /^XED-STORE-ERROR:([A-Za-z0-9+/=]*)$/.exec(line)
    if (error) {
      const why = Buffer.from(error[1] ?? '', 'base64').toString('utf8').slice(0, 300)
      throw new MachineStoreError(text(`The Windows machine store could not be read: ${why}`, `無法讀取 Windows 電腦憑證存放區：${why}`))
    }
    if (line === 'XED-STORE-END') complete = true
    const match = /^XED-STORE:(Root|CA):([A-Za-z0-9+/=]+)$/.exec(line)
    if (!match || (match[2]?.length ?? 0) > MAX_CERTIFICATE_BASE64) continue
    if (roots.length + intermediates.length >= MAX_CERTIFICATES) {
      throw new MachineStoreError(text(`The Windows machine store holds more than ${MAX_CERTIFICATES} certificates.`, `Windows 電腦憑證存放區中的憑證超過 ${MAX_CERTIFICATES} 張。`))
    }
    const der = Uint8Array.from(Buffer.from(match[2]!, 'base64'))
    ;(match[1] === 'Root' ? roots : intermediates).push(der)
  }
  if (!complete) throw new MachineStoreError(text('The Windows machine store listing was cut short.', 'Windows 電腦憑證存放區的清單不完整。'))
  return { roots, intermediates }
}
