/**
 * util.parseArgs as every command uses it, made to behave the same on Node 16.17 (the packaged CLI inside the
 * legacy Electron 22.3) as on Node 20: options' `default` values arrived only in Node 16.19/18.11
 * (nodejs/node#44631), so they are applied here instead of by Node.
 */
// parseArgs exists since Node 16.17.0 (experimental there, stable since 20); its 16.17 behaviour is what this
// file relies on, and tests/cli/parse-args.test.ts runs it without Node's `default` support.
// eslint-disable-next-line n/no-unsupported-features/node-builtins
import { parseArgs as nodeParseArgs, type ParseArgsConfig } from 'node:util'

type OptionConfig = NonNullable<ParseArgsConfig['options']>[string]

/** util.parseArgs with `default` values applied here (identical results on Node 16.17 and later). */
export function parseArgs<T extends ParseArgsConfig>(config: T, parse: (config: ParseArgsConfig) => unknown = nodeParseArgs): ReturnType<typeof nodeParseArgs<T>> {
  const options: Record<string, OptionConfig> = config.options ?? {}
  const withoutDefaults = Object.fromEntries(
    Object.entries(options).map(([name, option]) => {
      const { default: _default, ...rest } = option
      return [name, rest]
    }),
  )
  const result = parse({ ...config, options: withoutDefaults }) as ReturnType<typeof nodeParseArgs<T>>
  const values = result.values as Record<string, unknown>
  for (const [name, option] of Object.entries(options)) {
    if (option.default !== undefined && values[name] === undefined) values[name] = option.default
  }
  return result
}
