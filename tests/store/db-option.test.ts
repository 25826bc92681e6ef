/**
 * `--db <file>` names the user's own file: when it is not a history database it is refused (exit 2) and
 * left exactly as it was. Only the app's own default database is moved aside when unusable.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { runHistoryCommand } from '../../src-main/cli/commands/history-command'
import { useTempDirs } from './helpers/temp-dir'
import { runCliCaptured as cli } from '../support/run-cli-captured'

const makeDir = useTempDirs('xed-db-option-')

/** A text file and a foreign SQLite database, each with its exact bytes. */
function userFiles(): { dir: string; notes: string; notesBytes: Buffer; foreign: string; foreignBytes: Buffer } {
  const dir = makeDir()
  const notes = join(dir, 'notes.txt')
  writeFileSync(notes, 'Edge cutover plan\r\n- renew certificate\r\n'.repeat(10))
  const foreign = join(dir, 'inventory.db')
  const raw = new Database(foreign)
  raw.exec('CREATE TABLE servers (name TEXT)')
  raw.prepare('INSERT INTO servers VALUES (?)').run('EDGE01')
  raw.close()
  return { dir, notes, notesBytes: readFileSync(notes), foreign, foreignBytes: readFileSync(foreign) }
}

describe('--db pointing at a file that is not a history', () => {
  it('history list/import refuse with exit 2 and leave the file and its folder untouched', async () => {
    const { dir, notes, notesBytes, foreign, foreignBytes } = userFiles()
    const before = readdirSync(dir).sort()
    for (const [path, bytes] of [[notes, notesBytes], [foreign, foreignBytes]] as const) {
      const listed = await cli('history', 'list', '--db', path)
      expect(listed.code, listed.stderr).toBe(2)
      expect(listed.stderr).toContain(path)
      expect(listed.stderr).toMatch(/not an xmpp-edge-doctor history/)
      expect(listed.stderr).not.toMatch(/moved to/)
      expect(readFileSync(path).equals(bytes)).toBe(true)
    }
    const zh = await cli('history', 'list', '--db', notes, '--lang', 'zh-TW')
    expect(zh.code).toBe(2)
    expect(zh.stderr).toContain('不是 xmpp-edge-doctor 的歷程')
    expect(readdirSync(dir).sort()).toEqual(before)
  })

  it('analyze --db refuses with exit 2 and records nothing', async () => {
    const { dir, notes, notesBytes } = userFiles()
    const before = readdirSync(dir).sort()
    const analyzed = await cli('analyze', 'tests/scenarios/healthy-edge', '--db', notes)
    expect(analyzed.code, analyzed.stderr).toBe(2)
    expect(analyzed.stderr).toMatch(/not an xmpp-edge-doctor history/)
    expect(readFileSync(notes).equals(notesBytes)).toBe(true)
    expect(readdirSync(dir).sort()).toEqual(before)
  })

  it('the default database (no --db) is still moved aside, with a notice', async () => {
    const dir = makeDir()
    const defaultDb = join(dir, 'history.sqlite3')
    writeFileSync(defaultDb, 'garbage '.repeat(30))
    let stderr = ''
    const code = await runHistoryCommand(['list'], { stdout: () => {}, stderr: (s) => (stderr += s) }, { defaultDbPath: defaultDb, env: { LANG: 'C' } })
    expect(code).toBe(0)
    expect(stderr).toMatch(/moved to .*history\.sqlite3\.corrupt-/)
    expect(readdirSync(dir).some((name) => name.startsWith('history.sqlite3.corrupt-'))).toBe(true)
    expect(existsSync(defaultDb)).toBe(true)
  })
})
