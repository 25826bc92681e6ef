/** Manifest domains reach checks, fix commands and probes: they are held to the same rule as --domain. */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseManifest } from '../../src-shared/evidence/parsers/manifest'
import { runCli } from '../../src-main/cli/main'
import { copyScenario } from '../cli/evidence-folder-helper'
import { writeFileSync } from 'node:fs'

const manifest = (domains: { sip?: unknown; xmpp?: unknown }) =>
  JSON.stringify({
    format: 'xmpp-edge-doctor/evidence',
    version: 1,
    host: 'EDGE01',
    role: 'Edge',
    collectedAt: '2026-11-20T01:30:00Z',
    sipDomains: domains.sip ?? ['contoso.com'],
    xmppDomains: domains.xmpp ?? ['contoso.com'],
    collector: 'test',
    files: [],
  })

describe('manifest.json domains', () => {
  it('accepts valid names, lower-cased, without a trailing dot', () => {
    const parsed = parseManifest(manifest({ sip: ['Contoso.COM.'], xmpp: ['xn--bcher-kva.example'] }))
    expect(parsed.sipDomains).toEqual(['contoso.com'])
    expect(parsed.xmppDomains).toEqual(['xn--bcher-kva.example'])
  })

  it.each([
    ["gmail.com'; Remove-Item C:\\ -Recurse -Force; '"],
    ['x$(Start-Process calc).com'],
    ['contoso.com\nfabrikam.com'],
    ['bücher.example'],
    ['localhost'],
  ])('refuses %j with the reason', (bad) => {
    expect(() => parseManifest(manifest({ xmpp: [bad] }))).toThrow(/xmppDomains/)
    expect(() => parseManifest(manifest({ sip: [bad] }))).toThrow(/sipDomains/)
  })

  it('analyze exits 2 and names the bad manifest domain', async () => {
    const dir = copyScenario('healthy-edge')
    const original = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Record<string, unknown>
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ ...original, xmppDomains: ["contoso.com'; Remove-Item C:\\ -Recurse; '"] }))
    let stderr = ''
    const code = await runCli(['analyze', dir, '--lang', 'en'], { stdout: () => undefined, stderr: (s) => (stderr += s) })
    expect(code).toBe(2)
    expect(stderr).toMatch(/manifest\.json: .*xmppDomains.*is not a domain name/)
  })
})
