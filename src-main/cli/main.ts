/**
 * The command line: `xmpp-edge-doctor <command> ...`. Each command lives in commands/ and returns its exit
 * code; this file only dispatches and turns errors into one clear line (exit 2 for bad input).
 */
import { EXIT_BAD_INPUT, UsageError, type CliIo } from './cli-io'

type Command = (args: readonly string[], io: CliIo) => Promise<number>

/**
 * Each command is loaded when it is named, never before: the probe, SQLite, the zip reader and the report
 * writers cost more to load than a short `analyze` or `demo` takes to run, and the bundled CLI keeps each
 * command in its own chunk (scripts/build.mjs).
 */
const COMMANDS: Readonly<Record<string, { load: () => Promise<Command>; summary: string }>> = {
  analyze: {
    load: async () => (await import('./commands/analyze-command')).runAnalyzeCommand,
    summary: 'analyze an evidence folder or .zip collected on an Edge or Front End',
  },
  demo: { load: async () => (await import('./commands/demo-command')).runDemoCommand, summary: 'list the built-in scenarios, or diagnose one' },
  collect: {
    load: async () => (await import('./commands/live-commands')).runCollectCommand,
    summary: 'collect evidence live on this server (Windows, read-only) into a folder',
  },
  diagnose: {
    load: async () => (await import('./commands/live-commands')).runDiagnoseCommand,
    summary: 'collect live on this server and diagnose at once (Windows, read-only)',
  },
  probe: {
    load: async () => (await import('./commands/probe-command')).runProbeCommand,
    summary: 'probe domains over XMPP server-to-server as a partner would (DNS, 5269, STARTTLS, certificate)',
  },
  watch: {
    load: async () => (await import('./commands/watch-command')).runWatchCommand,
    summary: 'watch an evidence folder (or this server, --live) until XMPP federation is healthy again',
  },
  'cert-check': {
    load: async () => (await import('./commands/cert-check-command')).runCertCheckCommand,
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
    summary: 'list, show, diff, export, import or delete recorded sessions',
  },
}

const USAGE = `xmpp-edge-doctor — XMPP federation troubleshooting for Lync Server 2013 / Skype for Business Server 2015

usage: xmpp-edge-doctor <command> [options]

${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(9)} ${c.summary}`)
  .join('\n')}

Exit codes: 0 healthy (warnings allowed), 1 problems found or not everything verified, 2 bad input.
`

/** Runs the CLI with the given arguments; never throws. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    io.stdout(USAGE)
    return name === undefined ? EXIT_BAD_INPUT : 0
  }
  const command = COMMANDS[name]
  if (!command) {
    io.stderr(`xmpp-edge-doctor: unknown command "${name}"\n\n${USAGE}`)
    return EXIT_BAD_INPUT
  }
  try {
    const run = await command.load()
    return await run(rest, io)
  } catch (error) {
    // parseArgs reports unknown/ill-typed options with codes starting ERR_PARSE_ARGS.
    const code = (error as { code?: string }).code ?? ''
    if (error instanceof UsageError || code.startsWith('ERR_PARSE_ARGS')) {
      io.stderr(`xmpp-edge-doctor ${name}: ${(error as Error).message}\n`)
      return EXIT_BAD_INPUT
    }
    io.stderr(`xmpp-edge-doctor ${name}: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
    return EXIT_BAD_INPUT
  }
}
