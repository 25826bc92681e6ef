/**
 * The command line: `xmpp-edge-doctor <command> ...`. Each command lives in commands/ and returns its exit
 * code; this file only dispatches and turns errors into one clear line (exit 2 for bad input).
 */
import { EXIT_BAD_INPUT, EXIT_HEALTHY, EXIT_INTERNAL, EXIT_PROBLEMS, EXIT_UNAVAILABLE, UsageError, type CliIo } from './cli-io'
import type { CommandName } from './command-names'

type Command = (args: readonly string[], io: CliIo) => Promise<number>

/**
 * Each command is loaded when it is named, never before: the probe, SQLite, the zip reader and the report
 * writers cost more to load than a short `analyze` or `demo` takes to run, and the bundled CLI keeps each
 * command in its own chunk (scripts/build.mjs).
 */
interface CommandEntry {
  readonly load: () => Promise<Command>
  /** The command's own usage text (`<command> --help`), from the module that parses its options. */
  readonly usage: () => Promise<string>
  readonly summary: string
}

// `satisfies`: every name in command-names.ts has an entry and no entry lacks a name (the launcher keys its
// code cache by them).
const COMMANDS: Readonly<Record<string, CommandEntry>> = {
  analyze: {
    load: async () => (await import('./commands/analyze-command')).runAnalyzeCommand,
    usage: async () => (await import('./commands/analyze-command')).ANALYZE_USAGE,
    summary: 'analyze an evidence folder or .zip collected on an Edge or Front End',
  },
  demo: {
    load: async () => (await import('./commands/demo-command')).runDemoCommand,
    usage: async () => (await import('./commands/demo-command')).DEMO_USAGE,
    summary: 'list the built-in scenarios, or diagnose one',
  },
  collect: {
    load: async () => (await import('./commands/live-commands')).runCollectCommand,
    usage: async () => (await import('./commands/live-commands')).COLLECT_USAGE,
    summary: 'collect evidence live on this server (Windows, read-only) into a folder',
  },
  diagnose: {
    load: async () => (await import('./commands/live-commands')).runDiagnoseCommand,
    usage: async () => (await import('./commands/live-commands')).DIAGNOSE_USAGE,
    summary: 'collect live on this server and diagnose at once (Windows, read-only)',
  },
  probe: {
    load: async () => (await import('./commands/probe-command')).runProbeCommand,
    usage: async () => (await import('./commands/probe-command')).PROBE_USAGE,
    summary: 'probe domains over XMPP server-to-server as a partner would (DNS, 5269, STARTTLS, certificate)',
  },
  watch: {
    load: async () => (await import('./commands/watch-command')).runWatchCommand,
    usage: async () => (await import('./commands/watch-command')).WATCH_USAGE,
    summary: 'watch an evidence folder (or this server, --live) until XMPP federation is healthy again',
  },
  'cert-check': {
    load: async () => (await import('./commands/cert-check-command')).runCertCheckCommand,
    usage: async () => (await import('./commands/cert-check-command')).CERT_CHECK_USAGE,
    summary: 'check a certificate (.pfx/.pem/.cer) before assigning it to the Access Edge external interface',
  },
  history: {
    load: async () => {
      const [{ runHistoryCommand }, { defaultHistoryPath }] = await Promise.all([
        import('./commands/history-command'),
        import('../store/default-history-path'),
      ])
      return (args, io) => runHistoryCommand(args, io, { defaultDbPath: defaultHistoryPath(process.env, process.platform) })
    },
    usage: async () => (await import('./commands/history-command')).HISTORY_USAGE,
    summary: 'list, show, diff, export, import or delete recorded sessions',
  },
} satisfies Record<CommandName, CommandEntry>

const USAGE = `xmpp-edge-doctor — XMPP federation troubleshooting for Lync Server 2013 / Skype for Business Server 2015

usage: xmpp-edge-doctor <command> [options]

${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(9)} ${c.summary}`)
  .join('\n')}

