/**
 * `history export <id> bundle.zip` through the real CLI, with raw evidence holding secrets the parsers never
 * look at: every file in the zip is checked byte by byte against its input with only the replaced values
 * changed (same encoding, BOM, line ends, layout and escape style), JSON still parses, and no planted value
 * is left anywhere, in UTF-8 or UTF-16LE, in any letter case.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli } from '../../src-main/cli/main'
import { openHistoryDatabase } from '../../src-main/store/open-database'
import { recordAnalysis } from '../../src-main/store/record-analysis'
import type { EvidenceFileName } from '../../src-shared/evidence/evidence-model'
import type { Replacement } from '../../src-shared/report/redact'
import { useTempDirs } from '../store/helpers/temp-dir'
import { readZipEntries } from './helpers/read-zip'
import { buildEvidence, buildProblemResult, buildRawEvidenceFiles } from './helpers/sample-diagnosis'
import { API_KEY, buildSecretEvidenceFiles, CERTIFICATES_JSON, EVENT_PASSWORD, EVENTS_JSON, SECRET_EVIDENCE_VALUES, XMPP_GATEWAY_JSON } from './helpers/secret-evidence'

const makeDir = useTempDirs('xed-bundle-cli-')

/** Every planted value found in `bytes`: as UTF-8/ASCII or UTF-16LE, any letter case. */
function leaks(bytes: Buffer, where: string): string[] {
  const haystack = bytes.toString('latin1').toLowerCase()
  return SECRET_EVIDENCE_VALUES.filter((secret) => {
    const lower = secret.toLowerCase()
    return haystack.includes(lower) || haystack.includes(Buffer.from(lower, 'utf16le').toString('latin1'))
  }).map((secret) => `${secret} in ${where}`)
}

/** Records one session whose raw evidence and check evidence carry the secrets, then exports the bundle. */
async function exportBundle(): Promise<{ entries: Map<string, Buffer>; map: Replacement[]; zip: Buffer }> {
  const dir = makeDir()
  const db = join(dir, 'history.sqlite3')
  const opened = openHistoryDatabase({ path: db })
  const files = new Map<EvidenceFileName, Uint8Array>([...buildRawEvidenceFiles(), ...(buildSecretEvidenceFiles() as Map<EvidenceFileName, Uint8Array>)])
  const result = buildProblemResult()
  // A check quoting a raw PowerShell 5.1 line: the escaped name and the password must go in the reports too.
  const quoted = `"Message":  "Dialback to \\u0027fe01.contoso.local\\u0027 failed, password=${EVENT_PASSWORD}"`
  const checks = result.checks.map((c) => (c.id === 'xmpp-event-log-clean' ? { ...c, evidence: [...c.evidence, { source: 'events.json', text: quoted }] } : c))
  recordAnalysis(opened.db, { result: { ...result, checks }, files, evidence: buildEvidence('problem') })
  opened.close()
  const zipPath = join(dir, 'support.zip')
  const mapPath = join(dir, 'map.json')
  let stderr = ''
  const code = await runCli(['history', 'export', '1', zipPath, '--db', db, '--redaction-map', mapPath], { stdout: () => {}, stderr: (s) => (stderr += s) })
  expect(code, stderr).toBe(0)
  const zip = readFileSync(zipPath)
  return { entries: await readZipEntries(zip), map: JSON.parse(readFileSync(mapPath, 'utf8')) as Replacement[], zip }
}

