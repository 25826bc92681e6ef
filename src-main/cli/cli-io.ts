/** What a CLI command may write to; tests pass in-memory sinks. */
export interface CliIo {
  readonly stdout: (chunk: string) => void
  readonly stderr: (chunk: string) => void
}

/** Exit codes shared by every command: 0 healthy, 1 problems found (or not proven healthy), 2 bad input. */
export const EXIT_HEALTHY = 0
export const EXIT_PROBLEMS = 1
export const EXIT_BAD_INPUT = 2

/** A user mistake in the arguments: printed as one line, exit 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError'
}
