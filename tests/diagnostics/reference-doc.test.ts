import { readFileSync } from 'node:fs'
import { expect, it } from 'vitest'
import { renderReference } from '../../src-shared/docs/render-reference'

it('docs/checks-and-tree.md is rendered from the current checks and tree', () => {
  expect(readFileSync('docs/checks-and-tree.md', 'utf8')).toBe(renderReference('en'))
})

it('renders in Traditional Chinese too', () => {
  expect(renderReference('zh-TW')).toContain('已安裝 XMPP 元件')
})
