/**
 * The CLI's command names, apart from their code: the launcher (launcher.ts) keeps one code cache per command
 * and must not load main.ts to know them; main.ts's command table is checked against this list by the compiler.
 */
export const COMMAND_NAMES = ['analyze', 'demo', 'collect', 'diagnose', 'probe', 'watch', 'cert-check', 'history'] as const

export type CommandName = (typeof COMMAND_NAMES)[number]

/**
 * The code cache a run uses: one per command and per shape, since the code a run compiles depends on both:
 * `demo` lists the scenarios while `demo <name>` diagnoses one, `history` alone lists while `history show 3`
 * reads a session. A run whose second argument is an operand (not an option) gets the command's cache, one
 * without gets `<command>-bare`; help and unknown commands share "other". A run that lands in a cache made by
 * a differently shaped run is still correct, only slower.
 */
export function cacheVariantOf(args: readonly string[]): string {
  const [command, second] = args
  if (command === undefined || !(COMMAND_NAMES as readonly string[]).includes(command)) return 'other'
  if (args.includes('--help') || args.includes('-h')) return 'other'
  return second !== undefined && !second.startsWith('-') ? command : `${command}-bare`
}
