/** Which screen is shown, and what the main process told us at start. */
import type { AppInfo, MenuCommand } from '../../src-shared/ipc/api-contract'
import { api } from '../lib/api'
import { toShownError, type ShownError } from '../lib/errors'
import { locale } from '../lib/i18n/locale.svelte'

export type Screen = { readonly name: 'home' } | { readonly name: 'run' } | { readonly name: 'history' } | { readonly name: 'session'; readonly sessionId: number }

class AppState {
  screen = $state<Screen>({ name: 'home' })
  info = $state<AppInfo | null>(null)
  error = $state<ShownError | null>(null)

  /** Loads the app info and takes the OS language as the default. */
  async load(): Promise<void> {
    try {
      const info = await api.getAppInfo()
      this.info = info
      locale.set(info.locale)
    } catch (error) {
      this.error = toShownError(error)
    }
  }

  show(screen: Screen): void {
    this.screen = screen
    this.error = null
  }

  /** A command from the application menu. */
  handleMenu(command: MenuCommand, openEvidence: (kind: 'folder' | 'zip') => void): void {
    if (command === 'home') this.show({ name: 'home' })
    else if (command === 'history') this.show({ name: 'history' })
    else if (command === 'language-en') locale.set('en')
    else if (command === 'language-zh-TW') locale.set('zh-TW')
    else openEvidence(command === 'open-zip' ? 'zip' : 'folder')
  }
}

/** The app's one screen state. */
export const app = new AppState()