/** Replaces each original (any case) by its token from the map: what the redacted text must equal. */
function expectedText(input: string, map: readonly Replacement[], originals: readonly string[], extra: Record<string, string> = {}): string {
  let out = input
  for (const [original, token] of Object.entries(extra)) out = out.split(original).join(token)
  for (const original of [...originals].sort((a, b) => b.length - a.length)) {
    const entry = map.find((r) => r.original.toLowerCase() === original.toLowerCase())
    if (!entry) throw new Error(`${original} was not replaced at all`)
    out = out.replace(new RegExp(original.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi'), entry.token)
  }
  return out
}

describe('support bundle through the CLI', () => {
  it('ships no secret, internal name or organisation anywhere in the zip', async () => {
    const { entries, zip, map } = await exportBundle()
    const found = leaks(zip, 'zip bytes')
    for (const [name, content] of entries) found.push(...leaks(content, name))
    expect(found).toEqual([])
    // The map the user keeps never holds a secret's value either.
    expect(JSON.stringify(map)).not.toContain(EVENT_PASSWORD)
    expect(JSON.stringify(map)).not.toContain('Tr0ub4dor')
    expect(map.filter((r) => r.kind === 'secret').every((r) => r.original === '(secret, not kept)')).toBe(true)
  })

  it('changes xmpp-gateway.json only where the passphrase was (UTF-8 BOM, CRLF, 4-space layout kept)', async () => {
    const { entries } = await exportBundle()
    const out = entries.get('evidence/xmpp-gateway.json')!
    const token = /"DialbackPassphrase": {2}"(redacted-secret-\d+)"/.exec(out.toString('utf8'))?.[1]
    expect(token).toBeDefined()
    const expected = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(XMPP_GATEWAY_JSON.replace('Tr0ub4dor\\u0026Horse!', token!), 'utf8')])
    expect(out.equals(expected)).toBe(true)
    expect(JSON.parse(out.subarray(3).toString('utf8'))).toMatchObject({ DialbackPassphrase: token, ConnectionLimit: 1000 })
  })

  it('changes events.json (UTF-16LE with BOM) only at the names, addresses and secrets, keeping \\u0027 escapes valid', async () => {
    const { entries, map } = await exportBundle()
    const out = entries.get('evidence/events.json')!
    expect([...out.subarray(0, 2)]).toEqual([0xff, 0xfe])
    const text = out.subarray(2).toString('utf16le')
    const password = /password=(redacted-secret-\d+)/.exec(text)?.[1]
    const apiKey = /ApiKey: (redacted-secret-\d+)/.exec(text)?.[1]
    expect(password).toBeDefined()
    expect(apiKey).toBeDefined()
    const expected = expectedText(EVENTS_JSON, map, ['fe01.contoso.local', 'sql01.contoso.local', '10.0.0.7', 'svc-xmpp', 'CONTOSO'], { [EVENT_PASSWORD]: password!, [API_KEY]: apiKey! })
    expect(text).toBe(expected)
    expect(out.equals(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(expected, 'utf16le')]))).toBe(true)
    const parsed = JSON.parse(text) as { Message: string }[]
    expect(parsed[0]!.Message).toMatch(/^Dialback to 'host-\d+\.domain-\d+\.example' \(<host-\d+\.domain-\d+\.example>, 192\.0\.2\.\d+\)/)
  })

  it('replaces organisation parts of certificate names and keeps the rest (UTF-16LE with BOM)', async () => {
    const { entries } = await exportBundle()
    const out = entries.get('evidence/certificates.json')!
    expect([...out.subarray(0, 2)]).toEqual([0xff, 0xfe])
    const text = out.subarray(2).toString('utf16le')
    // Only the two name lines changed; layout, thumbprint, key usage stay.
    const changed = text.split('\r\n').filter((line, i) => line !== CERTIFICATES_JSON.split('\r\n')[i])
    expect(changed).toHaveLength(2)
    const [cert] = JSON.parse(text) as { Subject: string; Issuer: string; KeyUsage: string; HasPrivateKey: boolean }[]
    expect(cert!.Subject).toMatch(/^CN=host-\d+\.domain-\d+\.example, OU=unit-\d+, O=organisation-\d+, L=place-\d+, S=place-\d+, C=TW$/)
    expect(cert!.Issuer).toMatch(/^CN=DOMAIN-\d+ Issuing CA, DC=domain-\d+, DC=example$/)
    expect(cert).toMatchObject({ KeyUsage: 'DigitalSignature, KeyEncipherment', HasPrivateKey: true })
    const roots = JSON.parse(entries.get('evidence/root-store.json')!.subarray(3).toString('utf8')) as { Subject: string; Issuer: string }[]
    expect(roots[0]!.Issuer).toMatch(/^CN=DOMAIN-\d+ Root CA, O=organisation-\d+, L=place-\d+, C=US$/)
  })

  it('keeps a Big5 netstat in Big5, byte for byte apart from the addresses', async () => {
    const { entries, map } = await exportBundle()
    const input = buildSecretEvidenceFiles().get('netstat.txt')!
    const out = entries.get('evidence/netstat.txt')!
    // Big5 trail bytes are never digits or dots, so the addresses can be replaced in the raw bytes.
    const expected = Buffer.from(expectedText(input.toString('latin1'), map, ['10.0.1.10', '10.0.0.20', 'fe80::1', 'fe80::2']), 'latin1')
    expect(out.equals(expected)).toBe(true)
    expect(new TextDecoder('big5').decode(out)).toContain('作用中連線')
  })

  it('redacts the reports too, and report.json still parses', async () => {
    const { entries } = await exportBundle()
    const report = JSON.parse(entries.get('report.json')!.toString('utf8')) as { checks: { evidence: { text: string }[] }[] }
    const quoted = report.checks.flatMap((c) => c.evidence.map((e) => e.text)).find((t) => t.includes('Dialback to'))
    expect(quoted).toMatch(/^"Message": {2}"Dialback to \\u0027host-\d+\.domain-\d+\.example\\u0027 failed, password=redacted-secret-\d+"$/)
    for (const name of ['report.md', 'report.html']) expect(entries.get(name)!.toString('utf8')).toMatch(/password=redacted-secret-\d+/)
  })
})
