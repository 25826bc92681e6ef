import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { extractConfigSnapshot } from '../../src-shared/report/config-snapshot'
import { diffSnapshots } from '../../src-shared/report/diff-snapshots'
import { createSupportBundle, type BundleManifest } from '../../src-main/report/support-bundle'
import { ReportWriteError } from '../../src-main/report/report-errors'
import { useTempDirs } from '../store/helpers/temp-dir'
import { buildEvidence, buildProblemResult, buildProblemSession, buildRawEvidenceFiles, PROXY_SERVICE, SECRET_VALUES } from './helpers/sample-diagnosis'
import { readZipEntries } from './helpers/read-zip'

const makeDir = useTempDirs('xed-bundle-')

/** Every place a value could hide: UTF-8/ASCII and UTF-16LE, any letter case. */
function findSecrets(bytes: Buffer, where: string): string[] {
  const haystack = bytes.toString('latin1').toLowerCase()
  const found: string[] = []
  for (const secret of SECRET_VALUES) {
    const lower = secret.toLowerCase()
    const utf16 = Buffer.from(lower, 'utf16le').toString('latin1')
    if (haystack.includes(lower) || haystack.includes(utf16)) found.push(`${secret} in ${where}`)
  }
  return found
}

async function makeBundle(): Promise<{ path: string; zip: Buffer; entries: Map<string, Buffer> }> {
  const session = buildProblemSession()
  const path = join(makeDir(), 'support.zip')
  await createSupportBundle(path, {
    report: {
      result: buildProblemResult(),
      session,
      locale: 'en',
      changes: {
        baseline: { ...session, uid: 'baseline', verdict: 'healthy' },
        diff: diffSnapshots(extractConfigSnapshot(buildEvidence('healthy')), extractConfigSnapshot(buildEvidence('problem'))),
      },
      generatedAt: new Date('2026-11-20T10:00:00Z'),
    },
    evidence: new Map([...buildRawEvidenceFiles(), ['root-store.json', new Uint8Array([0, 1, 2, 3, 0, 0, 255, 254, 7, 0, 9, 10, 0, 0, 0, 1])]]),
  })
  const zip = readFileSync(path)
  return { path, zip, entries: await readZipEntries(zip) }
}

describe('support bundle', () => {
  it('contains no original value anywhere: entry names, contents (UTF-8 and UTF-16LE) or raw zip bytes', async () => {
    const { zip, entries } = await makeBundle()
    const found = [...findSecrets(zip, 'zip bytes')]
    for (const [name, content] of entries) found.push(...findSecrets(Buffer.from(name), `entry name ${name}`), ...findSecrets(content, name))
    expect(found).toEqual([])
    // The planted values were really there to begin with (in the raw evidence or the recorded session).
    const inputs = [
      ...[...buildRawEvidenceFiles()].map(([name, bytes]) => [name, Buffer.from(bytes)] as const),
      ['result', Buffer.from(JSON.stringify([buildProblemResult(), buildProblemSession()]))] as const,
    ]
    const planted = new Set(inputs.flatMap(([name, bytes]) => findSecrets(bytes, name)).map((h) => h.split(' in ')[0]))
    expect([...planted].sort()).toEqual([...SECRET_VALUES].sort())
  })

  it('holds the redacted evidence, the report in three forms and a manifest whose hashes match', async () => {
    const { entries } = await makeBundle()
    expect([...entries.keys()].sort()).toEqual([
      'evidence/dns-srv.json',
      'evidence/events.json',
      'evidence/manifest.json',
      'evidence/netstat.txt',
      'evidence/services.json',
      'evidence/topology.xml',
      'manifest.json',
      'report.html',
      'report.json',
      'report.md',
    ])
    const manifest = JSON.parse(entries.get('manifest.json')!.toString('utf8')) as BundleManifest
    for (const file of manifest.files) {
      const content = entries.get(file.path)!
      expect(createHash('sha256').update(content).digest('hex'), file.path).toBe(file.sha256)
      expect(content.byteLength).toBe(file.size)
    }
    expect(manifest.omitted).toEqual([{ name: 'root-store.json', reason: expect.stringContaining('not text') }])
    expect(manifest.files.find((f) => f.path === 'evidence/netstat.txt')?.sourceEncoding).toBe('utf-16le-bom')
    expect(manifest.redacted).toMatchObject({ ipv4: expect.any(Number), ipv6: 2, host: expect.any(Number), user: expect.any(Number) })
    expect(JSON.stringify(manifest)).not.toMatch(/contoso|EDGE01|10\.0\.0\.5/i)
  })

  it('replaces consistently and keeps what support needs to read', async () => {
    const { entries } = await makeBundle()
    // netstat.txt came in as UTF-16LE with a BOM and stays so.
    const netstatBytes = entries.get('evidence/netstat.txt')!
    expect([...netstatBytes.subarray(0, 2)]).toEqual([0xff, 0xfe])
    const netstat = netstatBytes.subarray(2).toString('utf16le')
    const report = entries.get('report.md')!.toString('utf8')
    const events = entries.get('evidence/events.json')!.subarray(2).toString('utf16le')
    // The Edge's internal address has one token, in the evidence and in the report alike.
    const token = /TCP {4}(192\.0\.2\.\d+):5061/.exec(netstat)?.[1]
    expect(token).toBeDefined()
    expect(report).toContain(`${token}:5061`)
    // Public addresses, ports, service names and commands stay readable.
    expect(netstat).toContain('131.107.0.10:443')
    expect(netstat).toMatch(/\[2001:db8::[0-9a-f]+%12\]:5061/)
    expect(report).toContain(`Start-CsWindowsService -Name ${PROXY_SERVICE}`)
    expect(events).toMatch(/sip:user-\d+@domain-\d+\.example/)
    expect(events).toMatch(/via host-\d+\./)
    const html = entries.get('report.html')!.toString('utf8')
    expect(html).toMatch(/host-\d+\.domain-\d+\.example/)
    expect(JSON.parse(entries.get('report.json')!.toString('utf8'))).toMatchObject({ format: 'xmpp-edge-doctor/result', subject: { host: expect.stringMatching(/^host-\d+\.domain-\d+\.example$/) } })
  })

  it('never replaces an existing file', async () => {
    const { path } = await makeBundle()
    await expect(createSupportBundle(path, { report: { result: buildProblemResult(), locale: 'en' }, evidence: new Map() })).rejects.toBeInstanceOf(ReportWriteError)
  })
})
