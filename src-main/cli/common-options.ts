/** Options several commands share: domains, partners, answers, language, output mode. */
import { isLocale, toLocale, type Locale } from '../../src-shared/i18n/localized'
import { validateDomainName } from '../../src-shared/validation/dns-name'
import { UsageError } from './cli-io'

/** Validates every domain strictly (no quotes, spaces, unicode: punycode only); the first bad one is a usage error. */
export function parseDomains(values: readonly string[] | undefined, locale: Locale, flag: string): string[] {
  return (values ?? []).flatMap((v) => v.split(',')).filter((v) => v.trim() !== '').map((value) => {
    const checked = validateDomainName(value)
    if (!checked.ok) throw new UsageError(`${flag} ${JSON.stringify(value)}: ${checked.error[locale]}`)
    return checked.value
  })
}

/** `--answer node=answer` pairs → a map. */
export function parseAnswers(values: readonly string[] | undefined): Record<string, string> {
  const answers: Record<string, string> = {}
  for (const value of values ?? []) {
    const match = /^([a-z0-9-]+)=([a-z0-9-]+)$/i.exec(value.trim())
    if (!match) throw new UsageError(`--answer ${JSON.stringify(value)}: expected <node>=<answer>, e.g. --answer q-route-assigned=yes`)
    answers[match[1]!] = match[2]!.toLowerCase()
  }
  return answers
}

/** `--lang`, else the environment's language (LANG / LC_ALL), else English. */
export function parseLocale(value: string | undefined, env: NodeJS.ProcessEnv): Locale {
  if (value !== undefined) {
    if (!isLocale(value)) throw new UsageError(`--lang ${JSON.stringify(value)}: use en or zh-TW`)
    return value
  }
  return toLocale((env.LC_ALL || env.LANG || '').split('.')[0])
}
