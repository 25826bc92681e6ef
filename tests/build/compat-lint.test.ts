/**
 * The lint keeps the code inside Electron 22.3's runtimes (eslint.config.mjs): the renderer inside
 * Chromium 108, main and shared code inside Node 16.17. Snippets that use something newer must be refused
 * where they would ship, and the same code must pass where it is allowed (tests and scripts run on Node 20).
 */
import { ESLint } from 'eslint'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const ROOT = join(import.meta.dirname, '..', '..')
const eslint = new ESLint({ cwd: ROOT })

async function rulesHit(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(ROOT, file) })
  return result!.messages.map((m) => `${m.line}:${m.ruleId}`)
}

describe('renderer: Chromium 108', () => {
  it.each([
    ['Array.prototype.toSorted (110)', 'export const a = [3, 1].toSorted()'],
    ['Promise.withResolvers (119)', 'export const a = Promise.withResolvers()'],
    ['Set methods (122)', 'export const a = new Set([1]).union(new Set([2]))'],
    ['popover (114)', 'export function a(e: HTMLElement): void { e.showPopover() }'],
    ['Object.groupBy (117)', 'export const a = Object.groupBy([1], (x) => x)'],
  ])('refuses %s', async (_name, code) => {
    expect(await rulesHit('src-renderer/lib/compat-probe.ts', code)).not.toEqual([])
  })

  it('also in a Svelte component', async () => {
    expect(await rulesHit('src-renderer/features/CompatProbe.svelte', '<script lang="ts">\n  const a = [3, 1].toSorted()\n</script>\n<p>{a}</p>\n')).not.toEqual([])
  })

  it('accepts what Chromium 108 has', async () => {
    expect(await rulesHit('src-renderer/lib/compat-probe.ts', 'export const a = [3, 1].at(-1)\nexport const b = structuredClone({ a })\nexport const c = Object.hasOwn(b, "a")\n')).toEqual([])
  })
})

describe('main and shared code: Node 16.17', () => {
  it.each([
    ['src-main/compat-probe.ts', 'structuredClone (17)', 'export const a = structuredClone({})'],
    ['src-main/compat-probe.ts', 'fetch (18, stable 21)', 'export const a = fetch'],
    ['src-main/compat-probe.ts', 'import.meta.dirname (20.11)', 'export const a = import.meta.dirname'],
    ['src-main/compat-probe.ts', 'Array.prototype.findLast (18)', 'export const a = [1].findLast((x) => x > 0)'],
    ['src-shared/compat-probe.ts', 'Array.prototype.toSorted (20)', 'export const a = [1].toSorted()'],
    ['src-shared/compat-probe.ts', 'Object.groupBy (21)', 'export const a = Object.groupBy([1], (x) => x)'],
  ])('%s refuses %s', async (file, _name, code) => {
    expect(await rulesHit(file, code)).not.toEqual([])
  })

  it('accepts what Node 16.17 has', async () => {
    expect(await rulesHit('src-main/compat-probe.ts', "import { readFileSync } from 'node:fs'\nexport const a = [1].at(-1)\nexport const b = Object.hasOwn({}, 'a')\nexport const c = readFileSync\n")).toEqual([])
  })

  it('leaves tests alone (they run on Node 20)', async () => {
    expect(await rulesHit('tests/build/compat-probe.ts', 'export const a = structuredClone([1].toSorted())')).toEqual([])
  })
})
