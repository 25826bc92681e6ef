/**
 * The CLI's command names, apart from their code: the launcher (launcher.ts) keeps one code cache per command
 * and must not load main.ts to know them; main.ts's command table is checked against this list by the compiler.
 */
export const COMMAND_NAMES = ['analyze', 'demo', 'collect', 'diagnose', 'probe', 'watch', 'cert-check', 'history'] as const

export type CommandName = (typeof COMMAND_NAMES)[number]

/** The code cache a run uses: its command's, or one shared by help and unknown commands. */
export function cacheVariantOf(firstArgument: string | undefined): string {
  return (COMMAND_NAMES as readonly string[]).includes(firstArgument ?? '') ? firstArgument! : 'other'
}
