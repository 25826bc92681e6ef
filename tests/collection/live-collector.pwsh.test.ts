/**
 * The live collection through node-powershell against a real pwsh 7 process. The Lync and Windows cmdlets are the
 * fake modules of tests/pester/fakes, found through PSModulePath in the child's environment: the product runs
 * unchanged (no test hook), exactly as `collect` and `diagnose` run it on a server.
 */
import { execFile } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { delimiter, dirname, join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import {
  CollectionCancelledError,
  collectLive,
  type CollectionProgress,
  type LiveCollectionOptions,
} from '../../src-main/collection/live-collector'
import { createNodePowerShellSession } from '../../src-main/powershell/node-powershell-session'
import { scenariosRoot } from '../../src-main/scenarios/scenario-catalog'
import { diagnose } from '../../src-shared/diagnose'
import { parseEvidence } from '../../src-shared/evidence/parse-evidence'
import { requirePwsh } from '../powershell/find-pwsh'
import { fakeServerEnv } from './run-collector'

const ROOT = resolve(import.meta.dirname, '..', '..')
const pwsh = requirePwsh()

function sessionFor(server: string, behaviour: Record<string, unknown> = {}) {
  const env = fakeServerEnv(join(scenariosRoot(), server), behaviour)
  return () => createNodePowerShellSession({ executable: pwsh, env, killGraceMs: 2000 })
}

function options(overrides: Partial<LiveCollectionOptions> = {}): LiveCollectionOptions {
  // Generous per command: the first one starts pwsh and loads the fake Lync module on a loaded CI machine.
  return { domains: ['contoso.com'], timeoutPerCommandMs: 60_000, appVersion: '0.0.0-test', ...overrides }
}

function entry(result: { manifest: { files: readonly { name: string; exitStatus: string; error: string | null }[] } }, name: string) {
  return result.manifest.files.find((file) => file.name === name)
}

// Each test is bounded by the collector's own limits; the test timeout only has to outlast pwsh starting on a
// loaded machine.
const SLOW = { timeout: 240_000 }

describe('collectLive through node-powershell and real pwsh', SLOW, () => {
  it('collects a healthy Edge that the diagnosis finds healthy, with the SIP domains and the DNS server', async () => {
    const result = await collectLive(sessionFor('healthy-edge'), options())
    expect(result.manifest.role).toBe('Edge')
    expect(result.manifest.sipDomains).toEqual(['contoso.com'])
    expect(result.manifest.eventDays).toBe(7)
    expect(entry(result, 'dns-srv.json')?.exitStatus).toBe('ok')
    const srv = JSON.parse(new TextDecoder().decode(result.files.get('dns-srv.json'))) as { Server: string }[]
    expect(srv[0]?.Server).toBe('10.0.0.53')
    const parsed = parseEvidence(result.files)
    expect(parsed.diagnostics.filter((d) => d.state === 'unparseable')).toEqual([])
    const diagnosis = diagnose({ evidence: parsed.evidence, domains: [], answers: {}, source: 'live', startedAt: new Date() })
    expect({ verdict: diagnosis.verdict, rootCause: diagnosis.rootCause?.checkId ?? null }).toEqual({ verdict: 'healthy', rootCause: null })
  })

  it('stops a hung command at its time limit, records it, and runs the next ones in a fresh process', { timeout: 400_000 }, async () => {
    // The hang is in root-store.json (the Cert: store), late in the list: one time limit to wait for, and the two
    // DNS steps after it must come back from a new process. The limit is long enough that no healthy step of a
    // loaded machine reaches it.
    const result = await collectLive(sessionFor('healthy-edge', { 'Cert:': { hang: true } }), options({ timeoutPerCommandMs: 20_000 }))
    expect(entry(result, 'root-store.json')).toMatchObject({ exitStatus: 'failed' })
    expect(entry(result, 'root-store.json')?.error).toMatch(/did not finish within 20 s/)
    expect(entry(result, 'certificates.json')?.exitStatus).toBe('ok')
    expect(entry(result, 'dns-srv.json')?.exitStatus).toBe('ok')
    expect(entry(result, 'dns-a.json')?.exitStatus).toBe('ok')
  })

  it('records a command whose PowerShell process is killed, and goes on in a new process', async () => {
    const result = await collectLive(sessionFor('healthy-edge', { 'Get-CsCertificate': { exit: 9 } }), options())
    expect(entry(result, 'certificates.json')?.exitStatus).toBe('failed')
    // node-powershell reports the exit ("Shell process N exited with code 9") or the session sees stdout end.
    expect(entry(result, 'certificates.json')?.error).toMatch(/PowerShell failed: .*(exit|ended while running)/)
    // The next steps run in a new process (root-store.json's Cert: drive is faked by the Lync module, which that
    // new process has not loaded: on Linux only; Windows has the drive).
    expect(entry(result, 'dns-srv.json')?.exitStatus).toBe('ok')
    expect(entry(result, 'dns-a.json')?.exitStatus).toBe('ok')
  })

  it('refuses an output larger than the limit instead of keeping it', async () => {
    const result = await collectLive(sessionFor('healthy-edge'), options({ maxFileBytes: 600 }))
    expect(entry(result, 'services.json')?.exitStatus).toBe('failed')
    expect(entry(result, 'services.json')?.error).toMatch(/exceeds the 600-byte limit/)
    expect(result.files.has('services.json')).toBe(false)
    expect(entry(result, 'server-version.txt')?.exitStatus).toBe('ok')
  })

  it('stops at once when cancelled, keeping what was collected', async () => {
    const controller = new AbortController()
    const onProgress = (progress: CollectionProgress): void => {
      if (progress.state === 'ok') controller.abort()
    }
    const failure = await collectLive(sessionFor('healthy-edge'), options({ signal: controller.signal, onProgress })).then(
      () => null,
      (error: unknown) => error,
    )
    expect(failure).toBeInstanceOf(CollectionCancelledError)
    const partial = (failure as CollectionCancelledError).partial
    expect(partial.files.has('server-version.txt')).toBe(true)
    expect(entry(partial, 'dns-a.json')).toMatchObject({ exitStatus: 'skipped', error: 'The collection was cancelled.' })
  })
})

describe('collect and diagnose on the command line, with pwsh found on PATH', SLOW, () => {
  const run = promisify(execFile)
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
  const env = (server: string): NodeJS.ProcessEnv => ({
    ...fakeServerEnv(join(scenariosRoot(), server)),
    PATH: [dirname(pwsh), process.env.PATH ?? ''].join(delimiter),
  })

  it('collect --output writes an evidence folder that analyze reads', async () => {
    const output = join(mkdtempSync(join(tmpdir(), 'xed-collect-')), 'evidence')
    await run(npm, ['run', '--silent', 'doctor', '--', 'collect', '--domain', 'contoso.com', '--event-days', '14', '--output', output], {
      cwd: ROOT,
      env: env('healthy-edge'),
      timeout: 180_000,
    })
    const names = readdirSync(output).sort()
    expect(names).toContain('manifest.json')
    expect(names).toContain('services.json')
    const manifest = JSON.parse(readFileSync(join(output, 'manifest.json'), 'utf8')) as { role: string; sipDomains: string[] }
    expect(manifest).toMatchObject({ role: 'Edge', sipDomains: ['contoso.com'], eventDays: 14 })
  })

  it('collect --event-days outside 1-365 is bad input (exit 2) before PowerShell starts', async () => {
    const failure = await run(npm, ['run', '--silent', 'doctor', '--', 'collect', '--domain', 'contoso.com', '--event-days', '0'], {
      cwd: ROOT,
      env: env('healthy-edge'),
      timeout: 120_000,
    }).then(
      () => null,
      (error: { code?: number; stderr?: string }) => error,
    )
    expect(failure?.code).toBe(2)
    expect(failure?.stderr).toMatch(/--event-days "0"/)
  })

  it('diagnose --json names the root cause of a stopped XMPP proxy (exit 1)', async () => {
    const failure = await run(npm, ['run', '--silent', 'doctor', '--', 'diagnose', '--domain', 'contoso.com', '--json'], {
      cwd: ROOT,
      env: env('proxy-service-stopped'),
      timeout: 180_000,
    }).then(
      () => null,
      (error: { code?: number; stdout?: string }) => error,
    )
    expect(failure?.code).toBe(1)
    const result = JSON.parse(failure?.stdout ?? '{}') as { verdict?: string; rootCause?: { checkId?: string } }
    expect(result.verdict).toBe('problems')
    expect(result.rootCause?.checkId).toBe('xmpp-proxy-service-running')
  })
})
