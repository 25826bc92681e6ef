import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { runHistoryCommand } from '../../src-main/cli/commands/history-command'
import { HISTORY_APPLICATION_ID } from '../../src-main/store/database-handles'
import { openHistoryDatabase } from '../../src-main/store/open-database'
import { recordAnalysis } from '../../src-main/store/record-analysis'
import { addNoteToSession } from '../../src-main/store/session-recorder'
import { buildEvidence, buildHealthyResult, buildProblemResult, buildRawEvidenceFiles, HOST, PROXY_SERVICE } from '../report/helpers/sample-diagnosis'
import { useTempDirs } from './helpers/temp-dir'

const makeDir = useTempDirs('xed-history-cli-')

interface Run {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
}

async function run(db: string, ...args: string[]): Promise<Run> {
  let stdout = ''
  let stderr = ''
  const code = await runHistoryCommand(args, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) }, { defaultDbPath: db, env: { LANG: 'C' }, browserPath: null })
  return { code, stdout, stderr }
}

/** A history with the healthy run (id 1) and the problem run (id 2) of EDGE01. */
function seedHistory(): { db: string; dir: string } {
  const dir = makeDir()
  const db = join(dir, 'history.sqlite3')
  const opened = openHistoryDatabase({ path: db })
  let t = Date.parse('2026-11-01T08:00:00Z')
  recordAnalysis(opened.db, { result: buildHealthyResult(), files: buildRawEvidenceFiles(), evidence: buildEvidence('healthy'), now: () => new Date((t += 1000)) })
  t = Date.parse('2026-11-20T09:30:00Z')
  const problem = recordAnalysis(opened.db, { result: buildProblemResult(), files: buildRawEvidenceFiles(), evidence: buildEvidence('problem'), now: () => new Date((t += 1000)) })
  addNoteToSession(opened.db, problem.sessionId, 'PKI team renewed the certificate on 15 Nov.')
  opened.close()
  return { db, dir }
}

