/**
 * SessionTable in Chromium: each history row names its subject, its verdict and its root cause in words (never a
 * check id, never the healthy-sounding check title of older sessions), in both languages; Open opens that session.
 */
import { describe, expect, it } from 'vitest'
import { CHECK_CATALOG } from '../../src-shared/diagnostics/all-checks'
import { CHECK_FAILURE_TITLES } from '../../src-shared/diagnostics/failure-titles'
import { VERDICT_WORDS } from '../../src-shared/i18n/messages'
import type { SessionSummary } from '../../src-shared/report/session-record'
import { UI_STRINGS } from '../../src-renderer/lib/i18n/ui-strings'
import { useHarness } from './component-harness'

const harness = useHarness()

const PROXY = 'xmpp-proxy-service-running'
const proxyTitle = CHECK_CATALOG.get(PROXY)?.title ?? null
const proxyFailure = CHECK_FAILURE_TITLES[PROXY]

const SESSIONS: SessionSummary[] = [
  {
    id: 3, uid: 'uid-3', host: 'EDGE01', role: 'Edge', productVersion: '5.0.8308.0', domains: ['contoso.com'],
    startedAt: '2026-11-20T09:30:00.000Z', endedAt: '2026-11-20T09:31:00.000Z', verdict: 'problems',
    // Recorded before the failure headlines: the title is the check's, which names the healthy state.
    rootCauseCheckId: PROXY, rootCauseTitle: proxyTitle,
  },
  {
    id: 2, uid: 'uid-2', host: null, role: 'Unknown', productVersion: null, domains: ['fabrikam.com'],
    startedAt: '2026-11-19T08:00:00.000Z', endedAt: '2026-11-19T08:00:05.000Z', verdict: 'healthy',
    rootCauseCheckId: null, rootCauseTitle: null,
  },
  {
    id: 1, uid: 'uid-1', host: 'EDGE02', role: 'Edge', productVersion: null, domains: [],
    startedAt: '2026-11-18T07:00:00.000Z', endedAt: null, verdict: null, rootCauseCheckId: null, rootCauseTitle: null,
  },
]

const rows = () =>
  harness().page.locator('[data-testid=session-table] tbody tr').evaluateAll((trs) =>
    trs.map((tr) => [...tr.querySelectorAll('td')].slice(1, 4).map((td) => td.textContent?.trim() ?? '')),
  )

describe('SessionTable', () => {
  it('shows each session\'s subject, verdict and root cause in words, and opens the one clicked', async () => {
    expect(proxyTitle).not.toBeNull()
    expect(proxyFailure).toBeDefined()
    await harness().setLocale('en')
    await harness().mount('SessionTable', { sessions: SESSIONS }, ['onopen'])
    expect(await rows()).toEqual([
      ['EDGE01', VERDICT_WORDS.problems.en, proxyFailure?.en],
      ['fabrikam.com', VERDICT_WORDS.healthy.en, '—'],
      ['EDGE02', UI_STRINGS.open.en, '—'],
    ])
    const table = await harness().page.getByTestId('session-table').textContent()
    expect(table).not.toContain(PROXY)
    expect(table).not.toContain(proxyTitle?.en)
    await expect(harness().page.getByTestId('session-table').locator('th').allTextContents()).resolves.toEqual([
      UI_STRINGS.time.en, UI_STRINGS.host.en, UI_STRINGS.verdict.en, UI_STRINGS.rootCause.en, UI_STRINGS.historyOpen.en,
    ])

    await harness().page.getByRole('button', { name: `${UI_STRINGS.historyOpen.en} #2` }).click()
    await expect(harness().waitForCall('onopen')).resolves.toEqual([2])
  })

  it('speaks Traditional Chinese', async () => {
    await harness().setLocale('zh-TW')
    await harness().mount('SessionTable', { sessions: SESSIONS }, ['onopen'])
    expect(await rows()).toEqual([
      ['EDGE01', VERDICT_WORDS.problems['zh-TW'], proxyFailure?.['zh-TW']],
      ['fabrikam.com', VERDICT_WORDS.healthy['zh-TW'], '—'],
      ['EDGE02', UI_STRINGS.open['zh-TW'], '—'],
    ])
    await expect(harness().page.getByTestId('session-table').locator('th').first().textContent()).resolves.toBe(UI_STRINGS.time['zh-TW'])
    await harness().page.getByRole('button', { name: `${UI_STRINGS.historyOpen['zh-TW']} #3` }).click()
    await expect(harness().waitForCall('onopen')).resolves.toEqual([3])
    await harness().setLocale('en')
  })
})
