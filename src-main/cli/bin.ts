#!/usr/bin/env node
/**
 * The entry of the bundled CLI (out/cli/xmpp-edge-doctor.mjs, package.json `bin`): runs the command line
 * with the process's arguments. Kept apart from main.ts so that importing the CLI never runs it.
 */
import { runCli } from './main'

// `xmpp-edge-doctor demo | head` closes the pipe early: stop quietly, as native tools do, not with a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0)
    throw error
  })
}

void runCli(process.argv.slice(2), {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
}).then((code) => {
  process.exitCode = code
})
