/** The CLI in-process as the tests run it: its exit code and everything it wrote, each stream on its own. */
import { runCli } from '../../src-main/cli/main'

/** What one CLI run gave back. */
export interface CapturedCliRun {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
}

/** Runs the CLI with `argv` (no program name) and collects its output. */
export async function runCliCaptured(...argv: string[]): Promise<CapturedCliRun> {
  let stdout = ''
  let stderr = ''
  const code = await runCli(argv, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) })
  return { code, stdout, stderr }
}
