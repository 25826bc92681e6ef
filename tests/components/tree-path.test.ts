/** TreePath in Chromium: the walk's steps in order, what each check saw, where the walk stopped and why, in both languages. */
import { describe, expect, it } from 'vitest'
import { CHECK_CATALOG } from '../../src-shared/diagnostics/all-checks'
import { UI_STRINGS } from '../../src-renderer/lib/i18n/ui-strings'
import { treeNode } from '../../src-renderer/lib/tree-view'
import { useHarness } from './component-harness'
import { scenarioResult } from './scenario-results'

const harness = useHarness()

const nodeIds = () => harness().page.locator('[data-testid=tree-path] > li').evaluateAll((items) => items.map((li) => li.getAttribute('data-node-id')))

describe('TreePath', () => {
  it('lists every step of the walk in order, each check with its title, and stops at the failing one with its evidence', async () => {
    const result = await scenarioResult('proxy-service-stopped')
    await harness().setLocale('en')
    await harness().mount('TreePath', { result })

    expect(await nodeIds()).toEqual(result.path)
    const last = harness().page.locator(`li[data-node-id="${result.path.at(-1)}"]`)
    const node = treeNode(result.path.at(-1) ?? '')
    if (node?.kind !== 'check') throw new Error('proxy-service-stopped no longer ends at a check')
    const checkId = node.checkId
    await expect(last.locator('strong').textContent()).resolves.toBe(CHECK_CATALOG.get(checkId)?.title.en)
    await expect(last.locator('.stopped').textContent()).resolves.toContain(UI_STRINGS.stoppedHere.en)
    const evidence = result.checks.find((c) => c.id === checkId)?.evidence ?? []
    expect(evidence.length).toBeGreaterThan(0)
    await expect(last.locator('[data-testid=evidence-panel] pre').allTextContents()).resolves.toEqual(evidence.map((item) => item.text))
    // Earlier checks keep their evidence folded until asked.
    const first = harness().page.locator(`li[data-node-id="${result.path[0]}"]`)
    const toggle = first.getByRole('button', { name: UI_STRINGS.showEvidence.en })
    await expect(first.locator('[data-testid=evidence-panel]').count()).resolves.toBe(0)
    await toggle.click()
    await first.locator('[data-testid=evidence-panel]').waitFor()
    await expect(first.getByRole('button', { name: UI_STRINGS.hideEvidence.en }).getAttribute('aria-expanded')).resolves.toBe('true')
  })

  it('shows the question the walk waits on, then the answer given and the conclusion it led to', async () => {
    const waiting = await scenarioResult('ports-closed-route-question')
    await harness().setLocale('en')
    await harness().mount('TreePath', { result: waiting })
    const question = harness().page.locator('li[data-node-id="q-route-assigned"]')
    const questionNode = treeNode('q-route-assigned')
    if (questionNode?.kind !== 'question') throw new Error('q-route-assigned is not a question')
    await expect(question.locator('strong').textContent()).resolves.toBe(questionNode.question.en)
    await expect(question.locator('.answer-waiting').textContent()).resolves.toBe(UI_STRINGS.questionWaiting.en)

    const answered = await scenarioResult('ports-closed-route-question', { 'q-route-assigned': 'no' })
    await harness().mount('TreePath', { result: answered })
    expect(await nodeIds()).toEqual(answered.path)
    const no = questionNode.answers.find((a) => a.id === 'no')?.label.en
    await expect(question.locator('.answer-given').textContent()).resolves.toBe(`${UI_STRINGS.answered.en}: ${no}`)
    const conclusion = harness().page.locator('li[data-node-id="c-assign-route"]')
    await expect(conclusion.locator('.path-kind').textContent()).resolves.toContain(UI_STRINGS.conclusionNode.en)
    await expect(conclusion.locator('p').first().textContent()).resolves.toBe(answered.rootCause?.explanation.en)
  })

  it('speaks Traditional Chinese when the language is switched, without remounting', async () => {
    const answered = await scenarioResult('ports-closed-route-question', { 'q-route-assigned': 'no' })
    await harness().setLocale('en')
    await harness().mount('TreePath', { result: answered })
    await harness().setLocale('zh-TW')
    const question = harness().page.locator('li[data-node-id="q-route-assigned"]')
    const questionNode = treeNode('q-route-assigned')
    if (questionNode?.kind !== 'question') throw new Error('q-route-assigned is not a question')
    await expect(question.locator('.path-kind').textContent()).resolves.toContain(UI_STRINGS.questionNode['zh-TW'])
    await expect(question.locator('strong').textContent()).resolves.toBe(questionNode.question['zh-TW'])
    const no = questionNode.answers.find((a) => a.id === 'no')?.label['zh-TW']
    // Full-width colon after a label in Chinese.
    await expect(question.locator('.answer-given').textContent()).resolves.toBe(`${UI_STRINGS.answered['zh-TW']}：${no}`)
    const conclusion = harness().page.locator('li[data-node-id="c-assign-route"]')
    await expect(conclusion.locator('strong').textContent()).resolves.toBe(answered.rootCause?.title['zh-TW'])
    const firstCheck = treeNode(answered.path[0] ?? '')
    if (firstCheck?.kind !== 'check') throw new Error(`the walk starts at ${answered.path[0]}, not at a check`)
    await expect(harness().page.locator(`li[data-node-id="${firstCheck.id}"] strong`).textContent()).resolves.toBe(CHECK_CATALOG.get(firstCheck.checkId)?.title['zh-TW'])
    await harness().setLocale('en')
  })
})
