/**
 * --client-cert-thumbprint reads the Windows machine store through PowerShell. Linux has no Cert: drive, so
 * the real pwsh 7 runs the real export script against a shadowed Get-Item that returns a real .NET
 * X509Certificate2 (loaded, exportable, from a test PFX) for one thumbprint and fails for any other path,
 * the way the Cert: provider does. What this cannot show: the Windows certificate store itself, its
 * permission checks, a private key marked non-exportable, or a PFX that Windows PowerShell 5.1 (.NET
 * Framework) exports with legacy RC2 encryption, which Node 20's OpenSSL 3 may refuse.
 * The exported PFX is then presented to a real Prosody (s2s_secure_auth) and SASL EXTERNAL succeeds.
 */
import { execFileSync } from 'node:child_process'
import { X509Certificate } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runProbeCommand } from '../../src-main/cli/commands/probe-command'
import { buildExportInvocation, exportMachineStoreCertificate } from '../../src-main/probe/machine-store-certificate'
import { createNodePowerShellSession } from '../../src-main/powershell/node-powershell-session'
import type { PowerShellSession } from '../../src-main/powershell/powershell-session'
import { requirePwsh } from '../powershell/find-pwsh'
import { startDnsmasq, type RunningDnsmasq } from './helpers/dnsmasq-server'
import { requireBinary } from './helpers/local-binaries'
import { startProsody, type RunningProsody } from './helpers/prosody-server'
import { createTestPki, type TestPki } from './helpers/test-certificates'

let dir: string
let pki: TestPki
let prosody: RunningProsody
let dns: RunningDnsmasq
let thumbprint: string
let pfxPath: string
const sessions: PowerShellSession[] = []

/** A session whose Get-Item answers Cert:\LocalMachine\My\<thumbprint> with the test certificate, and logs what it was asked. */
async function shadowedSession(): Promise<PowerShellSession> {
  const session = createNodePowerShellSession({ executable: requirePwsh() })
  sessions.push(session)
  const data = Buffer.from(JSON.stringify({ pfx: pfxPath, thumbprint }), 'utf8').toString('base64')
  // One line: the session feeds PowerShell through stdin, where a block left open waits for more input.
  await session.invoke(
    [
      `$global:XedTest = [Text.Encoding]::UTF8.GetString([Convert]::FromBase64String('${data}')) | ConvertFrom-Json`,
      '$global:XedAsked = [System.Collections.Generic.List[string]]::new()',
      'function global:Get-Item { param([string]$LiteralPath); $global:XedAsked.Add($LiteralPath); ' +
        "if ($LiteralPath -ne ('Cert:\\LocalMachine\\My\\' + $global:XedTest.thumbprint)) { throw \"Cannot find path '$LiteralPath' because it does not exist.\" }; " +
        "[System.Security.Cryptography.X509Certificates.X509Certificate2]::new([string]$global:XedTest.pfx, 'test', [System.Security.Cryptography.X509Certificates.X509KeyStorageFlags]::Exportable) }",
    ].join('; '),
    { timeoutMs: 60_000 },
  )
  return session
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'machine-store-'))
  pki = createTestPki(dir)
  const server = pki.issue('partner.test', { san: 'DNS:partner.test' })
  const ours = pki.issue('probe.test', { san: 'DNS:probe.test' })
  pfxPath = join(dir, 'store.pfx')
  execFileSync(requireBinary('openssl'), ['pkcs12', '-export', '-in', ours.certFile, '-inkey', ours.keyFile, '-out', pfxPath, '-passout', 'pass:test'], {
    stdio: ['ignore', 'ignore', 'pipe'],
    timeout: 20_000,
  })
  thumbprint = new X509Certificate(readFileSync(ours.certFile)).fingerprint.replace(/:/g, '')
  prosody = await startProsody(join(dir, 'prosody'), [{ domain: 'partner.test', ...server, cafile: pki.caFile }], { secureAuth: true })
  dns = await startDnsmasq({
    srv: [{ name: '_xmpp-server._tcp.partner.test', target: 'xmpp.partner.test', port: prosody.port, priority: 0, weight: 0 }],
    hosts: { 'xmpp.partner.test': ['127.0.0.1'] },
  })
}, 90_000)

afterAll(async () => {
  await Promise.all(sessions.map((session) => session.dispose().catch(() => undefined)))
  await dns?.stop()
  await prosody?.stop()
  if (dir) rmSync(dir, { recursive: true, force: true })
})

describe('the client certificate from the machine store, by thumbprint', () => {
  it('the thumbprint and the password reach PowerShell as data, not as code', () => {
    const invocation = buildExportInvocation('A'.repeat(40), "p'; Remove-Item C:\\ -Recurse; '")
    expect(invocation).not.toContain('AAAAAAAAAA')
    expect(invocation).not.toContain('Remove-Item')
  })

  it('exports the certificate with its key through the real script; a hostile or unknown thumbprint is refused', async () => {
    const session = await shadowedSession()
    const source = await exportMachineStoreCertificate(session, thumbprint.toLowerCase().replace(/(..)/g, '$1 ').trim())
    expect(source).toMatchObject({ kind: 'pfx', label: `Cert:\\LocalMachine\\My\\${thumbprint}` })
    const asked = await session.invoke('$global:XedAsked -join "|"', { timeoutMs: 30_000 })
    // pwsh 7 without a terminal may print cursor-mode escapes (ESC[?1h ESC[?1l) before the output.
    expect(asked.stdout.split('\u001b[?1h\u001b[?1l').join('').trim()).toBe(`Cert:\\LocalMachine\\My\\${thumbprint}`)
    await expect(exportMachineStoreCertificate(session, "x'; Remove-Item C:\\ -Recurse; '")).rejects.toThrow(/is not a SHA-1 thumbprint/)
    await expect(exportMachineStoreCertificate(session, '0'.repeat(40))).rejects.toThrow(
      `The certificate ${'0'.repeat(40)} could not be read from Cert:\\LocalMachine\\My: Cannot find path`,
    )
  }, 120_000)

  it('probe --client-cert-thumbprint presents it to Prosody, and SASL EXTERNAL succeeds', async () => {
    let stdout = ''
    const code = await runProbeCommand(
      ['partner.test', '--from', 'probe.test', '--dns-server', dns.server, '--ca-file', pki.caFile, '--timeout', '3s', '--client-cert-thumbprint', thumbprint, '--json'],
      { stdout: (s) => (stdout += s), stderr: () => undefined },
      {},
      { platform: 'win32', createSession: shadowedSession },
    )
    const result = JSON.parse(stdout) as { checks: { id: string; status: string; reason?: string }[] }
    expect(result.checks.find((c) => c.id === 's2s-auth-available')).toMatchObject({ status: 'pass', reason: 'client-certificate-accepted' })
    expect(code).toBe(0)
  }, 120_000)
})
