/** "Watch until healthy" on the run on screen: the switch's state, the polls that changed something, and the end. */
import type { WatchEnd, WatchPoll } from '../../src-shared/ipc/api-contract'
import { api } from '../lib/api'
import { toShownError, type ShownError } from '../lib/errors'
import { locale } from '../lib/i18n/locale.svelte'
import { WATCH_INTERVAL_SECONDS, WATCH_MAX_MINUTES, watchSettingsProblem } from '../../src-shared/watch/watch-limits'
import { run } from './run.svelte'

/** Kept on screen: a flapping server over hours must not grow the page without bound. */
const MAX_SHOWN_POLLS = 200

/** The interval and the limit are the user's settings: kept for the next watch and the next start of the app. */
const SETTINGS_KEY = 'xed.watch.settings'

function savedSettings(): { intervalSeconds: number; maxMinutes: number } {
  const defaults = { intervalSeconds: WATCH_INTERVAL_SECONDS.default, maxMinutes: WATCH_MAX_MINUTES.default }
  try {
    const saved = JSON.parse(localStorage.getItem(SETTINGS_KEY) ?? 'null') as { intervalSeconds?: unknown; maxMinutes?: unknown } | null
    const intervalSeconds = typeof saved?.intervalSeconds === 'number' ? saved.intervalSeconds : defaults.intervalSeconds
    const maxMinutes = typeof saved?.maxMinutes === 'number' ? saved.maxMinutes : defaults.maxMinutes
    // A stored value out of bounds (an older build, a hand edit) falls back to the defaults.
    return watchSettingsProblem(intervalSeconds, maxMinutes) ? defaults : { intervalSeconds, maxMinutes }
  } catch {
    return defaults
  }
}

class WatchState {
  runId = $state<string | null>(null)
  on = $state(false)
  intervalSeconds = $state<number>(savedSettings().intervalSeconds)
  /** The watch stops after this many minutes when the server is not healthy by then. */
  maxMinutes = $state<number>(savedSettings().maxMinutes)
  /** How many polls ran (all of them), and those worth showing: the first, the unreadable ones, the changed ones. */
  polls = $state(0)
  shown = $state<WatchPoll[]>([])
  end = $state<WatchEnd | null>(null)
  error = $state<ShownError | null>(null)
  private unsubscribe: (() => void) | null = null

  private listen(): void {
    this.unsubscribe ??= api.onRunProgress((progress) => {
      if (progress.runId !== this.runId) return
      if (progress.kind === 'watch-poll') {
        this.polls = progress.poll.index
        const { poll } = progress
        if (poll.first || poll.unreadable || poll.changes.length > 0) {
          this.shown.push(poll)
          if (this.shown.length > MAX_SHOWN_POLLS) this.shown.splice(1, 1)
        }
      } else if (progress.kind === 'watch-end') {
        this.end = progress.end
        this.on = false
        // The run shows what the watch saw last (its verdict, root cause, route), not the state it started from.
        const result = progress.end.result
        if (result && run.view?.runId === progress.runId) run.view = { ...run.view, result }
      }
    })
  }

  /** Forgets the previous run's watch when another run is shown. */
  showRun(runId: string): void {
    if (this.runId === runId) return
    this.runId = runId
    this.on = false
    this.polls = 0
    this.shown = []
    this.end = null
    this.error = null
  }

  private saveSettings(): void {
    try {
      localStorage.setItem(SETTINGS_KEY, JSON.stringify({ intervalSeconds: this.intervalSeconds, maxMinutes: this.maxMinutes }))
    } catch {
      // Storage refused (a locked-down profile): the settings still apply to this watch.
    }
  }

  async toggle(runId: string): Promise<void> {
    this.listen()
    this.showRun(runId)
    this.error = null
    try {
      if (this.on) {
        await api.stopWatch({ runId })
        return
      }
      // Said here, in the user's language, before the main process would refuse the request.
      const problem = watchSettingsProblem(this.intervalSeconds, this.maxMinutes)
      if (problem) {
        this.error = { name: 'WatchSettingsError', localized: problem, message: problem.en }
        return
      }
      this.saveSettings()
      this.shown = []
      this.polls = 0
      this.end = null
      this.on = true
      await api.watchRun({ runId, intervalSeconds: this.intervalSeconds, maxMinutes: this.maxMinutes, locale: locale.current })
    } catch (error) {
      this.on = false
      this.error = toShownError(error)
    }
  }
}

export const watch = new WatchState()
