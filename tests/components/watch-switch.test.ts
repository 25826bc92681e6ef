/**
 * WatchSwitch in Chromium: the limit and the interval are the user's settings; a value out of bounds is refused on
 * screen, in the user's language, before anything reaches the main process, and a good one is what the main
 * process is asked to watch with.
 */
import { describe, expect, it } from 'vitest'
import { watchSettingsProblem, WATCH_MAX_MINUTES } from '../../src-shared/watch/watch-limits'
import { useHarness } from './component-harness'

const harness = useHarness()

const card = () => harness().page.getByTestId('watch')
const watchRunCalls = async () => (await harness().calls()).filter((call) => call.name === 'invoke:watchRun')

describe('WatchSwitch', () => {
  it('refuses a limit out of bounds in both languages without asking the main process, then watches with the limit given', async () => {
    await harness().setLocale('en')
    await harness().mount('WatchSwitch', { runId: 'run-watch-1' })
    const tooLong = WATCH_MAX_MINUTES.max + 1
    const problem = watchSettingsProblem(30, tooLong)
    expect(problem).not.toBeNull()

    await card().getByTestId('watch-interval').fill('30')
    await card().getByTestId('watch-max-minutes').fill(String(tooLong))
    await card().getByTestId('watch-switch').click()
    await expect(card().getByText(problem!.en).isVisible()).resolves.toBe(true)
    await expect(card().getByTestId('watch-switch').isChecked()).resolves.toBe(false)

    await harness().setLocale('zh-TW')
    await card().getByTestId('watch-switch').click()
    await expect(card().getByText(problem!['zh-TW']).isVisible()).resolves.toBe(true)
    expect(await watchRunCalls()).toEqual([])

    await harness().setLocale('en')
    await harness().answer('watchRun', { ok: true, value: { watching: true } })
    await card().getByTestId('watch-max-minutes').fill('45')
    await card().getByTestId('watch-switch').click()
    const [request] = await harness().waitForCall('invoke:watchRun')
    expect(request).toEqual({ runId: 'run-watch-1', intervalSeconds: 30, maxMinutes: 45, locale: 'en' })
    await expect(card().getByText(problem!.en).count()).resolves.toBe(0)
    // While watching, the settings cannot change under it.
    await expect(card().getByTestId('watch-max-minutes').isDisabled()).resolves.toBe(true)
  })
})
