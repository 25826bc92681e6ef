/** Real results for the component tests: a demo scenario diagnosed by the core, as the app's run view receives it. */
import { diagnose } from '../../src-shared/diagnose'
import { parseEvidence } from '../../src-shared/evidence/parse-evidence'
import type { RunView } from '../../src-shared/ipc/api-contract'
import { offeredCommands } from '../../src-shared/ipc/runnable-fix'
import type { DiagnosisResult } from '../../src-shared/result/diagnosis-result'
import { loadScenario } from '../../src-main/scenarios/scenario-catalog'

/** The diagnosis of one demo scenario, with the given answers to the tree's questions. */
export async function scenarioResult(name: string, answers: Record<string, string> = {}): Promise<DiagnosisResult> {
  const { read } = await loadScenario(name)
  return diagnose({ evidence: parseEvidence(read.files).evidence, answers, source: 'demo', startedAt: new Date(0) })
}

/** The run view of that diagnosis; `live` makes it a live run on this Edge, whose fix commands may run after confirmation. */
export function runViewOf(result: DiagnosisResult, options: { live?: boolean } = {}): RunView {
  const runnable = options.live ? offeredCommands(result, 'Edge').map(({ id, text, runOn, changesServer }) => ({ id, text, runOn, changesServer })) : []
  return {
    runId: 'run-components-0001',
    title: { en: 'Demo run', 'zh-TW': '示範執行' },
    description: null,
    result,
    answers: result.answers,
    files: [],
    probe: null,
    sessionId: null,
    canRunActions: options.live ?? false,
    runnableCommands: runnable,
  }
}
