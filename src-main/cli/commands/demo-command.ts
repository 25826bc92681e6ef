/** `xmpp-edge-doctor demo [name]`: list the built-in scenarios, or diagnose one exactly as `analyze` would. */
import { parseArgs } from '../parse-args'
import { diagnose } from '../../../src-shared/diagnose'
import { parseEvidence } from '../../../src-shared/evidence/parse-evidence'
import { pick, text, type Locale } from '../../../src-shared/i18n/localized'
import { VERDICT_WORDS } from '../../../src-shared/i18n/messages'
import { listScenarios, loadScenario, ScenariosMissingError, UnknownScenarioError } from '../../scenarios/scenario-catalog'
import type { ScenarioInfo } from '../../../src-shared/scenarios/scenario-types'
import { filesOfAllSets, setLabel } from '../../../src-shared/evidence-sets/recorded-set-files'
import { EXIT_BAD_INPUT, EXIT_HEALTHY, EXIT_UNAVAILABLE, UsageError, type CliIo } from '../cli-io'
import { parseAnswers, parseDomains, parseLocale } from '../common-options'
import { checkReportOption } from '../report-option'
import { RESULT_OPTIONS, historyPathFrom, printResult } from './analyze-command'
import { recordAndReport } from '../record-and-report'
import { renderChecklist } from '../render-checklist'

export const DEMO_USAGE = 'usage: xmpp-edge-doctor demo [scenario] [--json] [--lang en|zh-TW] [--answer node=answer]... [--checklist] [--verbose]'

export async function runDemoCommand(args: readonly string[], io: CliIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const { values, positionals } = parseArgs({ args: [...args], options: RESULT_OPTIONS, allowPositionals: true, strict: true })
  const locale = parseLocale(values.lang, env)
  if (positionals.length > 1) throw new UsageError(DEMO_USAGE)
  const answers = parseAnswers(values.answer, locale)
  checkReportOption(values.report, values.force, locale)
  const name = positionals[0]
  if (name === undefined) {
    let scenarios: ScenarioInfo[]
    try {
      scenarios = await listScenarios()
    } catch (error) {
      const code = scenariosMissing(error, io, locale)
      if (code === null) throw error
      return code
    }
    if (values.json) {
      io.stdout(`${JSON.stringify(scenarios, null, 2)}\n`)
      return EXIT_HEALTHY
    }
    const width = Math.max(...scenarios.map((s) => s.name.length))
    for (const s of scenarios) {
      const verdict = pick(VERDICT_WORDS[s.expected.verdict], locale)
      io.stdout(`  ${s.name.padEnd(width)}  ${pick(s.title, locale)}${locale === 'zh-TW' ? `（${verdict}）` : ` (${verdict})`}\n`)
    }
    io.stdout(`\nxmpp-edge-doctor demo <scenario>\n`)
    return EXIT_HEALTHY
  }
  try {
    const { info, read, others } = await loadScenario(name)
    const parsed = parseEvidence(read.files)
    const result = diagnose({
      evidence: parsed.evidence,
      // An incident scenario: the other servers' evidence in the same diagnosis.
      ...(others.length > 0 ? { otherEvidence: others.map((other) => parseEvidence(other.files).evidence) } : {}),
      domains: parseDomains(values.domain, locale, '--domain').concat(info.domains),
      partners: parseDomains(values.partner, locale, '--partner'),
      // The scenario's recorded answers, overridden by the caller's.
      answers: { ...info.answers, ...answers },
      source: 'demo',
      startedAt: new Date(),
    })
    if (!values.json) io.stdout(`${pick(info.title, locale)}\n${pick(info.description, locale)}\n\n`)
    const code = printResult(result, io, { json: values.json, locale, verbose: values.verbose })
    if (values.checklist && !values.json) io.stdout(renderChecklist(result, locale, values.verbose))
    const failed = await recordAndReport(
      {
        result,
        files: filesOfAllSets([read, ...others].map((set, i) => ({ label: setLabel(result.servers, i), files: set.files }))),
        evidence: parsed.evidence, locale, dbPath: historyPathFrom(values, env), reportPath: values.report ?? null, overwrite: values.force },
      io,
    )
    return failed ?? code
  } catch (error) {
    if (error instanceof UnknownScenarioError) {
      const said = text(`${error.message}; run "xmpp-edge-doctor demo" for the list`, `「${name}」不是可用的示範情境；執行 xmpp-edge-doctor demo 可查看清單`)
      io.stderr(`xmpp-edge-doctor: ${pick(said, locale)}\n`)
      return EXIT_BAD_INPUT
    }
    const code = scenariosMissing(error, io, locale)
    if (code === null) throw error
    return code
  }
}

/** No scenarios folder is not bad input: the demo cannot run from here (exit 3), said in one line, no stack. */
function scenariosMissing(error: unknown, io: CliIo, locale: Locale): number | null {
  if (!(error instanceof ScenariosMissingError)) return null
  io.stderr(`xmpp-edge-doctor: ${pick(error.localized, locale)}\n`)
  return EXIT_UNAVAILABLE
}
