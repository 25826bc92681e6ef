/**
 * The command line as scripts rely on it: help for every command, arguments checked before any work, errors
 * as JSON under --json, and exit codes that mean one thing each (0 healthy, 1 problems or not verified,
 * 2 bad input, 3 cannot run here, 4 internal error).
 */
import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runCliCaptured as run } from '../support/run-cli-captured'

const temp: string[] = []
afterAll(() => temp.forEach((dir) => rmSync(dir, { recursive: true, force: true })))
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'xed-contract-'))
  temp.push(dir)
  return dir
}

describe('<command> --help', () => {
  it.each(['analyze', 'demo', 'collect', 'diagnose', 'probe', 'watch', 'history', 'cert-check'])('%s --help prints its usage and exits 0', async (name) => {
    const r = await run(name, '--help')
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(new RegExp(`^usage: xmpp-edge-doctor ${name}`))
    expect(r.stderr).toBe('')
  })

  it('-h works too, and after "--" it is an argument, not a request for help', async () => {
    expect((await run('analyze', '-h')).code).toBe(0)
    expect((await run('analyze', '--', '--help')).code).toBe(2)
  })
})

describe('--answer', () => {
  it('refuses a node that is not a question, naming the questions', async () => {
    const r = await run('analyze', 'tests/scenarios/ports-closed-route-question', '--answer', 'q-route-asigned=yes')
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('"q-route-asigned" is not a question; the questions are q-route-assigned, q-topology-published')
    expect(r.stdout).toBe('')
  })

  it('refuses an answer the question does not offer, naming the ones it does', async () => {
    const r = await run('analyze', 'tests/scenarios/ports-closed-route-question', '--answer', 'q-route-assigned=maybe')
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('"maybe" is not an answer to q-route-assigned; use yes or no')
  })

  it('takes the setup checklist questions, and refuses a step the evidence verifies (nothing to answer)', async () => {
    const r = await run('demo', 'healthy-edge', '--answer', 'setup-1=yes', '--answer', 'setup-22=no', '--json')
    expect(r.stderr).toBe('')
    expect(JSON.parse(r.stdout).format).toBe('xmpp-edge-doctor/result')
    const verified = await run('demo', 'healthy-edge', '--answer', 'setup-2-3=yes')
    expect(verified.code).toBe(2)
    expect(verified.stderr).toContain('"setup-2-3" is not a question')
  })
})

describe('options checked before any work', () => {
  it('refuses --report out.docx before diagnosing (nothing printed)', async () => {
    const r = await run('analyze', 'tests/scenarios/healthy-edge', '--report', join(tempDir(), 'out.docx'))
    expect(r.code).toBe(2)
    expect(r.stdout).toBe('')
    expect(r.stderr).toContain('.html, .md, .json, .pdf or .txt')
  })

  it('refuses an existing report file without --force before diagnosing', async () => {
    const path = join(tempDir(), 'report.html')
    writeFileSync(path, 'keep me')
    const r = await run('demo', 'healthy-edge', '--report', path)
    expect(r.code).toBe(2)
    expect(r.stdout).toBe('')
    expect(r.stderr).toContain('--force')
  })
})

describe('--json errors', () => {
  it('a missing evidence folder: a JSON error object on stdout, the text on stderr, exit 2', async () => {
    const r = await run('analyze', '/nonexistent/evidence', '--json')
    expect(r.code).toBe(2)
    expect(JSON.parse(r.stdout)).toEqual({ format: 'xmpp-edge-doctor/error', version: 1, exitCode: 2, error: { code: 'bad-input', message: 'Nothing exists at /nonexistent/evidence.' } })
    expect(r.stderr).toContain('Nothing exists')
  })

  it('an unknown option and an unknown command are usage errors in JSON too', async () => {
    const option = await run('analyze', 'tests/scenarios/healthy-edge', '--json', '--frobnicate')
    expect(option.code).toBe(2)
    expect(JSON.parse(option.stdout).error.code).toBe('usage')
    const command = await run('frobnicate', '--json')
    expect(JSON.parse(command.stdout)).toMatchObject({ exitCode: 2, error: { code: 'usage', message: 'unknown command "frobnicate"' } })
  })
})

describe('exit codes', () => {
  it('a broken file among good ones gives the diagnosis, names the file, and exits 1 (not verified), not 2', async () => {
    const dir = join(tempDir(), 'EDGE01')
    cpSync('tests/scenarios/healthy-edge', dir, { recursive: true })
    writeFileSync(join(dir, 'services.json'), '[{"Name": "RTCXMPPTGWPX", "Status"')
    const r = await run('analyze', dir, '--json')
    expect(r.code).toBe(1)
    const json = JSON.parse(r.stdout)
    expect(json.format).toBe('xmpp-edge-doctor/result')
    expect(json.verdict).not.toBe('healthy')
    expect(r.stderr).toContain('services.json')
  })
})

describe('history note', () => {
  it('adds a note to a recorded session from the command line', async () => {
    const db = join(tempDir(), 'history.sqlite3')
    expect((await run('demo', 'proxy-service-stopped', '--db', db, '--json')).code).toBe(1)
    const added = await run('history', 'note', '1', 'Started', 'the', 'proxy', 'service', '--db', db)
    expect(added).toMatchObject({ code: 0, stdout: expect.stringContaining('to session 1') })
    const shown = JSON.parse((await run('history', 'show', '1', '--format', 'json', '--db', db)).stdout)
    expect(JSON.stringify(shown)).toContain('Started the proxy service')
    expect((await run('history', 'note', '1', '   ', '--db', db)).code).toBe(2)
    expect(existsSync(db)).toBe(true)
  })
})
