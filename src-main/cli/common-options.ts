/** Options several commands share: domains, partners, answers, language, output mode. */
import { isLocale, text, toLocale, type Locale } from '../../src-shared/i18n/localized'
import { validateDomainName } from '../../src-shared/validation/dns-name'
import { optionError } from './option-error'
import { setupNodeId, setupQuestionIds, setupStepOf } from '../../src-shared/tree/setup-checklist'
import { TROUBLESHOOTING_TREE } from '../../src-shared/tree/troubleshooting-tree'

/** Validates every domain strictly (no quotes, spaces, unicode: punycode only); the first bad one is a usage error. */
export function parseDomains(values: readonly string[] | undefined, locale: Locale, flag: string): string[] {
  return (values ?? []).flatMap((v) => v.split(',')).filter((v) => v.trim() !== '').map((value) => {
    const checked = validateDomainName(value)
    if (!checked.ok) throw optionError(`${flag} ${JSON.stringify(value)}`, checked.error, locale)
    return checked.value
  })
}

/**
 * `--answer node=answer` pairs → a map. Every node must be a question the tree (or the setup checklist) can
 * ask and every answer one it offers: a typo would otherwise be ignored and the walk would stop at the same
 * question again, which reads as "my answer did not count".
 */
export function parseAnswers(values: readonly string[] | undefined, locale: Locale = 'en'): Record<string, string> {
  const questions = answerableQuestions()
  const answers: Record<string, string> = {}
  for (const value of values ?? []) {
    const match = /^([^=\s]+)=([a-z0-9-]+)$/i.exec(value.trim())
    const what = `--answer ${JSON.stringify(value)}`
    if (!match) throw optionError(what, text('expected <node>=<answer>, e.g. --answer q-route-assigned=yes', '應為 <節點>=<答案>，例如 --answer q-route-assigned=yes'), locale)
    const node = canonicalNodeId(match[1]!)
    const answer = match[2]!.toLowerCase()
    const offered = questions.get(node)
    if (!offered) {
      const known = [...questions.keys()].join(', ')
      throw optionError(what, text(`"${match[1]}" is not a question; the questions are ${known}`, `「${match[1]}」不是問題；可回答的問題為 ${known}`), locale)
    }
    if (!offered.includes(answer)) {
      throw optionError(what, text(`"${answer}" is not an answer to ${node}; use ${offered.join(' or ')}`, `「${answer}」不是 ${node} 的答案；請使用 ${offered.join(' 或 ')}`), locale)
    }
    answers[node] = answer
  }
  return answers
}

/** Every question a walk can wait on, with the answers it offers: the tree's questions and the setup checklist's. */
function answerableQuestions(): ReadonlyMap<string, readonly string[]> {
  const questions = new Map<string, readonly string[]>()
  for (const node of TROUBLESHOOTING_TREE.nodes) if (node.kind === 'question') questions.set(node.id, node.answers.map((a) => a.id))
  for (const id of setupQuestionIds()) questions.set(id, ['yes', 'no'])
  return questions
}

/**
 * Setup steps are single ("setup-22"); older versions grouped them ("setup-18–22", typed "setup-18-22"): a group
 * that holds exactly one question step means that step, so answers from recorded sessions and scripts still work.
 */
function canonicalNodeId(typed: string): string {
  const setup = /^setup-(\d+)(?:[-\u2013](\d+))?$/.exec(typed) // \u2013 (en dash): the bundled CLI stays ASCII (scripts/build-cli.mjs)
  if (!setup) return typed
  if (setup[2] === undefined) return setupNodeId(Number(setup[1]))
  const [first, last] = [Number(setup[1]), Number(setup[2])]
  const inside = setupQuestionIds().filter((id) => {
    const step = setupStepOf(id) ?? Number.NaN
    return first <= step && step <= last
  })
  return inside.length === 1 ? inside[0]! : typed
}

/** `--lang`, else the environment's language (LANG / LC_ALL), else English. */
export function parseLocale(value: string | undefined, env: NodeJS.ProcessEnv): Locale {
  const fromEnvironment = toLocale((env.LC_ALL || env.LANG || '').split('.')[0])
  if (value !== undefined) {
    // An unknown --lang is refused in the environment's language: the only one known at this point.
    if (!isLocale(value)) throw optionError(`--lang ${JSON.stringify(value)}`, text('use en or zh-TW', '請使用 en 或 zh-TW'), fromEnvironment)
    return value
  }
  return fromEnvironment
}