describe('history command', () => {
  it('lists, filters and searches', async () => {
    const { db } = seedHistory()
    const list = await run(db, 'list')
    expect(list.code).toBe(0)
    expect(list.stdout.split('\n')[0]).toMatch(/^ID\s+Started\s+Host\s+Verdict\s+Root cause$/)
    expect(list.stdout).toMatch(/^2\s+2026-11-20 09:30:01 UTC\s+EDGE01\.contoso\.local\s+Problems found\s+The XMPP proxy service is stopped$/m)
    expect(list.stdout).toContain('Showing 1–2 of 2')
    const filtered = JSON.parse((await run(db, 'list', '--json', '--host', 'edge01.CONTOSO.local', '--verdict', 'problems')).stdout) as { total: number }
    expect(filtered.total).toBe(1)
    expect(JSON.parse((await run(db, 'list', '--json', '--search', 'PKI')).stdout)).toMatchObject({ total: 1, items: [{ id: 2 }] })
    expect(JSON.parse((await run(db, 'list', '--json', '--since', '2026-11-10')).stdout)).toMatchObject({ total: 1 })
    const zh = await run(db, 'list', '--lang', 'zh-TW')
    expect(zh.stdout).toContain('發現問題')
    expect(zh.stdout).toContain('第 1–2 筆，共 2 筆')
  })

  it('shows a session for each audience', async () => {
    const { db } = seedHistory()
    const md = await run(db, 'show', '2')
    expect(md.code).toBe(0)
    expect(md.stdout).toContain('## Root cause: The XMPP proxy service is stopped')
    expect(md.stdout).toContain('## What changed since the last healthy run')
    expect(md.stdout).toContain(`Start-CsWindowsService -Name ${PROXY_SERVICE}`)
    expect((await run(db, 'show', '2', '--format', 'status')).stdout).toMatch(/^EDGE01\.contoso\.local \(contoso\.com\) — Problems found: The XMPP proxy service is stopped\. .*\n$/)
    const partner = await run(db, 'show', '2', '--format', 'partner', '--partner', 'fabrikam.com')
    expect(partner.stdout).toContain('between contoso.com and fabrikam.com')
    expect(partner.stdout).not.toContain('EDGE01')
    const json = JSON.parse((await run(db, 'show', '2', '--json')).stdout) as { format: string; session: { notes: unknown[] } }
    expect(json.format).toBe('xmpp-edge-doctor/result')
    expect(json.session.notes).toHaveLength(1)
    expect((await run(db, 'show', '2', '--format', 'docx')).code).toBe(2)
  })

  it('diffs against the last healthy run, or between two sessions', async () => {
    const { db } = seedHistory()
    const diff = await run(db, 'diff', '2')
    expect(diff.code).toBe(0)
    expect(diff.stdout).toContain(`Changes on ${HOST} since the healthy run of 2026-11-01 08:00:01 UTC (session 1):`)
    expect(diff.stdout).toContain(`changed  ${PROXY_SERVICE} · status: Running → Stopped`)
    expect(diff.stdout).toContain('restarted REPLICA · startedAt: 2026-10-30T06:00:03.000Z → 2026-11-20T09:05:00.000Z')
    expect(diff.stdout).toContain('removed  TCP 10.0.0.5:23456')
    const json = JSON.parse((await run(db, 'diff', '1', '2', '--json')).stdout) as { changes: unknown[] }
    expect(json.changes.length).toBeGreaterThan(5)
    expect((await run(db, 'diff', '1')).stdout).toContain('No earlier healthy run of EDGE01.contoso.local')
  })

  it('exports a session file and imports it into another history; writes reports and a support bundle', async () => {
    const { db, dir } = seedHistory()
    const sessionFile = join(dir, 'case.xedsession')
    expect((await run(db, 'export', '2', sessionFile)).code).toBe(0)
    const other = join(dir, 'other.sqlite3')
    const imported = await run(other, 'import', sessionFile)
    expect(imported.code).toBe(0)
    expect(imported.stdout).toMatch(/Imported session [\w-]+ as 1\./)
    expect((await run(other, 'show', '1', '--format', 'status')).stdout).toContain('Problems found')
    expect((await run(other, 'import', sessionFile)).code).toBe(2)

    const html = join(dir, 'case.html')
    expect((await run(db, 'export', '2', html)).code).toBe(0)
    expect(readFileSync(html, 'utf8')).toContain('<!DOCTYPE html>')
    const again = await run(db, 'export', '2', html)
    expect(again.code).toBe(2)
    expect(again.stderr).toContain('already exists')
    expect((await run(db, 'export', '2', html, '--force')).code).toBe(0)

    const zip = join(dir, 'case.zip')
    const bundle = await run(db, 'export', '2', zip, '--redaction-map', join(dir, 'map.json'))
    expect(bundle.code).toBe(0)
    expect(bundle.stdout).toContain('not in the zip')
    expect(readFileSync(zip).includes(Buffer.from('PK'))).toBe(true)
    expect(JSON.parse(readFileSync(join(dir, 'map.json'), 'utf8'))).toContainEqual(expect.objectContaining({ original: 'edge01.contoso.local' }))

    const pdf = await run(db, 'export', '2', join(dir, 'case.pdf'))
    expect(pdf.code).toBe(1)
    expect(pdf.stderr).toContain('Chromium, Chrome or Edge')
    expect((await run(db, 'export', '2', join(dir, 'case.docx'))).code).toBe(2)
  })

  it('deletes only with --yes, and reports unknown sessions and bad options as bad input', async () => {
    const { db } = seedHistory()
    const asked = await run(db, 'delete', '2')
    expect(asked.code).toBe(2)
    expect(asked.stderr).toContain('--yes')
    expect(JSON.parse((await run(db, 'list', '--json')).stdout)).toMatchObject({ total: 2 })
    expect((await run(db, 'delete', '2', '--yes')).stdout).toContain('Deleted session 2')
    expect(JSON.parse((await run(db, 'list', '--json')).stdout)).toMatchObject({ total: 1 })
    const missing = await run(db, 'show', '99')
    expect(missing).toMatchObject({ code: 2, stderr: expect.stringContaining('No session 99') })
    expect((await run(db, 'list', '--verdict', 'maybe')).code).toBe(2)
    expect((await run(db, 'list', '--limit', '0')).code).toBe(2)
    expect((await run(db, 'list', '--bogus')).code).toBe(2)
    expect((await run(db, 'frobnicate')).code).toBe(2)
    expect((await run(db)).stderr).toContain('usage: xmpp-edge-doctor history')
  })

  it('moves a corrupt file aside with a message and carries on; refuses a newer database', async () => {
    const dir = makeDir()
    const corrupt = join(dir, 'history.sqlite3')
    writeFileSync(corrupt, 'not a database at all '.repeat(20))
    const listed = await run(corrupt, 'list')
    expect(listed.code).toBe(0)
    expect(listed.stderr).toMatch(/is not a SQLite database .* moved to .*history\.sqlite3\.corrupt-/)
    expect(listed.stdout).toContain('No sessions match.')

    const future = join(dir, 'future.sqlite3')
    const raw = new Database(future)
    raw.pragma(`application_id = ${HISTORY_APPLICATION_ID}`)
    raw.pragma('user_version = 9990')
    raw.close()
    const refused = await run(future, 'list', '--lang', 'zh-TW')
    expect(refused.code).toBe(1)
    expect(refused.stderr).toContain('請更新應用程式')
    expect(existsSync(future)).toBe(true)
  })
})
