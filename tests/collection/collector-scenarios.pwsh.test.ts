/**
 * Collector output -> reader -> diagnosis. The real Collect-XmppEvidence.ps1 runs in real pwsh against fake Lync and
 * Windows cmdlets that describe a server (a scenario folder of tests/scenarios, hand-written from Microsoft's
 * documented formats); the project's reader and diagnosis must then reach the scenario's own verdict and root cause.
 * So nothing the diagnosis needs is lost between the cmdlets and the evidence files.
 */
import { execFile } from 'node:child_process'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { beforeAll, describe, expect, it } from 'vitest'
import { readEvidence } from '../../src-main/evidence-io/read-evidence'
import { loadScenario, scenariosRoot } from '../../src-main/scenarios/scenario-catalog'
import { diagnose } from '../../src-shared/diagnose'
import { parseEvidence } from '../../src-shared/evidence/parse-evidence'
import { runCollector } from './run-collector'

const SCENARIOS = [
  'healthy-edge',
  'healthy-frontend',
  'proxy-service-stopped',
  'certificate-expired',
  'federation-disabled',
  'srv-record-missing',
  'xmpp-policy-disabled',
  'frontend-gateway-stopped',
  // Collected with -Domain contoso.com; the second SIP domain comes from the topology and is looked up too.
  'second-sip-domain-without-xmpp',
  'second-sip-domain-xmpp-not-on-certificate',
] as const

const ROOT = resolve(import.meta.dirname, '..', '..')
let folders: string[] = []

beforeAll(async () => {
  folders = await runCollector(SCENARIOS.map((name) => ({ server: join(scenariosRoot(), name) })))
}, 600_000)

describe.each(SCENARIOS.map((name, index) => [name, index] as const))('collected from the fake server %s', (name, index) => {
  it('reads, parses and diagnoses to the scenario’s verdict and root cause', async () => {
    const { info } = await loadScenario(name)
    const read = await readEvidence(folders[index] ?? '')
    const parsed = parseEvidence(read.files)
    expect(parsed.diagnostics.filter((d) => d.state === 'unparseable').map((d) => `${d.file}: ${d.error}`)).toEqual([])
    const result = diagnose({ evidence: parsed.evidence, domains: info.domains, answers: info.answers, source: 'evidence-folder', startedAt: new Date() })
    expect({ verdict: result.verdict, rootCause: result.rootCause?.checkId ?? null }).toEqual({
      verdict: info.expected.verdict,
      rootCause: info.expected.rootCauseCheck,
    })
  })
})

describe('the zip and the command line', { timeout: 180_000 }, () => {
  it('reads the zip the collector wrote, like the folder', async () => {
    const folder = await readEvidence(folders[0] ?? '')
    const zip = await readEvidence(`${folders[0] ?? ''}.zip`)
    expect([...zip.files.keys()].sort()).toEqual([...folder.files.keys()].sort())
    for (const [file, bytes] of folder.files) expect(Buffer.from(zip.files.get(file) ?? []).equals(Buffer.from(bytes)), file).toBe(true)
  })

  it('analyze <collected folder> --json reports the scenario root cause (exit 1)', async () => {
    const index = SCENARIOS.indexOf('proxy-service-stopped')
    // The README's way to run the CLI (npm run --silent doctor -- ...).
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
    const cli = promisify(execFile)(npm, ['run', '--silent', 'doctor', '--', 'analyze', folders[index] ?? '', '--json'], {
      cwd: ROOT,
      timeout: 120_000,
    })
    const failure = await cli.then(() => null, (error: { code?: number; stdout?: string }) => error)
    expect(failure?.code).toBe(1)
    const result = JSON.parse(failure?.stdout ?? '{}') as { verdict?: string; rootCause?: { checkId?: string } }
    expect(result.verdict).toBe('problems')
    expect(result.rootCause?.checkId).toBe('xmpp-proxy-service-running')
  })
})
