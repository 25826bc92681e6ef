import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { extractConfigSnapshot } from '../../src-shared/report/config-snapshot'
import type { WritableDb } from '../../src-main/store/database-handles'
import { readEvidenceFiles } from '../../src-main/store/evidence-files'
import { getSessionDetail } from '../../src-main/store/session-details'
import { exportSessionToFile, importSessionFromFile, type SessionFile } from '../../src-main/store/session-file'
import { startSession } from '../../src-main/store/session-recorder'
import { SessionFileError } from '../../src-main/store/store-errors'
import { buildEvidence, buildProblemResult, buildRawEvidenceFiles, HOST } from '../report/helpers/sample-diagnosis'
import { useTempHistory } from './helpers/open-temp-history'
import { useTempDirs } from './helpers/temp-dir'

const openHistory = useTempHistory()
const makeDir = useTempDirs()

function recordProblem(db: WritableDb): number {
  const recorder = startSession(db, { host: HOST, role: 'Edge', productVersion: null, domains: ['contoso.com'], source: 'live', collectedAt: null })
  recorder.recordEvidence(buildRawEvidenceFiles(), extractConfigSnapshot(buildEvidence('problem')))
  recorder.recordDiagnosis(buildProblemResult())
  recorder.recordAnswer('q-edge-restarted', 'no')
  const started = recorder.startAction('Start-CsWindowsService -Name RTCXMPPTGWPX', 'edge')
  recorder.finishAction(started, { output: 'ok', exitCode: 0, succeeded: true })
  recorder.startAction('Test-CsXmppIM -Sender a -Receiver b', 'front-end') // never finished
  recorder.addNote('憑證已更新 after the change window')
  recorder.finishSession()
  return recorder.sessionId
}

describe('session files', () => {
  it('round-trips a session between two history files with its evidence', async () => {
    const source = openHistory().db
    const target = openHistory().db
    const id = recordProblem(source)
    const path = join(makeDir(), `session.xedsession`)
    exportSessionToFile(source, id, path)

    const imported = await importSessionFromFile(target, path)
    const { id: _a, ...original } = getSessionDetail(source, id)
    const { id: _b, ...copy } = getSessionDetail(target, imported.sessionId)
    expect(copy).toEqual(original)
    expect(readEvidenceFiles(target, imported.sessionId)).toEqual(readEvidenceFiles(source, id))
    expect(copy.actions.map((a) => a.status)).toEqual(['succeeded', 'started'])
  })

  it('refuses a duplicate, a tampered evidence file, a foreign format, and overwriting on export', async () => {
    const db = openHistory().db
    const id = recordProblem(db)
    const dir = makeDir()
    const path = join(dir, 'session.xedsession')
    exportSessionToFile(db, id, path)
    expect(() => exportSessionToFile(db, id, path)).toThrow(SessionFileError)
    await expect(importSessionFromFile(db, path)).rejects.toThrow(/already in this history/)

    const file = JSON.parse(readFileSync(path, 'utf8')) as SessionFile
    const target = openHistory().db
    const forged: SessionFile = {
      ...file,
      evidence: file.evidence.map((e) => (e.name === 'netstat.txt' ? { ...e, compression: 'none', contentBase64: Buffer.from('forged').toString('base64') } : e)),
    }
    writeFileSync(join(dir, 'forged.xedsession'), JSON.stringify(forged))
    await expect(importSessionFromFile(target, join(dir, 'forged.xedsession'))).rejects.toThrow(/netstat\.txt does not match its SHA-256/)

    writeFileSync(join(dir, 'other.json'), JSON.stringify({ format: 'something-else', version: 1 }))
    await expect(importSessionFromFile(target, join(dir, 'other.json'))).rejects.toThrow(/format is "something-else"/)
    writeFileSync(join(dir, 'broken.json'), '{"format": ')
    await expect(importSessionFromFile(target, join(dir, 'broken.json'))).rejects.toThrow(/not JSON/)
    const badCheck = { ...file, checkRuns: [{ recordedAt: file.checkRuns[0]!.recordedAt, results: [{ ...file.checkRuns[0]!.results[0], id: 'made-up-check' }] }] }
    writeFileSync(join(dir, 'bad-check.json'), JSON.stringify(badCheck))
    await expect(importSessionFromFile(target, join(dir, 'bad-check.json'))).rejects.toThrow(/results\[0\]\.id/)
    // Nothing half-imported.
    expect(target.prepare('SELECT count(*) FROM sessions').pluck().get()).toBe(0)
  })
})
