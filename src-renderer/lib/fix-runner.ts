/** What a live run hands the fix panels: which commands may run on this server, and how to ask for it. */
import type { Fix } from '../../src-shared/diagnostics/check-types'

export interface FixRunner {
  canRun(fix: Fix, command: string): boolean
  /** Asks the main process for a confirmation; nothing runs before the user confirms. */
  run(command: string): void
}
