/**
 * Parsing cost is bounded by record caps applied while parsing, not only by the byte caps: evidence sets that
 * fit the 32 MiB / 128 MiB caps but hold millions of records are analyzed by the real CLI (a whole node
 * process, as a user runs it) and the diagnosis says what the caps left out. Time and memory are not asserted
 * here; `npm run bench` prints them (scripts/bench-evidence.ts).
 */
import { spawnSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { copyScenario } from './evidence-folder-helper'

const MiB = 1024 * 1024
const ROOT = join(import.meta.dirname, '..', '..')

interface CheckJson {
  readonly id: string
  readonly status: string
  readonly summary: { readonly en: string; readonly 'zh-TW': string }
}

/** `[{},{},…]`: the smallest records JSON allows, as many as fit in `bytes`. */
export function emptyObjects(bytes: number): { text: string; count: number } {
  const count = Math.floor((bytes - 2) / 3) + 1
  return { text: `[${'{},'.repeat(count - 1)}{}]`, count }
}

function analyze(dir: string) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'src-main/cli/bin.ts'), 'analyze', dir, '--json', '--lang', 'en'], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 64 * MiB,
    timeout: 120_000,
  })
  expect(result.error).toBeUndefined()
  const json = JSON.parse(result.stdout) as { verdict: string; checks: CheckJson[] }
  const check = (id: string) => json.checks.find((c) => c.id === id)!
  return { code: result.status, stderr: result.stderr, verdict: json.verdict, check }
}

describe('evidence sets within the byte caps but with millions of records', () => {
  it('a 30 MiB events.json of {}: the event check is unknown and says how much was read', () => {
    const dir = copyScenario('healthy-edge')
    const events = emptyObjects(30 * MiB)
    writeFileSync(join(dir, 'events.json'), events.text)
    const r = analyze(dir)
    expect(r.code).toBe(1)
    expect(r.verdict).not.toBe('healthy')
    expect(r.check('xmpp-event-log-clean').status).toBe('unknown')
    expect(r.check('xmpp-event-log-clean').summary.en).toContain(`only 0 of ${events.count} records were read`)
  }, 180_000)

  it('four 30 MiB files of {} (120 MiB): every check reading them is unknown, none passes', () => {
    const dir = copyScenario('healthy-edge')
    const filler = emptyObjects(30 * MiB)
    for (const file of ['events.json', 'services.json', 'xmpp-partners.json', 'certificates.json']) writeFileSync(join(dir, file), filler.text)
    const r = analyze(dir)
    expect(r.code).toBe(1)
    expect(r.verdict).not.toBe('healthy')
    for (const id of ['xmpp-event-log-clean', 'xmpp-partner-configured', 'xmpp-partner-negotiation-valid', 'edge-certificate-valid']) {
      expect(r.check(id).status, id).toBe('unknown')
    }
    expect(r.check('xmpp-partner-negotiation-valid').summary.en).toMatch(new RegExp(`xmpp-partners\\.json: only the first \\d+ of ${filler.count} records were read`))
    expect(r.check('edge-certificate-valid').summary.en).toContain(`certificates.json: only the first 10000 of ${filler.count} records were read`)
    for (const id of ['xmpp-components-installed', 'xmpp-proxy-service-running']) expect(r.check(id).status, id).not.toBe('pass')
  }, 180_000)

  it('a tasklist cell of 15 million services: the port checks that map processes say the cell was cut', () => {
    const dir = copyScenario('healthy-edge')
    // tasklist /svc /fo csv, as cmd.exe writes it (ASCII here): the scenario's rows, then one hostile row.
    const rows = readFileSync(join(dir, 'tasklist.csv')).toString('utf16le').replace(/^\uFEFF/, '')
    const services = 15_000_000
    writeFileSync(join(dir, 'tasklist.csv'), `${rows}"svchost.exe","9999","${'a,'.repeat(services - 1)}a"\r\n`, 'latin1')
    const r = analyze(dir)
    expect(r.code).toBe(1)
    for (const id of ['xmpp-external-port-listening', 'xmpp-internal-port-listening']) {
      expect(r.check(id).status, id).not.toBe('pass')
      expect(r.check(id).summary.en, id).toContain(`tasklist.csv: only the first 16000 of ${2 * services - 1} characters of one field were read`)
    }
  }, 180_000)
})
