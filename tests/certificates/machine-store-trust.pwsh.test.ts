/**
 * On Windows the preflight also trusts what the Edge trusts: Cert:\LocalMachine\Root and CA, read through
 * PowerShell. Linux has no Cert: drive, so the real pwsh 7 runs the real fixed script against a shadowed
 * Get-ChildItem that answers those two paths with real .NET X509Certificate2 objects loaded from test files,
 * and fails for any other path like the Cert: provider does. What this cannot show: the Windows store itself.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { X509Certificate } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCertCheckCommand } from '../../src-main/cli/commands/cert-check-command'
import { MACHINE_STORE_SCRIPT, parseMachineStoreOutput, readMachineStoreTrust } from '../../src-main/certificates/machine-store-trust'
import { createNodePowerShellSession } from '../../src-main/powershell/node-powershell-session'
import type { PowerShellSession } from '../../src-main/powershell/powershell-session'
import { requirePwsh } from '../powershell/find-pwsh'
import { createCertFactory, type CertFactory, type MadeLeaf } from './helpers/cert-factory'

let dir: string
let factory: CertFactory
let leaf: MadeLeaf
const sessions: PowerShellSession[] = []

/** A pwsh whose Get-ChildItem lists the test root under Root and the test intermediate under CA (or throws, when `broken`). */
async function shadowedSession(broken = false): Promise<PowerShellSession & { readonly askedFile: string }> {
  const session = createNodePowerShellSession({ executable: requirePwsh() })
  sessions.push(session)
  // What the script asks for is written to a file: reading it back needs no second command in the same session.
  const askedFile = join(dir, `asked-${sessions.length}.txt`)
  const data = Buffer.from(JSON.stringify({ root: factory.rootFile, ca: factory.intermediateFile, broken, askedFile }), 'utf8').toString('base64')
  await session.invoke(
    [
      `$global:XedTest = [Text.Encoding]::UTF8.GetString([Convert]::FromBase64String('${data}')) | ConvertFrom-Json`,
      'function global:Get-ChildItem { param([string]$LiteralPath); [IO.File]::AppendAllText([string]$global:XedTest.askedFile, $LiteralPath + "|"); ' +
        "if ($global:XedTest.broken) { throw 'Access is denied.' }; " +
        "if ($LiteralPath -eq 'Cert:\\LocalMachine\\Root') { return [System.Security.Cryptography.X509Certificates.X509Certificate2]::new([string]$global:XedTest.root) }; " +
        "if ($LiteralPath -eq 'Cert:\\LocalMachine\\CA') { return [System.Security.Cryptography.X509Certificates.X509Certificate2]::new([string]$global:XedTest.ca) }; " +
        'throw "Cannot find path \'$LiteralPath\' because it does not exist." }',
    ].join('; '),
    { timeoutMs: 60_000 },
  )
  return Object.assign(session, { askedFile })
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'xed-machine-store-'))
  factory = createCertFactory(dir)
  leaf = factory.leaf('edge', { san: 'DNS:sip.contoso.com,DNS:contoso.com', commonName: 'sip.contoso.com' })
}, 60_000)

afterAll(async () => {
  await Promise.all(sessions.map((s) => s.dispose().catch(() => undefined)))
  if (dir) rmSync(dir, { recursive: true, force: true })
})

const fingerprint = (der: Uint8Array): string => new X509Certificate(Buffer.from(der)).fingerprint256

describe('the Windows machine store as a trust source', () => {
  it('the script is fixed text: nothing from the user is in it', () => {
    expect(MACHINE_STORE_SCRIPT).not.toMatch(/\$\{|contoso|\.pfx/)
    expect(MACHINE_STORE_SCRIPT).toContain("Get-ChildItem -LiteralPath ('Cert:\\LocalMachine\\' + $xedStore)")
  })

  it('reads Root and CA through real pwsh', async () => {
    const session = await shadowedSession()
    const trust = await readMachineStoreTrust(session, 60_000)
    expect(trust.roots.map(fingerprint)).toEqual([new X509Certificate(readFileSync(factory.rootFile)).fingerprint256])
    expect(trust.intermediates.map(fingerprint)).toEqual([new X509Certificate(readFileSync(factory.intermediateFile)).fingerprint256])
    const asked = readFileSync(session.askedFile, 'utf8').replace(/\|$/, '')
    expect(asked).toBe('Cert:\\LocalMachine\\Root|Cert:\\LocalMachine\\CA')
  })

  it('cert-check on "win32": the leaf alone chains through the store (intermediate from CA, root from Root), a warning since the root is not public', async () => {
    let out = ''
    const code = await runCertCheckCommand([leaf.certFile, '--domain', 'contoso.com', '--json'], { stdout: (s) => (out += s), stderr: () => undefined }, {}, {
      platform: 'win32',
      createSession: () => shadowedSession(),
    })
    const report = JSON.parse(out)
    expect(report.trust.windowsMachineStore).toBe('read')
    const chain = report.rules.find((r: { id: string }) => r.id === 'chain-trusted')
    expect(chain.status).toBe('warn')
    expect(chain.summary.en).toContain("machine store only (sip.contoso.com → Preflight Test Issuing CA → Preflight Test Root)")
    expect(code).toBe(0)
  })

  it('a store that cannot be read is reported and the check goes on with Node roots only', async () => {
    let out = ''
    const code = await runCertCheckCommand([leaf.certFile, '--domain', 'contoso.com', '--json'], { stdout: (s) => (out += s), stderr: () => undefined }, {}, {
      platform: 'win32',
      createSession: () => shadowedSession(true),
    })
    const report = JSON.parse(out)
    expect(report.trust.windowsMachineStore.failed).toContain('Access is denied.')
    expect(report.rules.find((r: { id: string }) => r.id === 'chain-trusted').status).toBe('fail')
    expect(code).toBe(1)
  })

  it('a listing cut short or with an error line is refused, never half-trusted', () => {
    expect(() => parseMachineStoreOutput('XED-STORE:Root:AAAA\n')).toThrow(/cut short/)
    expect(() => parseMachineStoreOutput(`XED-STORE-ERROR:${Buffer.from('nope').toString('base64')}\nXED-STORE-END\n`)).toThrow(/nope/)
  })
})
