import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { openHistoryDatabase } from '../../src-main/store/open-database'
import { getSessionDetail } from '../../src-main/store/session-details'
import { readEvidenceFiles } from '../../src-main/store/evidence-files'
import { useTempDirs } from './helpers/temp-dir'

const makeDir = useTempDirs()
const CHILD = fileURLToPath(new URL('./helpers/record-steps-child.ts', import.meta.url))
const ANALYSES_CHILD = fileURLToPath(new URL('./helpers/record-analyses-child.ts', import.meta.url))
const KILL_AFTER_ANALYSES = 15
const KILL_AFTER_STEPS = 40

interface ChildRun {
  readonly printed: readonly { n: number; kind: string }[]
  readonly signal: NodeJS.Signals | null
}

/** Runs the child until it has printed KILL_AFTER_STEPS steps, then SIGKILLs it (bounded by a timeout). */
function runAndKill(path: string): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, path], { stdio: ['ignore', 'pipe', 'pipe'] })
    const printed: { n: number; kind: string }[] = []
    let buffered = ''
    let stderr = ''
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`child did not reach ${KILL_AFTER_STEPS} steps in time; stderr: ${stderr}`))
    }, 20_000)
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString()
      const lines = buffered.split('\n')
      buffered = lines.pop() ?? ''
      for (const line of lines) {
        const match = /^STEP (\d+) (\w+) \d+$/.exec(line)
        if (match) printed.push({ n: Number(match[1]), kind: match[2]! })
      }
      if (printed.length >= KILL_AFTER_STEPS) child.kill('SIGKILL')
    })
    child.on('exit', (_code, signal) => {
      clearTimeout(timer)
      resolve({ printed, signal })
    })
  })
}

describe('crash safety', () => {
  it('loses no committed step when the recording process is killed with SIGKILL mid-session', async () => {
    const path = join(makeDir(), 'history.sqlite3')
    const run = await runAndKill(path)
    expect(run.signal).toBe('SIGKILL')
    expect(run.printed.length).toBeGreaterThanOrEqual(KILL_AFTER_STEPS)

    const opened = openHistoryDatabase({ path })
    try {
      expect(opened.notices).toEqual([]) // the file is intact, nothing moved aside
      // The killed process left its -wal: this open is after an unclean shutdown, so the full check ran.
      expect(opened.integrityCheck).toBe('quick_check')
      const sessions = opened.db.prepare('SELECT id, ended_at FROM sessions').all() as { id: number; ended_at: number | null }[]
      expect(sessions).toHaveLength(1)
      expect(sessions[0]?.ended_at).toBeNull() // cut short, not finished
      const session = getSessionDetail(opened.db, sessions[0]!.id)
      expect(readEvidenceFiles(opened.db, session.id).size).toBeGreaterThan(0)

      const answers = new Set(session.answers.map((a) => a.nodeId))
      const notes = new Set(session.notes.map((n) => n.body))
      const actions = new Map(session.actions.map((a) => [/# step (\d+)$/.exec(a.command)?.[1], a]))
      const runs = session.checkRuns.length
      for (const step of run.printed) {
        if (step.kind === 'answer') expect(answers.has(`node-${step.n}`), `answer ${step.n}`).toBe(true)
        if (step.kind === 'note') expect(notes.has(`note ${step.n}`), `note ${step.n}`).toBe(true)
        if (step.kind === 'action') expect(actions.get(String(step.n))?.status, `action ${step.n}`).toBe('succeeded')
      }
      expect(runs).toBeGreaterThanOrEqual(run.printed.filter((s) => s.kind === 'checks').length)
      expect(opened.db.pragma('integrity_check', { simple: true })).toBe('ok')
    } finally {
      opened.close()
    }
  })

  it('keeps every one-shot analysis it reported and no half-recorded one when killed with SIGKILL', async () => {
    const path = join(makeDir(), 'history.sqlite3')
    const recorded = await new Promise<string[]>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', ANALYSES_CHILD, path], { stdio: ['ignore', 'pipe', 'pipe'] })
      const uids: string[] = []
      let buffered = ''
      let stderr = ''
      const timer = setTimeout(() => {
        child.kill('SIGKILL')
        reject(new Error(`child did not record ${KILL_AFTER_ANALYSES} analyses in time; stderr: ${stderr}`))
      }, 20_000)
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
      child.stdout.on('data', (chunk: Buffer) => {
        buffered += chunk.toString()
        const lines = buffered.split('\n')
        buffered = lines.pop() ?? ''
        for (const line of lines) {
          const match = /^RECORDED (\S+)$/.exec(line)
          if (match) uids.push(match[1]!)
        }
        if (uids.length >= KILL_AFTER_ANALYSES) child.kill('SIGKILL')
      })
      child.on('exit', (_code, signal) => {
        clearTimeout(timer)
        if (signal === 'SIGKILL') resolve(uids)
        else reject(new Error(`child exited without being killed (${String(signal)}); stderr: ${stderr}`))
      })
    })
    const opened = openHistoryDatabase({ path })
    try {
      expect(opened.notices).toEqual([])
      const rows = opened.db.prepare('SELECT uid, ended_at FROM sessions').all() as { uid: string; ended_at: number | null }[]
      const stored = new Set(rows.map((r) => r.uid))
      for (const uid of recorded) expect(stored.has(uid), uid).toBe(true)
      // All or nothing: a session the kill interrupted is not there at all, so none is left open.
      expect(rows.filter((r) => r.ended_at === null)).toEqual([])
      const withoutResult = opened.db.prepare('SELECT count(*) FROM sessions WHERE verdict IS NULL').pluck().get()
      expect(withoutResult).toBe(0)
    } finally {
      opened.close()
    }
  })
})
