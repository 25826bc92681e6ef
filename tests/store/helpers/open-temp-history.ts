/** Opens a real history file in a fresh temp folder. */
import { join } from 'node:path'
import { openHistoryDatabase, type OpenedHistory } from '../../../src-main/store/open-database'
import { afterEach } from 'vitest'
import { useTempDirs } from './temp-dir'

/** Registers cleanup; each call opens a new database file and returns it. */
export function useTempHistory(): () => OpenedHistory {
  const makeDir = useTempDirs()
  const opened: OpenedHistory[] = []
  afterEach(() => {
    for (const history of opened.splice(0)) if (history.db.open) history.close()
  })
  return () => {
    const history = openHistoryDatabase({ path: join(makeDir(), 'history.sqlite3') })
    opened.push(history)
    return history
  }
}
