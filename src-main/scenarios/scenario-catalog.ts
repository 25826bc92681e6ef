/**
 * The built-in demo scenarios: the evidence folders under tests/scenarios (shipped with the app as
 * resources/scenarios). Names are validated so a scenario name can never reach outside the folder.
 */
import { existsSync, promises as fs } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseScenarioInfo, type ScenarioInfo } from '../../src-shared/scenarios/scenario-types'
import { compareNames } from '../../src-shared/text/compare-names'
import { text } from '../../src-shared/i18n/localized'
import { LocalizedError } from '../../src-shared/i18n/localized-error'
import { readEvidence, type ReadEvidenceResult } from '../evidence-io/read-evidence'

const SCENARIO_NAME = /^[a-z0-9][a-z0-9-]{0,63}$/

/** Where the scenarios live: $XED_SCENARIOS_DIR, the packaged app's resources, or the source tree. */
export function scenariosRoot(env: NodeJS.ProcessEnv = process.env): string {
  if (env.XED_SCENARIOS_DIR) return resolve(env.XED_SCENARIOS_DIR)
  const resourcesPath = (process as { resourcesPath?: string }).resourcesPath
  if (resourcesPath && existsSync(join(resourcesPath, 'scenarios'))) return join(resourcesPath, 'scenarios')
  return join(projectRootOf(dirname(fileURLToPath(import.meta.url))), 'tests', 'scenarios')
}

/**
 * The nearest folder above `start` that holds package.json: the source tree when run from src-main, and also
 * from the bundled CLI, whose chunks sit one or two folders deeper under out/cli.
 */
function projectRootOf(start: string): string {
  for (let dir = start, depth = 0; depth < 6; dir = dirname(dir), depth++) {
    if (existsSync(join(dir, 'package.json'))) return dir
  }
  return resolve(start, '../..')
}

export class UnknownScenarioError extends Error {
  override readonly name = 'UnknownScenarioError'
}

/** The scenarios folder itself is absent (a CLI copied away from its resources, or a wrong XED_SCENARIOS_DIR). */
export class ScenariosMissingError extends LocalizedError {
  override readonly name = 'ScenariosMissingError'
  constructor(readonly root: string) {
    super(
      text(
        `The demo scenarios are not in ${root}; set XED_SCENARIOS_DIR to the folder that holds them (tests/scenarios in the source tree).`,
        `${root} 中沒有示範情境；請將 XED_SCENARIOS_DIR 設為存放情境的資料夾（原始碼中的 tests/scenarios）。`,
      ),
    )
  }
}

/** Every scenario with a readable scenario.json, sorted by name. */
export async function listScenarios(root = scenariosRoot()): Promise<ScenarioInfo[]> {
  if (!existsSync(root)) throw new ScenariosMissingError(root)
  const entries = await fs.readdir(root, { withFileTypes: true })
  const infos: ScenarioInfo[] = []
  for (const entry of entries) {
    if (!entry.isDirectory() || !SCENARIO_NAME.test(entry.name)) continue
    const file = join(root, entry.name, 'scenario.json')
    if (!existsSync(file)) continue
    infos.push(parseScenarioInfo(entry.name, JSON.parse(await fs.readFile(file, 'utf8'))))
  }
  return infos.sort((a, b) => compareNames(a.name, b.name))
}

/** A loaded scenario: its description, the subject's raw evidence and, for an incident set, the other servers'. */
export interface LoadedScenario {
  readonly info: ScenarioInfo
  readonly read: ReadEvidenceResult
  /** The other sets of an incident scenario, in order (empty otherwise). */
  readonly others: readonly ReadEvidenceResult[]
}

/** One scenario's description and raw evidence (every set's, for an incident scenario). */
export async function loadScenario(name: string, root = scenariosRoot()): Promise<LoadedScenario> {
  if (!SCENARIO_NAME.test(name)) throw new UnknownScenarioError(`"${name}" is not a scenario name`)
  if (!existsSync(root)) throw new ScenariosMissingError(root)
  const dir = join(root, name)
  const file = join(dir, 'scenario.json')
  if (!existsSync(file)) throw new UnknownScenarioError(`no scenario named "${name}"`)
  const info = parseScenarioInfo(name, JSON.parse(await fs.readFile(file, 'utf8')))
  if (!info.sets) return { info, read: await readEvidence(dir), others: [] }
  // An incident set names other scenarios' folders (validated by parseScenarioInfo), read as plain evidence.
  const reads: ReadEvidenceResult[] = []
  for (const set of info.sets) {
    const setDir = join(root, set)
    if (!existsSync(join(setDir, 'scenario.json'))) throw new UnknownScenarioError(`scenario "${name}" names a set "${set}" that does not exist`)
    reads.push(await readEvidence(setDir))
  }
  const [read, ...others] = reads
  return { info, read: read!, others }
}
