/**
 * How the app was started: as the desktop window, or as the command line (`"XMPP Edge Doctor.exe" --cli
 * analyze …`, issue "Fast start" item 2), so an admin on the Edge has the CLI without installing Node.
 */

/** The switch that turns the app into the command line; everything after it goes to the CLI unchanged. */
export const CLI_SWITCH = '--cli'

export type LaunchMode = { readonly kind: 'window' } | { readonly kind: 'cli'; readonly args: readonly string[] }

/**
 * Reads process.argv: `[exe, …]` when packaged, `[electron, '.', …]` in development. Only the first `--cli`
 * counts, and only before any `--` (after it, everything is someone else's argument).
 */
export function launchModeOf(argv: readonly string[]): LaunchMode {
  for (let i = 1; i < argv.length; i++) {
    if (argv[i] === '--') break
    if (argv[i] === CLI_SWITCH) return { kind: 'cli', args: argv.slice(i + 1) }
  }
  return { kind: 'window' }
}
