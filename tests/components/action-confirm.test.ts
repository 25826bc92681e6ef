/**
 * ActionConfirm in Chromium: the dialog shows the exact command first, says where it runs and whether it changes the
 * server, tells the main process once it is on screen, and its Run button stays disabled until the main process
 * accepted that (ready) and while an action is busy.
 */
import { describe, expect, it } from 'vitest'
import type { ActionProposal } from '../../src-shared/ipc/api-contract'
import { RUN_ON_WORDS } from '../../src-shared/i18n/messages'
import { UI_STRINGS } from '../../src-renderer/lib/i18n/ui-strings'
import { useHarness } from './component-harness'

const harness = useHarness()

// A value read from evidence may carry a line break: the dialog must show it as a symbol, never as a second line.
const COMMAND = 'Start-CsWindowsService -Name RTCXMPPTGWPX\nRemove-Item C:\\x'
const PROPOSAL: ActionProposal = {
  token: 'proposal-token-0123456789abcdef0123456789',
  commandId: 'command-1',
  command: COMMAND,
  runOn: 'edge',
  changesServer: true,
  expiresAt: '2026-12-02T13:00:00.000Z',
}
const CALLBACKS = ['onshown', 'onconfirm', 'oncancel'] as const

const dialog = () => harness().page.getByTestId('action-confirm')
const callNames = async () => (await harness().calls()).map((call) => call.name)

describe('ActionConfirm', () => {
  it('shows the exact command and keeps Run disabled until the main process accepted the dialog', async () => {
    await harness().setLocale('en')
    await harness().mount('ActionConfirm', { proposal: PROPOSAL, busy: false, ready: false }, CALLBACKS)
    await harness().waitForCall('onshown')
    await expect(dialog().getAttribute('open')).resolves.toBe('')
    await expect(harness().page.getByTestId('confirm-command').textContent()).resolves.toBe('Start-CsWindowsService -Name RTCXMPPTGWPX\u240aRemove-Item C:\\x')
    await expect(dialog().textContent()).resolves.toContain(UI_STRINGS.confirmChanges.en)
    await expect(dialog().textContent()).resolves.toContain(`${UI_STRINGS.runOn.en}: ${RUN_ON_WORDS.edge.en}`)
    const run = dialog().getByRole('button', { name: UI_STRINGS.confirmRun.en })
    await expect(run.isDisabled()).resolves.toBe(true)

    await harness().update({ ready: true })
    await run.click()
    await harness().waitForCall('onconfirm')
    expect((await callNames()).filter((name) => name === 'onshown')).toHaveLength(1)

    await harness().update({ busy: true })
    await expect(run.isDisabled()).resolves.toBe(true)
  })

  it('backs out with Cancel or Escape and runs nothing', async () => {
    await harness().setLocale('en')
    await harness().mount('ActionConfirm', { proposal: PROPOSAL, busy: false, ready: true }, CALLBACKS)
    await harness().waitForCall('onshown')
    await dialog().getByRole('button', { name: UI_STRINGS.cancel.en }).click()
    await harness().waitForCall('oncancel')
    expect(await callNames()).not.toContain('onconfirm')

    await harness().mount('ActionConfirm', { proposal: PROPOSAL, busy: false, ready: true }, CALLBACKS)
    await harness().waitForCall('onshown')
    await harness().page.keyboard.press('Escape')
    await harness().waitForCall('oncancel')
    expect(await callNames()).not.toContain('onconfirm')
  })

  it('speaks Traditional Chinese: the question, where it runs and that it only reads', async () => {
    await harness().setLocale('zh-TW')
    await harness().mount('ActionConfirm', { proposal: { ...PROPOSAL, changesServer: false, runOn: 'front-end' }, busy: false, ready: false }, CALLBACKS)
    await harness().waitForCall('onshown')
    await expect(dialog().locator('h3').textContent()).resolves.toBe(UI_STRINGS.confirmTitle['zh-TW'])
    await expect(dialog().textContent()).resolves.toContain(UI_STRINGS.confirmReadOnly['zh-TW'])
    await expect(dialog().textContent()).resolves.toContain(`${UI_STRINGS.runOn['zh-TW']}：${RUN_ON_WORDS['front-end']['zh-TW']}`)
    await expect(dialog().getByRole('button', { name: UI_STRINGS.confirmRun['zh-TW'] }).isDisabled()).resolves.toBe(true)
    await expect(dialog().getByRole('button', { name: UI_STRINGS.cancel['zh-TW'] }).isEnabled()).resolves.toBe(true)
    await harness().setLocale('en')
  })
})
