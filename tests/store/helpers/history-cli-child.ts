/**
 * Child process for the resource-bound tests: runs `xmpp-edge-doctor <argv>` through the real CLI entry and
 * prints one JSON line with the exit code, what the CLI wrote to stderr, and the process's peak resident
 * memory (so a test can bound memory without timing anything).
 */
import { runCli } from '../../../src-main/cli/main'

const argv = process.argv.slice(2)
let stderr = ''
let stdout = ''
const started = performance.now()
const code = await runCli(argv, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) })
const result = { code, stdout, stderr, maxRssBytes: process.resourceUsage().maxRSS * 1024, elapsedMs: Math.round(performance.now() - started) }
process.stdout.write(`${JSON.stringify(result)}\n`)
