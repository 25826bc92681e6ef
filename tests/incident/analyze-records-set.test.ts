/** `analyze <fe> <edge> --db`: the history records the incident set as one session holding both servers' files. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { readEvidenceFiles } from '../../src-main/store/evidence-files'
import { openHistoryDatabase } from '../../src-main/store/open-database'
import { importSessionFromFile } from '../../src-main/store/session-file'
import { runCliCaptured as cli } from '../support/run-cli-captured'

const SCENARIOS = join(import.meta.dirname, '..', 'scenarios')
const dir = mkdtempSync(join(tmpdir(), 'xed-incident-record-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('analyze with several evidence sets, recorded', () => {
  it('records one session with the Front End’s files as they are and the Edge’s under its host; export and import keep them', async () => {
    const db = join(dir, 'history.sqlite3')
    const r = await cli('analyze', join(SCENARIOS, 'healthy-frontend'), join(SCENARIOS, 'proxy-service-stopped'), '--db', db, '--json')
    expect(r.code).toBe(1)
    const history = openHistoryDatabase({ path: db })
    let names: string[]
    try {
      const files = readEvidenceFiles(history.db, 1)
      names = [...files.keys()].sort()
      expect(names).toContain('manifest.json')
      expect(names).toContain('server2--EDGE01--manifest.json')
      // The Edge's files byte for byte (PowerShell 5.1 wrote them as UTF-16), the Front End's as they were.
      expect(Buffer.from(files.get('server2--EDGE01--services.json')!)).toEqual(readFileSync(join(SCENARIOS, 'proxy-service-stopped', 'services.json')))
      expect(Buffer.from(files.get('services.json')!)).toEqual(readFileSync(join(SCENARIOS, 'healthy-frontend', 'services.json')))
    } finally {
      history.close()
    }
    const exported = join(dir, 'incident.xedsession')
    expect((await cli('history', 'export', '1', exported, '--db', db)).code).toBe(0)
    const other = openHistoryDatabase({ path: join(dir, 'other.sqlite3') })
    try {
      const imported = await importSessionFromFile(other.db, exported)
      expect([...readEvidenceFiles(other.db, imported.sessionId).keys()].sort()).toEqual(names)
    } finally {
      other.close()
    }
  })
})
