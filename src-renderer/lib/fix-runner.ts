/** What a live run hands the fix panels: which commands may run on this server, and how to ask for it. */

export interface FixRunner {
  /** The id the main process gave this command in this run when it may run here; null otherwise. */
  idOf(command: string): string | null
  /** Asks the main process to propose the command; nothing runs before the user confirms it. */
  run(commandId: string): void
}
