/** A refused option speaks the chosen language: the value stays as typed, the reason is translated (zh-TW style). */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runCli } from '../../src-main/cli/main'
import { lintZhTw } from '../text/zh-tw-typography'

const dir = mkdtempSync(join(tmpdir(), 'xed-option-errors-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

async function refusal(...argv: string[]): Promise<string> {
  let out = ''
  try {
    const code = await runCli(argv, { stdout: (s) => (out += s), stderr: (s) => (out += s) })
    expect(code).toBe(2)
  } catch (error) {
    // Some commands throw the usage error for the entry point to print; its message is what the user reads.
    out += (error as Error).message
  }
  return out.trim()
}

describe('option errors in Traditional Chinese', () => {
  it.each([
    [['demo', 'healthy-edge', '--answer', 'q-route-asigned=yes'], '--answer "q-route-asigned=yes"：「q-route-asigned」不是問題'],
    [['demo', 'healthy-edge', '--answer', 'oops'], '--answer "oops"：應為 <節點>=<答案>'],
    [['demo', 'healthy-edge', '--report', 'out.docx'], '--report "out.docx"：請使用副檔名為 .html'],
    [['demo', 'no-such-scenario'], '「no-such-scenario」不是可用的示範情境'],
    [['analyze', 'tests/scenarios/healthy-edge', '--connect', 'edge.contoso.com'], '--connect：只能與 --probe 一起使用'],
    [['history', 'list', '--verdict', 'maybe', '--db', join(dir, 'history.sqlite')], '--verdict "maybe"：請使用 healthy、problems、incomplete 或 open'],
  ])('%j', async (argv, expected) => {
    const message = await refusal(...argv, '--lang', 'zh-TW')
    expect(message).toContain(expected)
    expect(lintZhTw(message.replace(/^xmpp-edge-doctor(?: [a-z-]+)?: /, ''))).toEqual([])
  })

  it('refuses an unknown --lang in the environment\'s language, and a password on the command line in the --lang given', async () => {
    const saved = { LANG: process.env.LANG, LC_ALL: process.env.LC_ALL }
    process.env.LANG = 'zh_TW.UTF-8'
    delete process.env.LC_ALL
    try {
      expect(await refusal('demo', 'healthy-edge', '--lang', 'fr')).toContain('--lang "fr"：請使用 en 或 zh-TW')
    } finally {
      for (const [key, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[key]
        else process.env[key] = value
      }
    }
    expect(await refusal('cert-check', 'edge.pfx', '--password', 'x', '--lang', 'zh-TW')).toContain('PFX 密碼一律不從命令列取得')
  })

  it('keeps the English message in English', async () => {
    expect(await refusal('demo', 'healthy-edge', '--answer', 'q-route-assigned=maybe', '--lang', 'en')).toContain('"maybe" is not an answer to q-route-assigned; use yes or no')
  })
})
