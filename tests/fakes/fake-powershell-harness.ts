import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createNodePowerShellSession } from '../../src-main/powershell/node-powershell-session'
import type { PowerShellSession } from '../../src-main/powershell/powershell-session'

/** Path of the fake PowerShell executable. */
export const FAKE_POWERSHELL = fileURLToPath(new URL('./fake-powershell.mjs', import.meta.url))

/** Folder of the fake's canned answers. */
export const FAKE_DATA_DIR = fileURLToPath(new URL('./fake-powershell-data/', import.meta.url))

export type FakeBehaviour = 'ok' | 'fail' | 'hang' | 'crash' | 'no-result'

/** How the fake should behave, per step name (evidence file name or 'detect-role'). */
export interface FakeScenario {
  readonly role?: 'Edge' | 'FrontEnd' | 'Unknown'
  /** The host name detect-role reports (default: the canned one). */
  readonly host?: string
  readonly commands?: Readonly<Record<string, FakeBehaviour>>
  readonly failMessage?: string
  /** A folder with the canned files to answer from (default: fake-powershell-data). */
  readonly dataDir?: string
}

/** One line of the fake's log. */
export interface FakeLogEntry {
  readonly pid: number
  readonly event: 'start' | 'invoke' | 'behaviour' | 'unknown' | 'sigterm'
  readonly step?: string
  readonly line?: string
  readonly script?: string
  readonly data?: { readonly domains: readonly string[]; readonly role: string }
  readonly argv?: readonly string[]
}

/** A temp folder with the fake's scenario and log, and a session factory pointing at the fake. */
export interface FakeHarness {
  readonly logPath: string
  createSession(): PowerShellSession
  readLog(): FakeLogEntry[]
  cleanup(): void
}

/** Sets up a fake PowerShell for one test. */
export function createFakeHarness(scenario: FakeScenario = {}): FakeHarness {
  const dir = mkdtempSync(join(tmpdir(), 'fake-ps-'))
  const logPath = join(dir, 'log.jsonl')
  const scenarioPath = join(dir, 'scenario.json')
  writeFileSync(scenarioPath, JSON.stringify(scenario))
  const env: NodeJS.ProcessEnv = { ...process.env, FAKE_PS_LOG: logPath, FAKE_PS_SCENARIO: scenarioPath }
  delete env.NODE_POWERSHELL
  return {
    logPath,
    createSession: () => createNodePowerShellSession({ executable: FAKE_POWERSHELL, env, killGraceMs: 1000 }),
    readLog: () =>
      existsSync(logPath)
        ? readFileSync(logPath, 'utf8')
            .split('\n')
            .filter((line) => line.length > 0)
            .map((line) => JSON.parse(line) as FakeLogEntry)
        : [],
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  }
}

/** The text the fake answers for a canned file, as PowerShell on Windows prints it (CRLF). */
export function readCannedText(name: string): string {
  return readFileSync(join(FAKE_DATA_DIR, name), 'utf8').replace(/\r?\n/g, '\r\n')
}

/** Waits until `condition` holds, polling every 20 ms, at most `timeoutMs`. */
export async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time')
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}
