#!/usr/bin/env node
/**
 * The entry of the bundled CLI (out/cli/xmpp-edge-doctor.mjs, package.json `bin`): runs the command line
 * with the process's arguments. Kept apart from main.ts so that importing the CLI never runs it.
 */
import { runCli } from './main'
import { escapeControlCharacters } from '../../src-shared/text/escape-control'

// `xmpp-edge-doctor demo | head` closes the pipe early: stop quietly, as native tools do, not with a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0)
    throw error
  })
}

// The last guard for everything printed (reports, probe output, history, error lines): a control character from
// evidence or a server's answer shows as `\u001b`, never acts on the terminal. Line breaks stay; JSON stays valid.
const toConsole = (s: string) => escapeControlCharacters(s, { keepNewlines: true })

void runCli(process.argv.slice(2), {
  stdout: (s) => process.stdout.write(toConsole(s)),
  stderr: (s) => process.stderr.write(toConsole(s)),
}).then((code) => {
  process.exitCode = code
})
