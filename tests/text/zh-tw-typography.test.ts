/**
 * Traditional Chinese typography, checked where it is written and where it is read: the zh-TW side of every
 * localized text in the areas below, and the CLI's rendered zh-TW output of every demo scenario, watch and history.
 *
 * OWNED_ELSEWHERE: source areas another change is rewriting, left out of the source lint and blanked out of the
 * rendered output by pattern (see `renderedPatterns`); empty now that the check messages sit in their tables.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { blankMatches, lintZhTw, renderedPatterns, sharedTemplateSlips, zhTextsOf, type SourceText } from './zh-tw-typography'
import { certCheckOutput, demoOutputs, historyOutputs, probeOutput, watchOutput, type HumanOutput } from './human-outputs'

// Every source file that speaks to a person; the collector script's generator and the scenario specs too.
const SOURCE_AREAS = ['src-main', 'src-shared', 'src-renderer', 'scripts']
const OWNED_ELSEWHERE: readonly string[] = []

function filesUnder(path: string): string[] {
  if (statSync(path).isFile()) return [path]
  return readdirSync(path).flatMap((name) => filesUnder(join(path, name)))
}
const sourceFiles = (areas: readonly string[], except: readonly string[] = []): string[] =>
  areas
    .flatMap(filesUnder)
    .filter((f) => /\.(ts|svelte)$/.test(f) && !f.endsWith('.d.ts') && !except.some((area) => f.startsWith(`${area}/`)))

const describeText = (t: SourceText): string[] => lintZhTw(t.text).map((v) => `${t.file}:${t.line} ${v.rule}: …${v.near}…`)

describe('the zh-TW typography lint', () => {
  const rules = (text: string): string[] => lintZhTw(text).map((v) => v.rule)

  it('flags what was shipped once', () => {
    expect(rules('目前為 Stopped')).toEqual(['english-state'])
    expect(rules('服務(Edge)已停止')).toContain('ascii-punctuation')
    expect(rules('根本原因: 服務已停止')).toContain('ascii-punctuation')
    expect(rules('此證據來自Edge 伺服器')).toEqual(['missing-space'])
    expect(rules('共3個服務')).toEqual(['missing-space', 'missing-space'])
    expect(rules('修正方式： 啟動服務')).toEqual(['space-beside-full-width'])
    expect(rules('contoso.com 與 貴方網域 之間')).toEqual(['space-between-chinese', 'space-between-chinese'])
  })

  it('finds a label colon written once for both languages, and leaves the English side and the program name alone', () => {
    const dir = mkdtempSync(join(tmpdir(), 'xed-shared-template-'))
    try {
      const file = join(dir, 'sample.ts')
      writeFileSync(
        file,
        [
          'const a = `${pick(LABELS.rootCause, locale)}: ${title}`',
          "const b = locale === 'zh-TW' ? `${pick(x, locale)}：${y}` : `${pick(x, locale)}: ${y}`",
          'const c = `xmpp-edge-doctor: ${pick(error.localized, locale)}`',
        ].join('\n'),
      )
      expect(sharedTemplateSlips(file).map((s) => s.line)).toEqual([1])
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('accepts the house style and raw data quoted on purpose', () => {
    expect(rules('此伺服器的 3 個 Lync 服務（Edge）：已停止。')).toEqual([])
    expect(rules('「Lync Server XMPP Translating Gateway Proxy」狀態為「Stopped」')).toEqual([])
    expect(rules('請執行 `Get-CsWindowsService -Name RTCXMPPTGWPX`，再以 --answer q-route=yes 回答')).toEqual([])
    expect(rules('Start-CsWindowsService 會啟動 sip.<網域> 上的服務；Status=Running')).toEqual([])
    expect(rules('主機  結論')).toEqual([])
  })
})

describe('zh-TW typography', () => {
  it('holds in the zh-TW side of every localized text in the source', () => {
    const texts = sourceFiles(SOURCE_AREAS, OWNED_ELSEWHERE).flatMap(zhTextsOf)
    // The extraction itself must see the tables, or this test would pass on nothing.
    expect(texts.length).toBeGreaterThan(700)
    expect(texts.flatMap(describeText)).toEqual([])
  })

  it('holds in templates written once for both languages: no ASCII punctuation beside a translated value', () => {
    const slips = sourceFiles(['src-main', 'src-shared', 'src-renderer'], OWNED_ELSEWHERE)
      .filter((f) => f.endsWith('.ts'))
      .flatMap(sharedTemplateSlips)
    expect(slips.map((s) => `${s.file}:${s.line} ${s.text}`)).toEqual([])
  })

  it("holds in the app's markup: a label's colon or parenthesis beside a translated text goes through colon() or the table", () => {
    // `{t('why')}:` renders "原因:" in Chinese; colon() gives "：" there and ": " in English.
    const markup = sourceFiles(['src-renderer'])
      .filter((f) => f.endsWith('.svelte'))
      .flatMap((file) => readFileSync(file, 'utf8').split('\n').map((line, i) => ({ where: `${file}:${i + 1}`, line })))
    const asciiBesideText = /\{[tl]\([^{}]*\)\}(?::|,|\s?\()|\(\{[tl]\([^{}]*\)\}/
    expect(markup.filter((m) => asciiBesideText.test(m.line)).map((m) => `${m.where}: ${m.line.trim()}`)).toEqual([])
  })

  it('holds in the CLI output a Traditional Chinese reader gets', async () => {
    const owned = renderedPatterns(sourceFiles(OWNED_ELSEWHERE).flatMap(zhTextsOf))
    const history = await historyOutputs('zh-TW')
    // The Markdown report is read as text too; the HTML one shares its model and labels.
    const outputs: HumanOutput[] = [...(await demoOutputs('zh-TW')), ...history.filter((o) => !/--format html/.test(o.source)), await watchOutput('zh-TW'), probeOutput('zh-TW'), await certCheckOutput('zh-TW')]
    const violations = outputs.flatMap((output) => {
      const markdown = output.source.includes('--format md')
      // Evidence lines quote the server's own data (event messages, cmdlet output) verbatim; so does code in the
      // Markdown report (fences, and the indented blocks inside list items).
      const verbatim = markdown ? /^\s*```|^\s*(?:[A-Z][a-z]+-Cs|\w+\.json：)/ : /^\s+• /
      let inFence = false
      return output.text
        .split('\n')
        .filter((line) => {
          if (markdown && /^\s*```/.test(line)) inFence = !inFence
          return !inFence && !verbatim.test(line)
        })
        // Markdown's own escapes (\_xmpp-server) are not part of the text.
        .map((line) => (markdown ? line.replace(/\\([\\`*_{}[\]<>()#+\-.!|&@~])/g, '$1') : line))
        .map((line) => blankMatches(line, owned))
        .flatMap((line) => lintZhTw(line).map((v) => `${output.source}: ${v.rule}: …${v.near}…`))
    })
    expect([...new Set(violations)]).toEqual([])
  }, 240_000)
})
