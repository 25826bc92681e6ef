/**
 * RunView in Chromium with the real run store and a fake main process behind `window.xed`: the finished run shows
 * its title and the root cause as a headline, in both languages; in a live run a fix command goes through the
 * confirmation dialog, whose Run button waits for the main process to accept that the dialog shows the command.
 */
import { describe, expect, it } from 'vitest'
import { CHECK_CATALOG } from '../../src-shared/diagnostics/all-checks'
import { LABELS } from '../../src-shared/i18n/messages'
import type { ActionProposal } from '../../src-shared/ipc/api-contract'
import type { ActionRecord } from '../../src-shared/report/session-record'
import { UI_STRINGS } from '../../src-renderer/lib/i18n/ui-strings'
import { useHarness } from './component-harness'
import { runViewOf, scenarioResult } from './scenario-results'

const harness = useHarness()

const rootCause = () => harness().page.getByTestId('root-cause')

describe('RunView', () => {
  it('shows the run\'s title and the root cause as its headline, with the failed check, in English and Chinese', async () => {
    const result = await scenarioResult('proxy-service-stopped')
    const explanation = result.rootCause?.explanation
    const checkTitle = result.rootCause?.checkId ? CHECK_CATALOG.get(result.rootCause.checkId)?.title : undefined
    if (!explanation || !checkTitle) throw new Error('proxy-service-stopped has no root cause from a check')
    await harness().setLocale('en')
    await harness().mount('RunView')
    await harness().showRun(runViewOf(result))

    await expect(harness().page.getByTestId('run-title').textContent()).resolves.toBe('Demo run')
    await expect(rootCause().locator('.eyebrow').textContent()).resolves.toBe(LABELS.rootCause.en)
    await expect(rootCause().locator('h3').textContent()).resolves.toBe(explanation.en)
    await expect(rootCause().locator('.meta').first().textContent()).resolves.toBe(`${UI_STRINGS.failedCheck.en}: ${checkTitle.en}`)
    await expect(harness().page.locator('.run-view .meta').first().textContent()).resolves.toBe(`${UI_STRINGS.session.en}: ${UI_STRINGS.notRecorded.en}`)
    // A demo run offers no command to run here.
    await expect(harness().page.getByRole('button', { name: UI_STRINGS.runCommand.en }).count()).resolves.toBe(0)

    await harness().setLocale('zh-TW')
    await expect(harness().page.getByTestId('run-title').textContent()).resolves.toBe('示範執行')
    await expect(rootCause().locator('h3').textContent()).resolves.toBe(explanation['zh-TW'])
    await expect(rootCause().locator('.meta').first().textContent()).resolves.toBe(`${UI_STRINGS.failedCheck['zh-TW']}：${checkTitle['zh-TW']}`)
    await harness().setLocale('en')
  })

  it('a healthy verdict beside a warning says how many warnings to read, in both languages', async () => {
    await harness().setLocale('en')
    await harness().mount('RunView')
    await harness().showRun(runViewOf(await scenarioResult('edge-site-policy-blocks-xmpp')))
    const verdict = harness().page.getByTestId('verdict')
    await expect(verdict.textContent()).resolves.toBe('Healthy, with 1 warning(s) to read (marked !)')
    await harness().setLocale('zh-TW')
    await expect(verdict.textContent()).resolves.toBe('正常，但有 1 項警告需要查看（標示為 !）')
    await harness().showRun(runViewOf(await scenarioResult('healthy-edge')))
    await expect(verdict.textContent()).resolves.toBe('正常')
    await harness().setLocale('en')
  })

  it('in a live run, proposes the command, keeps Run disabled until the main process accepted the dialog, then runs it', async () => {
    const view = runViewOf(await scenarioResult('proxy-service-stopped'), { live: true })
    const command = view.runnableCommands[0]
    if (!command) throw new Error('proxy-service-stopped offers no runnable command on an Edge')
    const proposal: ActionProposal = {
      token: 'proposal-token-0123456789abcdef0123456789',
      commandId: command.id,
      command: command.text,
      runOn: command.runOn,
      changesServer: command.changesServer,
      expiresAt: '2026-12-02T13:00:00.000Z',
    }
    const record: ActionRecord = {
      id: 1, command: command.text, runOn: command.runOn, confirmedAt: '2026-12-02T12:55:00.000Z',
      finishedAt: '2026-12-02T12:55:02.000Z', status: 'succeeded', exitCode: 0, output: 'started',
    }
    await harness().setLocale('en')
    await harness().mount('RunView')
    await harness().showRun(view)
    await harness().answer('proposeAction', { ok: true, value: proposal })
    await harness().answer('acknowledgeAction', { ok: true, value: { token: 'run-token-0123456789abcdef0123456789ab' } }, true)
    await harness().answer('runConfirmedAction', { ok: true, value: record })

    await rootCause().getByRole('button', { name: UI_STRINGS.runCommand.en }).first().click()
    await expect(harness().waitForCall('invoke:proposeAction')).resolves.toEqual([{ runId: view.runId, commandId: command.id }])
    await expect(harness().waitForCall('invoke:acknowledgeAction')).resolves.toEqual([{ token: proposal.token }])
    const dialog = harness().page.getByTestId('action-confirm')
    await expect(dialog.getByTestId('confirm-command').textContent()).resolves.toBe(command.text)
    const run = dialog.getByRole('button', { name: UI_STRINGS.confirmRun.en })
    // The main process has not answered the acknowledgement yet: nothing can run.
    await expect(run.isDisabled()).resolves.toBe(true)

    await harness().release('acknowledgeAction')
    await run.click()
    await expect(harness().waitForCall('invoke:runConfirmedAction')).resolves.toEqual([{ token: 'run-token-0123456789abcdef0123456789ab' }])
    await harness().page.locator('#actions-title').waitFor()
    await expect(harness().page.locator('ul.actions li code').textContent()).resolves.toBe(command.text)
    await expect(dialog.count()).resolves.toBe(0)
  })
})
