/** Every UI string exists in English and Traditional Chinese, and no component shows a hard-coded sentence. */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { LOCALES } from '../../src-shared/i18n/localized'
import { UI_STRINGS } from '../../src-renderer/lib/i18n/ui-strings'

const RENDERER = join(import.meta.dirname, '..', '..', 'src-renderer')

function filesEndingWith(dir: string, suffix: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? filesEndingWith(path, suffix) : name.endsWith(suffix) ? [path] : []
  })
}
const svelteFiles = (dir: string): string[] => filesEndingWith(dir, '.svelte')

describe('renderer strings', () => {
  it('has every key in both languages, non-empty, Chinese written in Chinese', () => {
    for (const [key, value] of Object.entries(UI_STRINGS)) {
      for (const locale of LOCALES) expect(value[locale].trim(), `${key} (${locale})`).not.toBe('')
      if (value.en !== value['zh-TW']) continue
      // Identical texts are allowed only for names (the product) and symbols.
      expect(['appTitle'], `${key} is not translated`).toContain(key)
    }
  })

  it('uses only keys that exist, and every key is used', () => {
    const files = [...svelteFiles(RENDERER), ...filesEndingWith(RENDERER, '.ts').filter((f) => !f.endsWith('ui-strings.ts'))]
    const sources = files.map((file) => readFileSync(file, 'utf8')).join('\n')
    const used = new Set([...sources.matchAll(/'([A-Za-z]+)'|UI_STRINGS\.([A-Za-z]+)/g)].map((m) => m[1] ?? m[2]))
    for (const key of Object.keys(UI_STRINGS)) expect(used.has(key), `unused key ${key}`).toBe(true)
    for (const match of sources.matchAll(/\bt\('([A-Za-z]+)'\)/g)) expect(UI_STRINGS).toHaveProperty(match[1]!)
  })

  it('has no English sentences hard-coded in the markup', () => {
    for (const file of svelteFiles(RENDERER)) {
      const markup = readFileSync(file, 'utf8')
        .replace(/<script[\s\S]*?<\/script>/g, '')
        .replace(/<style[\s\S]*?<\/style>/g, '')
        .replace(/\{[^{}]*\}/g, '') // expressions
        .replace(/<[^>]*>/g, '\n') // tags and attributes
      const words = markup.split('\n').map((s) => s.trim()).filter((s) => /[A-Za-z]{3,}\s+[A-Za-z]{3,}/.test(s))
      expect(words, file).toEqual([])
    }
  })
})
