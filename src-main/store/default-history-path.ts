/** Where the history database lives when no --db is given. */
import { posix, win32 } from 'node:path'
import { text } from '../../src-shared/i18n/localized'
import { HistoryStoreError } from './store-errors'

/** Windows: %APPDATA%\xmpp-edge-doctor\history.sqlite3; elsewhere $XDG_DATA_HOME or ~/.local/share. */
export function defaultHistoryPath(
  env: Readonly<Record<string, string | undefined>>,
  platform: NodeJS.Platform,
  homeDirectory?: string,
): string {
  if (platform === 'win32') {
    const appData = env.APPDATA ?? (env.USERPROFILE ? win32.join(env.USERPROFILE, 'AppData', 'Roaming') : undefined)
    if (!appData) throw missingBase('APPDATA')
    return win32.join(appData, 'xmpp-edge-doctor', 'history.sqlite3')
  }
  // XDG Base Directory spec: a relative XDG_DATA_HOME is invalid and must be ignored.
  const xdg = env.XDG_DATA_HOME && posix.isAbsolute(env.XDG_DATA_HOME) ? env.XDG_DATA_HOME : undefined
  const home = homeDirectory ?? env.HOME
  const base = xdg ?? (home ? posix.join(home, '.local', 'share') : undefined)
  if (!base) throw missingBase('XDG_DATA_HOME / HOME')
  return posix.join(base, 'xmpp-edge-doctor', 'history.sqlite3')
}

function missingBase(variables: string): HistoryStoreError {
  return new HistoryStoreError(
    text(
      `Cannot find a folder for the history (${variables} is not set); pass --db <file>.`,
      `找不到存放歷程的資料夾（未設定 ${variables}）；請以 --db <檔案> 指定。`,
    ),
  )
}
