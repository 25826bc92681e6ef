// `npm run security`: electronegativity over the code that configures and talks to Electron (main, preload,
// renderer page), staged together so its global checks see the whole app. Fails on any finding.
//   node scripts/security-check.mjs [--input <dir>]   (scan another folder instead; the tests use it)
// Runs offline: electronegativity's CLI fetches translations from GitHub at start, so its runner is called
// directly with the bundled English texts; AvailableSecurityFixesGlobalCheck is left out because it
// downloads Electron's release list. The Electron version is pinned in package.json and upgraded deliberately.
import { cpSync, mkdirSync, readFileSync, rmSync } from 'node:fs'
import Module, { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { parseArgs } from 'node:util'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const require = createRequire(import.meta.url)
const { values } = parseArgs({ options: { input: { type: 'string' } } })
const outDir = join(root, 'test-output')
const report = join(outDir, values.input ? 'electronegativity-custom.csv' : 'electronegativity.csv')
let input = values.input
if (!input) {
  input = join(outDir, 'electronegativity-input')
  rmSync(input, { recursive: true, force: true })
  mkdirSync(input, { recursive: true })
  for (const part of ['src-main/electron', 'src-main/preload', 'src-renderer']) {
    cpSync(join(root, part), join(input, part), { recursive: true })
  }
}
mkdirSync(outDir, { recursive: true })
rmSync(report, { force: true })

const packageDir = dirname(require.resolve('@doyensec/electronegativity/package.json'))
const packageRequire = createRequire(join(packageDir, 'package.json'))
const i18n = packageRequire('i18n')
// The same set-up as dist/locales/i18n.js, minus the download of "updated translations".
const i18nPath = join(packageDir, 'dist', 'locales', 'i18n.js')
const offline = new Module(i18nPath)
offline.filename = i18nPath
offline.loaded = true
offline.exports = {
  __esModule: true,
  default: async () => {
    i18n.configure({
      locales: ['en-US'],
      defaultLocale: 'en-US',
      directory: dirname(i18nPath),
      updateFiles: false,
      objectNotation: true,
      retryInDefaultLocale: true,
      register: globalThis,
    })
    i18n.setLocale('en-US')
  },
}
require.cache[i18nPath] = offline

const electronVersion = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version
const runner = packageRequire('./dist/runner.js')
// babel's add-module-exports makes the module the function itself.
const run = typeof runner === 'function' ? runner : runner.default
const outcome = await run(
  {
    input,
    output: report,
    isSarif: false,
    customScan: [],
    excludeFromScan: ['AvailableSecurityFixesGlobalCheck'],
    isRelative: true,
    isVerbose: true,
    electronVersionOverride: electronVersion,
    parserPlugins: [],
  },
  false,
)
// The CSV is written by a stream that may still be flushing; the runner's own list is authoritative.
const findings = outcome.issues
if (outcome.errors.length > 0) {
  console.error(`electronegativity could not parse ${outcome.errors.length} file(s):`)
  for (const error of outcome.errors) console.error(`  ${JSON.stringify(error)}`)
  process.exit(2)
}
if (findings.length > 0) {
  console.error(`electronegativity: ${findings.length} finding(s) (Electron ${electronVersion}), report: ${report}`)
  for (const f of findings) console.error(`  ${f.id} ${f.file}:${f.location?.line}:${f.location?.column} ${f.description ?? ''}`)
  process.exit(1)
}
console.log(`electronegativity: 0 findings (Electron ${electronVersion}; ${values.input ? input : 'main, preload and renderer page'})`)
