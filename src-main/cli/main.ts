#!/usr/bin/env node
/**
 * The command line: `xmpp-edge-doctor <command> ...`. Each command lives in commands/ and returns its exit
 * code; this file only dispatches and turns errors into one clear line (exit 2 for bad input).
 */
import { pathToFileURL } from 'node:url'
import { EXIT_BAD_INPUT, UsageError, type CliIo } from './cli-io'
import { runAnalyzeCommand } from './commands/analyze-command'
import { runDemoCommand } from './commands/demo-command'
import { runCollectCommand, runDiagnoseCommand } from './commands/live-commands'
import { runProbeCommand } from './commands/probe-command'
import { runHistoryCommand } from './commands/history-command'
import { defaultHistoryPath } from '../store/default-history-path'

type Command = (args: readonly string[], io: CliIo) => Promise<number>

const COMMANDS: Readonly<Record<string, { run: Command; summary: string }>> = {
  analyze: { run: runAnalyzeCommand, summary: 'analyze an evidence folder or .zip collected on an Edge or Front End' },
  demo: { run: runDemoCommand, summary: 'list the built-in scenarios, or diagnose one' },
  collect: { run: runCollectCommand, summary: 'collect evidence live on this server (Windows, read-only) into a folder' },
  diagnose: { run: runDiagnoseCommand, summary: 'collect live on this server and diagnose at once (Windows, read-only)' },
  probe: { run: runProbeCommand, summary: 'probe domains over XMPP server-to-server as a partner would (DNS, 5269, STARTTLS, certificate)' },
  history: {
    run: (args, io) => runHistoryCommand(args, io, { defaultDbPath: defaultHistoryPath(process.env, process.platform) }),
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
    return await command.run(rest, io)
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

const isEntryPoint = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href
if (isEntryPoint) {
  const io: CliIo = { stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s) }
  void runCli(process.argv.slice(2), io).then((code) => {
    process.exitCode = code
  })
}
