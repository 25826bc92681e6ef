/** `analyze`/`demo` with --db and --report: the session lands in a real SQLite file, the report on disk. */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCliCaptured as run } from '../support/run-cli-captured'

describe('recording and reporting', () => {
  it('records analyses and diffs a broken run against the last healthy one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xed-rec-'))
    const db = join(dir, 'history.sqlite3')
    expect((await run('analyze', 'tests/scenarios/healthy-edge', '--db', db)).code).toBe(0)
    const broken = await run('analyze', 'tests/scenarios/certificate-missing-domain-zh-tw', '--db', db, '--report', join(dir, 'report.md'), '--lang', 'en')
    expect(broken.code).toBe(1)
    expect(broken.stderr).toContain('recorded as session #2')
    const markdown = readFileSync(join(dir, 'report.md'), 'utf8')
    expect(markdown).toContain('edge-certificate-names')
    const list = await run('history', 'list', '--db', db, '--json')
    const listed = JSON.parse(list.stdout)
    expect(listed.total ?? listed.items?.length ?? listed.length).toBe(2)
    const diff = await run('history', 'diff', '2', '--db', db, '--json')
    expect(diff.code).toBe(0)
    expect(diff.stdout).toContain('contoso.com') // the certificate's names changed
  })

  it('never overwrites a report without --force', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xed-rec-'))
    const target = join(dir, 'report.html')
    writeFileSync(target, 'keep me')
    const r = await run('demo', 'healthy-edge', '--report', target)
    expect(r.code).toBe(2)
    expect(readFileSync(target, 'utf8')).toBe('keep me')
    expect((await run('demo', 'healthy-edge', '--report', target, '--force')).code).toBe(0)
    expect(readFileSync(target, 'utf8')).toContain('<html')
  })

  it('refuses a report format it cannot tell', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xed-rec-'))
    const r = await run('demo', 'healthy-edge', '--report', join(dir, 'report.docx'))
    expect(r.code).toBe(2)
    expect(existsSync(join(dir, 'report.docx'))).toBe(false)
  })
})
