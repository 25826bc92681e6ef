import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  CollectionCancelledError,
  CollectionInputError,
  collectLive,
  type CollectionProgress,
  type LiveCollectionOptions,
} from '../../src-main/collection/live-collector'
import { buildStepScript } from '../../src-main/collection/live-invocation'
import { createNodePowerShellSession } from '../../src-main/powershell/node-powershell-session'
import { PowerShellError } from '../../src-main/powershell/powershell-session'
import { EVIDENCE_COMMANDS } from '../../src-shared/collection/evidence-commands'
import { EVIDENCE_FILE_NAMES, type EvidenceManifest } from '../../src-shared/evidence/evidence-model'
import { createFakeHarness, FAKE_DATA_DIR, readCannedText, waitFor, type FakeHarness, type FakeScenario } from '../fakes/fake-powershell-harness'

let harness: FakeHarness | null = null

afterEach(() => {
  harness?.cleanup()
  harness = null
})

function setUp(scenario: FakeScenario = {}): FakeHarness {
  harness = createFakeHarness(scenario)
  return harness
}

function options(overrides: Partial<LiveCollectionOptions> = {}): LiveCollectionOptions {
  return { domains: ['contoso.com'], timeoutPerCommandMs: 5000, appVersion: '9.8.7', ...overrides }
}

const decode = (bytes: Uint8Array | undefined): string => new TextDecoder().decode(bytes)
const FRONT_END_ONLY = ['policy-grants.json', 'replication.json']

function entry(manifest: EvidenceManifest, name: string) {
  return manifest.files.find((file) => file.name === name)
}