Exit codes: 0 healthy (warnings allowed), 1 problems found or not everything verified, 2 bad input,
3 cannot run here (PowerShell / the Lync module unavailable), 4 internal error.
\`xmpp-edge-doctor <command> --help\` shows a command's options.
`

/** Runs the CLI with the given arguments; never throws. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    io.stdout(USAGE)
    return name === undefined ? EXIT_BAD_INPUT : EXIT_HEALTHY
  }
  const json = wantsJson(rest)
  const command = COMMANDS[name]
  if (!command) {
    return failWith({ io, json, exitCode: EXIT_BAD_INPUT, code: 'usage', message: `unknown command "${name}"`, text: `xmpp-edge-doctor: unknown command "${name}"\n\n${USAGE}` })
  }
  if (wantsHelp(rest)) {
    io.stdout(`${await command.usage()}\n`)
    return EXIT_HEALTHY
  }
  // With --json, stdout carries JSON only: an error a command prints as text is also given as a JSON object.
  const errors: string[] = []
  const commandIo: CliIo = json ? { stdout: io.stdout, stderr: (chunk) => (errors.push(chunk), io.stderr(chunk)) } : io
  let wroteStdout = false
  const trackedIo: CliIo = { stdout: (chunk) => ((wroteStdout = true), commandIo.stdout(chunk)), stderr: commandIo.stderr }
  try {
    const run = await command.load()
    const exitCode = await run(rest, trackedIo)
    if (json && exitCode > EXIT_PROBLEMS && !wroteStdout) {
      io.stdout(errorJson(exitCode, codeFor(exitCode), errors.join('').replace(/^xmpp-edge-doctor:\s*/gm, '').trim()))
    }
    return exitCode
  } catch (error) {
    // parseArgs reports unknown/ill-typed options with codes starting ERR_PARSE_ARGS.
    const code = (error as { code?: string }).code ?? ''
    if (error instanceof UsageError || code.startsWith('ERR_PARSE_ARGS')) {
      const message = (error as Error).message
      return failWith({ io, json, exitCode: EXIT_BAD_INPUT, code: 'usage', message, text: `xmpp-edge-doctor ${name}: ${message}\n` })
    }
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error)
    return failWith({ io, json, exitCode: EXIT_INTERNAL, code: 'internal', message: error instanceof Error ? error.message : String(error), text: `xmpp-edge-doctor ${name}: unexpected error: ${detail}\n` })
  }
}

/** `--json` among the options (before a `--` that ends them). */
function wantsJson(args: readonly string[]): boolean {
  return optionsOf(args).includes('--json')
}

/** `--help` or `-h` among the options: the command's usage, exit 0, nothing else runs. */
function wantsHelp(args: readonly string[]): boolean {
  const options = optionsOf(args)
  return options.includes('--help') || options.includes('-h')
}

function optionsOf(args: readonly string[]): readonly string[] {
  const end = args.indexOf('--')
  return end === -1 ? args : args.slice(0, end)
}

type ErrorCode = 'usage' | 'bad-input' | 'unavailable' | 'internal'

function codeFor(exitCode: number): ErrorCode {
  return exitCode === EXIT_UNAVAILABLE ? 'unavailable' : exitCode === EXIT_INTERNAL ? 'internal' : 'bad-input'
}

/** The error object `--json` prints on stdout: {"format":"xmpp-edge-doctor/error","version":1,...}. */
function errorJson(exitCode: number, code: ErrorCode, message: string): string {
  return `${JSON.stringify({ format: 'xmpp-edge-doctor/error', version: 1, exitCode, error: { code, message } }, null, 2)}\n`
}

function failWith(failure: { io: CliIo; json: boolean; exitCode: number; code: ErrorCode; message: string; text: string }): number {
  failure.io.stderr(failure.text)
  if (failure.json) failure.io.stdout(errorJson(failure.exitCode, failure.code, failure.message))
  return failure.exitCode
}
