/** What a CLI command may write to; tests pass in-memory sinks. */
export interface CliIo {
  readonly stdout: (chunk: string) => void
  readonly stderr: (chunk: string) => void
}

/**
 * Exit codes shared by every command, one meaning each (README "Exit codes"):
 * 0 healthy (warnings allowed); 1 problems found, or not everything could be verified (a broken evidence file
 * among good ones included); 2 bad input (arguments, a path that is not evidence, a hostile zip, a bad domain);
 * 3 cannot run here (PowerShell or the Lync module unavailable on this machine); 4 an internal error (a bug).
 */
export const EXIT_HEALTHY = 0
export const EXIT_PROBLEMS = 1
export const EXIT_BAD_INPUT = 2
export const EXIT_UNAVAILABLE = 3
export const EXIT_INTERNAL = 4

/** A user mistake in the arguments: printed as one line, exit 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError'
}
