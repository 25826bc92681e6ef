/** Control characters from evidence never reach the terminal raw: they are shown as visible escapes. */
import { spawnSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { escapeControlCharacters } from '../../src-shared/text/escape-control'
import { copyScenario, psDate, writeEvidenceText } from './evidence-folder-helper'
import { runCliCaptured as run } from '../support/run-cli-captured'

const CLEAR_SCREEN = '\u001b[2J'
const OSC52 = '\u001b]52;c;ZWNobyBwd25lZA==\u0007'

function hostileFolder(): string {
  const dir = copyScenario('healthy-edge')
  writeEvidenceText(
    dir,
    'services.json',
    JSON.stringify([
      { Name: 'RTCSRV', DisplayName: 'Skype for Business Server Access Edge', Status: 4, StartType: 2 },
      { Name: 'RTCXMPPTGWPX', DisplayName: `Skype for Business Server XMPP Translating Gateway Proxy${CLEAR_SCREEN}`, Status: 1, StartType: 2 },
    ]),
  )
  writeEvidenceText(
    dir,
    'events.json',
    JSON.stringify([
      {
        TimeCreated: psDate('2026-11-20T01:00:00Z'),
        Id: 1,
        Level: 2,
        LevelDisplayName: 'Error',
        ProviderName: 'LS XMPP Translating Gateway Proxy',
        Message: `Connection failed${OSC52}\r\nHealthy`,
      },
    ]),
  )
  return dir
}

describe('terminal escapes in human output', () => {
  it('escapes ESC[2J in a DisplayName and OSC 52 in an event message', async () => {
    const r = await run('analyze', hostileFolder(), '--lang', 'en', '--verbose', '--checklist')
    expect(r.code).toBe(1)
    // eslint-disable-next-line no-control-regex -- the assertion is about control characters
    expect(r.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/)
    expect(r.stdout).toContain('Proxy\\u001b[2J')
    expect(r.stdout).toContain('\\u001b]52;c;ZWNobyBwd25lZA==\\u0007')
    // The event's own line break cannot start a line of its own in the report.
    expect(r.stdout).not.toMatch(/^Healthy$/m)
  })

  it('keeps JSON output valid and the values intact', async () => {
    const r = await run('analyze', hostileFolder(), '--json')
    const json = JSON.parse(r.stdout) as { checks: { evidence: { text: string }[] }[] }
    expect(json.checks.flatMap((c) => c.evidence.map((e) => e.text)).some((t) => t.includes(OSC52))).toBe(true)
  })
})

describe('escapeControlCharacters', () => {
  it('escapes C0, DEL, C1, line separators and bidi overrides; keeps tab and printable text', () => {
    expect(escapeControlCharacters('a\u001b[2Jb\u0007\u009b\u007f\u2028\u202e\tç中')).toBe(
      'a\\u001b[2Jb\\u0007\\u009b\\u007f\\u2028\\u202e\tç中',
    )
    expect(escapeControlCharacters('one\ntwo\r', { keepNewlines: true })).toBe('one\ntwo\\u000d')
    expect(escapeControlCharacters('one\ntwo')).toBe('one\\u000atwo')
  })
})

describe('the CLI process (bin.ts)', () => {
  it('escapes control characters in every line it prints, error lines included', () => {
    const dir = hostileFolder()
    writeFileSync(
      join(dir, 'manifest.json'),
      JSON.stringify({ format: `xmpp-edge-doctor/evidence${OSC52}`, version: 1, host: 'EDGE01', role: 'Edge', collectedAt: '2026-11-20T01:30:00Z', files: [] }),
    )
    const root = join(import.meta.dirname, '..', '..')
    const result = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'src-main/cli/bin.ts'), 'analyze', dir, '--lang', 'en'], {
      cwd: root,
      encoding: 'utf8',
      timeout: 60_000,
    })
    expect(result.status).toBe(1) // a broken manifest among other files: diagnosed, not everything verified
    expect(result.stderr).toContain('manifest.json has format "xmpp-edge-doctor/evidence\\u001b]52;c;ZWNobyBwd25lZA==\\u0007"')
    // eslint-disable-next-line no-control-regex -- the assertion is about control characters
    expect(result.stdout + result.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/)
  })
})
