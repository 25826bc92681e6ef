/**
 * Every time a person reads carries its zone: evidence is collected on one server and read on another (the app
 * once showed "20 Nov 2026, 01:30:00"). Scans the CLI's human outputs (every demo, history list/show/diff in
 * every report format, a watch, the live probe's view) and the certificate preflight, in English and Traditional Chinese.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Locale } from '../../src-shared/i18n/localized'
import { certCheckOutput, demoOutputs, historyOutputs, probeOutput, watchOutput, type HumanOutput } from './human-outputs'

/** What may follow a time: Z, UTC, UTC±hh:mm, GMT, or a numeric offset (after optional fractional seconds). */
const ZONE_AFTER = /^(?:\.\d+)?\s?(?:Z\b|UTC(?:[+-]\d{2}:\d{2})?\b|GMT|[+-]\d{2}:?\d{2}\b)/

/** Times without a zone in `text`: date-times, clock times with seconds, and locale-style dates (20 Nov 2026, 2026年11月20日). */
export function zonelessTimes(text: string): string[] {
  const found: string[] = []
  const clock = /(?<![\d:])(?:\d{4}-\d{2}-\d{2}[T ])?\d{1,2}:\d{2}:\d{2}(?![\d:])/g
  for (const m of text.matchAll(clock)) {
    const after = text.slice((m.index ?? 0) + m[0].length)
    if (!ZONE_AFTER.test(after)) found.push(text.slice(Math.max(0, (m.index ?? 0) - 20), (m.index ?? 0) + m[0].length + 12))
  }
  const dateTimeWithoutSeconds = /\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?![:\d])/g
  for (const m of text.matchAll(dateTimeWithoutSeconds)) {
    if (!ZONE_AFTER.test(text.slice((m.index ?? 0) + m[0].length))) found.push(m[0])
  }
  // A locale's own date-time format never comes from the one formatter (a date alone in prose, "since 26 June 2017", is not a time).
  const localeDateTime = /(?:\b\d{1,2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]* \d{4}|\d{4}年\d{1,2}月\d{1,2}日|\b\d{1,2}\/\d{1,2}\/\d{4}),? ?(?:上午|下午|凌晨|晚上)?\d{1,2}:\d{2}/g
  for (const m of text.matchAll(localeDateTime)) found.push(m[0])
  return found
}

const report = (outputs: readonly HumanOutput[]): string[] => outputs.flatMap((o) => zonelessTimes(o.text).map((t) => `${o.source}: …${t}…`))

describe('zone detection', () => {
  it('flags the formats that once slipped through and accepts the zoned ones', () => {
    expect(zonelessTimes('collected 20 Nov 2026, 01:30:00')).toHaveLength(2)
    expect(zonelessTimes('收集於 2026年11月20日 上午1:30:00')).toHaveLength(2)
    expect(zonelessTimes('at 2026-11-20 01:30:00 and 2026-11-20T01:30')).toHaveLength(2)
    expect(zonelessTimes('2026-11-20 01:30:00 UTC, 2026-11-20 09:30:00 UTC+08:00, 2026-11-20T01:30:00.000Z, 2026-11-20T09:30:00+08:00')).toEqual([])
    // Ports, addresses and a date in prose are not times.
    expect(zonelessTimes('sip.contoso.com:5269 10.0.1.10:23456, since 26 June 2017')).toEqual([])
  })
})

describe.each(['en', 'zh-TW'] as Locale[])('times shown to a person carry their zone (%s)', (locale) => {
  it('in every demo scenario, with the checklist and the proof', async () => {
    expect(report(await demoOutputs(locale))).toEqual([])
  }, 240_000)

  it('in the history list, the diff and every report format', async () => {
    const outputs = await historyOutputs(locale)
    // The scan must have something to scan: the list shows one time per session.
    expect(outputs.find((o) => o.source.includes('history list'))?.text).toMatch(/UTC/)
    expect(report(outputs)).toEqual([])
  }, 240_000)

  it('in a watch', async () => {
    const output = await watchOutput(locale)
    expect(output.text).toMatch(/^2026-11-20 01:30:00 UTC {2}/m)
    expect(report([output])).toEqual([])
  })

  it('in the live probe view', () => {
    expect(report([probeOutput(locale)])).toEqual([])
  })

  it('in the certificate preflight (validity dates)', async () => {
    const output = await certCheckOutput(locale)
    expect(output.text).toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC → /)
    expect(report([output])).toEqual([])
  })
})

function filesUnder(path: string): string[] {
  if (statSync(path).isFile()) return [path]
  return readdirSync(path).flatMap((name) => filesUnder(join(path, name)))
}

describe('the app shows every time through its one formatter', () => {
  // The renderer cannot be scanned as text the way the CLI is, so its sources are: a locale's own date format
  // (toLocaleString, Intl.DateTimeFormat) is what once printed "20 Nov 2026, 01:30:00" without a zone.
  it('no locale date formatting anywhere', () => {
    const sources = ['src-renderer', 'src-main', 'src-shared'].flatMap(filesUnder).filter((f) => /\.(ts|svelte)$/.test(f))
    const uses = sources.flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .flatMap((line, i) => (/toLocale(?:Date|Time)?String\(|Intl\.DateTimeFormat/.test(line) ? [`${file}:${i + 1}`] : [])),
    )
    expect(uses).toEqual([])
  })

  it("every time field in a component's markup goes through formatTime (a condition on it aside)", () => {
    // A property that holds a time (startedAt, poll.at, notAfter), unless it is only tested (x.collectedAt ? … : …).
    const timeField = /\.(?:\w+At|at|notBefore|notAfter)\b(?!\s*(?:\?|&&|\|\||!==|===))/
    const slips = filesUnder('src-renderer')
      .filter((f) => f.endsWith('.svelte'))
      .flatMap((file) => {
        const markup = readFileSync(file, 'utf8').replace(/<script[^>]*>[\s\S]*?<\/script>/g, '')
        return [...markup.matchAll(/(datetime=)?\{([^{}]*)\}/g)]
          .filter(([, attribute, expression]) => !attribute && !/^[#:/@]/.test(expression ?? ''))
          .map(([, , expression]) => (expression ?? '').replace(/formatTime\((?:[^()]|\([^()]*\))*\)/g, '').replace(/'[^']*'|"[^"]*"/g, "''"))
          .filter((rest) => timeField.test(rest))
          .map((rest) => `${file}: {${rest}}`)
      })
    expect(slips).toEqual([])
  })
})