describe('collectLive with the fake PowerShell', () => {
  it('collects every Edge file and a manifest in one session', async () => {
    const fake = setUp()
    const progress: CollectionProgress[] = []
    const result = await collectLive(fake.createSession, options({ onProgress: (event) => progress.push(event) }))

    const edgeFiles = EVIDENCE_COMMANDS.map((command) => command.file).filter((file) => !FRONT_END_ONLY.includes(file))
    expect([...result.files.keys()].sort()).toEqual([...edgeFiles, 'manifest.json'].sort())
    for (const file of edgeFiles) {
      if (file === 'netstat.txt' || file.startsWith('dns-')) continue
      expect(decode(result.files.get(file)), file).toBe(readCannedText(file))
    }

    const manifest = result.manifest
    expect(manifest).toMatchObject({
      format: 'xmpp-edge-doctor/evidence',
      version: 1,
      host: 'edge01.contoso.local',
      role: 'Edge',
      // From the server-facts step (Get-CsSipDomain / the topology) and the notes it wrote.
      sipDomains: ['contoso.com'],
      pool: 'edgepool.contoso.local',
      eventDays: 7,
      notes: [],
      xmppDomains: ['contoso.com'],
      collector: 'xmpp-edge-doctor 9.8.7 (live)',
    })
    expect(Number.isNaN(Date.parse(manifest.collectedAt))).toBe(false)
    expect(manifest.files.map((file) => file.name)).toEqual(EVIDENCE_COMMANDS.map((command) => command.file))
    for (const file of manifest.files) {
      const expected = FRONT_END_ONLY.includes(file.name) ? 'skipped' : 'ok'
      expect(file.exitStatus, file.name).toBe(expected)
      if (expected === 'ok') expect(file.durationMs).toBeGreaterThanOrEqual(0)
    }
    expect(entry(manifest, 'replication.json')?.error).toContain('FrontEnd')
    expect(JSON.parse(decode(result.files.get('manifest.json')))).toEqual(manifest)
    expect(EVIDENCE_FILE_NAMES).toEqual(expect.arrayContaining([...result.files.keys()]))

    expect(progress.filter((event) => event.state === 'running')).toHaveLength(edgeFiles.length)
    expect(progress.filter((event) => event.state === 'ok')).toHaveLength(edgeFiles.length)
    expect(progress.filter((event) => event.state === 'skipped').map((event) => event.file)).toEqual(FRONT_END_ONLY)

    const starts = fake.readLog().filter((line) => line.event === 'start')
    expect(starts).toHaveLength(1)
  })

  it('moves zh-TW netstat text intact although PowerShell prints CP950 bytes around it', async () => {
    const result = await collectLive(setUp().createSession, options())
    const netstat = decode(result.files.get('netstat.txt'))
    expect(netstat).toContain('使用中連線')
    expect(netstat).toContain('協定   本機位址               外部位址               狀態           PID')
    expect(netstat).toContain('  TCP    203.0.113.10:5269      0.0.0.0:0              LISTENING       3120\r\n')
    expect(netstat).not.toContain('\ufffd')
  })

  it('runs the Front End commands on a Front End and honours a role override', async () => {
    const frontEnd = await collectLive(setUp({ role: 'FrontEnd' }).createSession, options())
    expect(frontEnd.manifest.role).toBe('FrontEnd')
    expect(decode(frontEnd.files.get('policy-grants.json'))).toBe(readCannedText('policy-grants.json'))
    expect(frontEnd.manifest.files.every((file) => file.exitStatus === 'ok')).toBe(true)
    harness?.cleanup()

    const overridden = await collectLive(setUp({ role: 'Edge' }).createSession, options({ role: 'FrontEnd' }))
    expect(overridden.manifest.role).toBe('FrontEnd')
    expect(overridden.files.has('replication.json')).toBe(true)
  })

  it('records a failing command and goes on with the rest', async () => {
    const fake = setUp({ commands: { 'sites.json': 'fail', 'xmpp-gateway.json': 'no-result' }, failMessage: 'Get-CsSite : 拒絕存取。' })
    const result = await collectLive(fake.createSession, options())
    expect(result.files.has('sites.json')).toBe(false)
    expect(entry(result.manifest, 'sites.json')).toMatchObject({ exitStatus: 'failed', error: 'Get-CsSite : 拒絕存取。' })
    expect(entry(result.manifest, 'xmpp-gateway.json')).toMatchObject({ exitStatus: 'failed' })
    expect(entry(result.manifest, 'xmpp-gateway.json')?.error).toContain('Access is denied')
    expect(entry(result.manifest, 'topology.xml')?.exitStatus).toBe('ok')
    expect(entry(result.manifest, 'dns-a.json')?.exitStatus).toBe('ok')
    expect(result.files.has('dns-a.json')).toBe(true)
  })

  it('times out a hung command, replaces the session and collects the rest', async () => {
    const fake = setUp({ commands: { 'events.json': 'hang' } })
    const started = Date.now()
    // Long enough that a fresh PowerShell (here: a Node process) starts and answers on a loaded 2-core CI box;
    // only the hung command should ever reach it.
    const result = await collectLive(fake.createSession, options({ timeoutPerCommandMs: 2000 }))
    expect(Date.now() - started).toBeLessThan(20_000)
    expect(entry(result.manifest, 'events.json')).toMatchObject({ exitStatus: 'failed' })
    expect(entry(result.manifest, 'events.json')?.error).toContain('did not finish within 2 s')
    expect(entry(result.manifest, 'sites.json')?.exitStatus).toBe('ok')
    expect(result.files.has('dns-a.json')).toBe(true)
    const log = fake.readLog()
    const hungPid = log.find((line) => line.event === 'invoke' && line.step === 'events.json')?.pid
    expect(log.some((line) => line.event === 'sigterm' && line.pid === hungPid)).toBe(true)
    expect(new Set(log.filter((line) => line.event === 'start').map((line) => line.pid)).size).toBe(2)
  })

  it('records a crashed PowerShell process and goes on in a new one', async () => {
    const result = await collectLive(setUp({ commands: { 'certificates.json': 'crash' } }).createSession, options())
    expect(entry(result.manifest, 'certificates.json')?.exitStatus).toBe('failed')
    expect(entry(result.manifest, 'root-store.json')?.exitStatus).toBe('ok')
  })

  it('stops promptly on cancel, disposes the session and keeps what was collected', async () => {
    const fake = setUp({ commands: { 'events.json': 'hang' } })
    const controller = new AbortController()
    const progress: CollectionProgress[] = []
    const pending = collectLive(fake.createSession, options({ signal: controller.signal, timeoutPerCommandMs: 60_000, onProgress: (event) => progress.push(event) }))
    await waitFor(() => fake.readLog().some((line) => line.event === 'invoke' && line.step === 'events.json'))
    const started = Date.now()
    controller.abort()
    const error = await pending.then(() => null, (caught: unknown) => caught)
    expect(Date.now() - started).toBeLessThan(2000)
    expect(error).toBeInstanceOf(CollectionCancelledError)
    const partial = (error as CollectionCancelledError).partial
    expect([...partial.files.keys()].sort()).toEqual(['manifest.json', 'netstat.txt', 'server-version.txt', 'services.json', 'tasklist.csv'])
    expect(entry(partial.manifest, 'events.json')).toMatchObject({ exitStatus: 'skipped', error: 'The collection was cancelled.' })
    expect(partial.manifest.files).toHaveLength(EVIDENCE_COMMANDS.length)
    expect(progress.some((event) => event.file === 'sites.json')).toBe(false)
    expect(fake.readLog().some((line) => line.event === 'sigterm')).toBe(true)
  })

  it('rejects a hostile domain before anything runs', async () => {
    const fake = setUp()
    const factory = vi.fn(fake.createSession)
    for (const domain of ["contoso.com'; Stop-Service RTCSRV; '", 'contoso.com$(Remove-Item C:\\x)', 'contoso .com', '台灣.tw']) {
      const error = await collectLive(factory, options({ domains: ['fabrikam.com', domain] })).then(() => null, (caught: unknown) => caught)
      expect(error).toBeInstanceOf(CollectionInputError)
      expect((error as CollectionInputError).localized['zh-TW'].length).toBeGreaterThan(0)
    }
    await expect(collectLive(factory, options({ domains: [] }))).rejects.toBeInstanceOf(CollectionInputError)
    await expect(collectLive(factory, options({ timeoutPerCommandMs: 0 }))).rejects.toBeInstanceOf(CollectionInputError)
    const badRole = { role: "Edge'; Stop-Service RTCSRV" } as unknown as Partial<LiveCollectionOptions>
    await expect(collectLive(factory, options(badRole))).rejects.toBeInstanceOf(CollectionInputError)
    expect(factory).not.toHaveBeenCalled()
    expect(fake.readLog()).toEqual([])
  })

  it('passes the domains only as base64 data, never as script text', async () => {
    const fake = setUp()
    const result = await collectLive(fake.createSession, options({ domains: ['Contoso.COM.', 'fabrikam.com', 'contoso.com'] }))
    expect(result.manifest.xmppDomains).toEqual(['contoso.com', 'fabrikam.com'])

    const invocations = fake.readLog().filter((line) => line.event === 'invoke')
    expect(invocations.length).toBeGreaterThan(10)
    // The server-facts step runs before the SIP domains are known; every later step gets them (the fake says contoso.com).
    const before = { domains: ['contoso.com', 'fabrikam.com'], sipDomains: [] as string[], role: 'Edge', fqdn: null, eventDays: 7, maxUsers: 100000 }
    const after = { ...before, sipDomains: ['contoso.com'] }
    for (const invocation of invocations.filter((line) => line.step !== 'detect-role')) {
      const input = invocation.step === 'server-facts.json' ? before : after
      const data = Buffer.from(JSON.stringify(input)).toString('base64')
      expect(invocation.line).toContain(`FromBase64String('${data}')`)
      expect(invocation.line).not.toMatch(/contoso|fabrikam/i)
      expect(invocation.script).not.toMatch(/contoso|fabrikam/i)
      expect(invocation.data).toEqual(input)
    }
    const srv = JSON.parse(decode(result.files.get('dns-srv.json'))) as { Query: string }[]
    expect(srv.map((lookup) => lookup.Query)).toEqual(['_xmpp-server._tcp.contoso.com', '_xmpp-server._tcp.fabrikam.com'])
  })

  it('looks up the SRV record of every SIP domain the server reported, once each, and drops a name that is not a DNS name', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'fake-ps-data-'))
    try {
      cpSync(FAKE_DATA_DIR, dataDir, { recursive: true })
      const facts = { SipDomains: ['Contoso.COM', 'fabrikam.com', 'not a domain'], Pool: 'edgepool.contoso.local', Notes: [] }
      writeFileSync(join(dataDir, 'server-facts.json'), JSON.stringify(facts))
      const fake = setUp({ dataDir })
      const result = await collectLive(fake.createSession, options({ domains: ['contoso.com'] }))
      expect(result.manifest.sipDomains).toEqual(['contoso.com', 'fabrikam.com'])
      expect(result.manifest.xmppDomains).toEqual(['contoso.com'])
      const srv = JSON.parse(decode(result.files.get('dns-srv.json'))) as { Query: string }[]
      expect(srv.map((lookup) => lookup.Query)).toEqual(['_xmpp-server._tcp.contoso.com', '_xmpp-server._tcp.fabrikam.com'])
      const dnsStep = fake.readLog().find((line) => line.event === 'invoke' && line.step === 'dns-srv.json')
      expect(dnsStep?.data).toMatchObject({ domains: ['contoso.com'], sipDomains: ['contoso.com', 'fabrikam.com'] })
    } finally {
      rmSync(dataDir, { recursive: true, force: true })
    }
  })

  it('runs exactly the scripts of the shared command list', async () => {
    const fake = setUp({ role: 'FrontEnd' })
    await collectLive(fake.createSession, options())
    const scripts = new Map(fake.readLog().filter((line) => line.event === 'invoke').map((line) => [line.step, line.script]))
    for (const command of EVIDENCE_COMMANDS) {
      expect(scripts.get(command.file), command.file).toBe(buildStepScript({ ...command, name: command.file }))
      expect(scripts.get(command.file)).toContain(command.script)
    }
  })

  it('rejects with PowerShellError "unavailable" when PowerShell cannot start, claiming nothing ran', async () => {
    const env = { ...process.env }
    delete env.NODE_POWERSHELL
    const progress: CollectionProgress[] = []
    const error = await collectLive(() => createNodePowerShellSession({ executable: '/nonexistent/powershell.exe', env }), options({ onProgress: (event) => progress.push(event) })).then(
      () => null,
      (caught: unknown) => caught,
    )
    expect(error).toBeInstanceOf(PowerShellError)
    expect((error as PowerShellError).kind).toBe('unavailable')
    expect(progress).toEqual([])
  })
})
