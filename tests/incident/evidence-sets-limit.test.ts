/**
 * Evidence sets diagnosed together must fit one history session (128 MiB of evidence files): `analyze a b c` and
 * the app's "open several" refuse more, before anything is parsed. The big sets are written here, in a temporary
 * folder (each file under the 32 MiB per-file cap, each set under the 128 MiB per-set cap), never committed.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { EVIDENCE_SETS_MAX_TOTAL_BYTES, evidenceSetsOverLimit } from '../../src-main/evidence-io/evidence-sets-limit'
import { openHistoryDatabase } from '../../src-main/store/open-database'
import { copyScenario } from '../cli/evidence-folder-helper'
import { createTestAppServices } from '../support/test-app-services'
import { runCliCaptured as run } from '../support/run-cli-captured'

const parsed = vi.hoisted(() => ({ count: 0 }))
vi.mock('../../src-shared/evidence/parse-evidence', async (original) => {
  const actual = await original<typeof import('../../src-shared/evidence/parse-evidence')>()
  return {
    ...actual,
    parseEvidence: (...args: Parameters<typeof actual.parseEvidence>) => {
      parsed.count++
      return actual.parseEvidence(...args)
    },
  }
})

const MIB = 1024 * 1024
/** One set: a healthy Edge whose event log and netstat output are 31 MiB each (a very busy server). */
const BIG_FILE_BYTES = 31 * MIB
let sets: string[] = []

beforeAll(() => {
  sets = [1, 2, 3].map(() => {
    const dir = copyScenario('healthy-edge')
    writeFileSync(join(dir, 'events.json'), Buffer.concat([Buffer.from('['), Buffer.alloc(BIG_FILE_BYTES - 2, ' '), Buffer.from(']')]))
    writeFileSync(join(dir, 'netstat.txt'), Buffer.alloc(BIG_FILE_BYTES, 'x'))
    return dir
  })
})

afterAll(() => {
  for (const dir of sets) rmSync(dirname(dir), { recursive: true, force: true })
})

describe('the limit on evidence sets together', () => {
  it('is what one history session keeps, and counts every byte of every set', () => {
    expect(EVIDENCE_SETS_MAX_TOTAL_BYTES).toBe(128 * MIB)
    const half = new Map([['events.json', new Uint8Array(64 * MIB)]])
    expect(evidenceSetsOverLimit([half, half], 2)).toBeNull()
    const over = evidenceSetsOverLimit([half, half, new Map([['netstat.txt', new Uint8Array(1)]])], 3)
    expect(over?.code).toBe('too-large')
    expect(over?.localized.en).toBe(
      'The evidence sets together hold more than 128 MiB, what one diagnosis keeps in the history (the 3 sets hold 128 MiB): diagnose fewer sets at once.',
    )
  })
})

describe('analyze with several sets over the limit', () => {
  it('exits 2 with one sentence in the chosen language, before parsing any set or reading the next one', async () => {
    parsed.count = 0
    // A fourth path that does not exist: reading it would fail with "not found" instead.
    const r = await run('analyze', ...sets, join(tmpdir(), 'xed-no-such-evidence'), '--lang', 'zh-TW')
    expect(r.code).toBe(2)
    expect(r.stdout).toBe('')
    expect(r.stderr).toMatch(/^xmpp-edge-doctor: 證據合計超過 128 MiB，即一次診斷可保存於歷程的上限（4 組證據中的前 3 組合計 \d+(\.\d)? MiB）：請一次診斷較少組證據。\n$/)
    expect(parsed.count).toBe(0)
  })

  it('with --json, the error is JSON on stdout (xmpp-edge-doctor/error, exit 2)', async () => {
    const r = await run('analyze', ...sets, '--json', '--lang', 'en')
    expect(r.code).toBe(2)
    const error = JSON.parse(r.stdout) as { format: string; exitCode: number; error: { code: string; message: string } }
    expect(error).toMatchObject({ format: 'xmpp-edge-doctor/error', exitCode: 2, error: { code: 'bad-input' } })
    expect(error.error.message).toMatch(/^The evidence sets together hold more than 128 MiB, .*\(the 3 sets hold \d+(\.\d)? MiB\): diagnose fewer sets at once\.$/)
  })

  it('two of the same sets fit and are diagnosed', async () => {
    parsed.count = 0
    const r = await run('analyze', sets[0]!, sets[1]!, '--json')
    expect([0, 1]).toContain(r.code)
    expect(JSON.parse(r.stdout)).toMatchObject({ format: 'xmpp-edge-doctor/result' })
    expect(parsed.count).toBe(2)
  })
})

describe('open several in the app over the limit', () => {
  it('is refused with the same sentence as the CLI, and nothing is analyzed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xed-sets-limit-'))
    const history = openHistoryDatabase({ path: join(dir, 'history.sqlite3') })
    const analyzer = vi.fn()
    const services = createTestAppServices(history.db, { pickEvidencePaths: async () => sets, analyzeEvidence: analyzer })
    try {
      await expect(services.openSeveralEvidence({ runId: 'run-sets-limit-1', kind: 'folder', domains: [], partners: [] })).rejects.toMatchObject({
        code: 'too-large',
        localized: {
          en: expect.stringMatching(/^The evidence sets together hold more than 128 MiB, .*\(the 3 sets hold \d+(\.\d)? MiB\): diagnose fewer sets at once\.$/),
          'zh-TW': expect.stringMatching(/^證據合計超過 128 MiB，.*（這 3 組證據合計 \d+(\.\d)? MiB）：請一次診斷較少組證據。$/),
        },
      })
      expect(analyzer).not.toHaveBeenCalled()
    } finally {
      await services.dispose()
      history.close()
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
