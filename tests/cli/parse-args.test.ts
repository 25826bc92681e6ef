/** The CLI's parseArgs gives the same values on Node 16.17 (no `default` support) as on Node 20. */
import { parseArgs as nodeParseArgs, type ParseArgsConfig } from 'node:util'
import { describe, expect, it } from 'vitest'
import { parseArgs } from '../../src-main/cli/parse-args'

const OPTIONS = {
  json: { type: 'boolean', default: false },
  lang: { type: 'string', default: 'en' },
  domain: { type: 'string', multiple: true },
} as const

/** Node 16.17's parser as far as defaults go: it never fills one in, so a config that relies on it gets undefined. */
function node1617(config: ParseArgsConfig): unknown {
  for (const option of Object.values(config.options ?? {})) {
    if ('default' in option) throw new Error('Node 16.17 ignores option defaults: the wrapper must not rely on them')
  }
  return nodeParseArgs(config)
}

describe('parseArgs (Node 16.17 compatible)', () => {
  it('applies defaults itself, without handing them to Node', () => {
    const { values, positionals } = parseArgs({ args: ['folder'], options: OPTIONS, allowPositionals: true, strict: true }, node1617)
    expect(values).toEqual({ json: false, lang: 'en' })
    expect(positionals).toEqual(['folder'])
  })

  it('keeps what the arguments say over a default', () => {
    const { values } = parseArgs({ args: ['--json', '--lang', 'zh-TW', '--domain', 'a.example'], options: OPTIONS, strict: true }, node1617)
    expect(values).toEqual({ json: true, lang: 'zh-TW', domain: ['a.example'] })
  })

  it('matches Node 20\'s own parseArgs with defaults', () => {
    const args = ['--domain', 'a.example', 'x']
    expect(parseArgs({ args, options: OPTIONS, allowPositionals: true })).toEqual(nodeParseArgs({ args, options: OPTIONS, allowPositionals: true }))
  })

  it('still throws Node\'s ERR_PARSE_ARGS errors for unknown options', () => {
    expect(() => parseArgs({ args: ['--nope'], options: OPTIONS, strict: true }, node1617)).toThrow(expect.objectContaining({ code: 'ERR_PARSE_ARGS_UNKNOWN_OPTION' }))
  })
})
