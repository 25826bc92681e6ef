// `npm run security`: electronegativity over the code that configures and talks to Electron (main, preload,
// renderer page), staged together so its global checks see the whole app. Fails on any finding.
//   node scripts/security-check.mjs [--input <dir>]   (scan another folder instead; the tests use it)
// Runs offline: electronegativity's CLI fetches translations from GitHub at start, so its runner is called
// directly with the bundled English texts; AvailableSecurityFixesGlobalCheck is left out because it
// downloads Electron's release list. The Electron version is pinned in package.json and upgraded deliberately.
// Both desktop builds are checked: the current Electron (package.json) and the legacy build's Electron 22.3
// (electron-builder.legacy.yml), whose version-dependent defaults differ; `--electron-version <v>` checks one.
// Every inline suppression (`eng-disable`) must say why, next to it: after " -- " on the same line (code), or
// in the comment on the line right above it (HTML, where the directive's comment cannot hold more text). An
// unexplained one fails the check like a finding (a suppression is a finding someone decided to accept; the
// reason is what a reviewer reads).
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import Module, { createRequire } from 'node:module'
import { dirname, join, relative } from 'node:path'
import { parseArgs } from 'node:util'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const require = createRequire(import.meta.url)
const { values } = parseArgs({ options: { input: { type: 'string' }, 'electron-version': { type: 'string' } } })
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

const currentElectron = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version
const legacyElectron = /^electronVersion:\s*(\S+)\s*$/m.exec(readFileSync(join(root, 'electron-builder.legacy.yml'), 'utf8'))?.[1]
const electronVersions = values['electron-version'] ? [values['electron-version']] : [currentElectron, legacyElectron]
if (electronVersions.some((v) => !/^\d+\.\d+\.\d+$/.test(v ?? ''))) {
  console.error(`security-check: no Electron version to check against (${electronVersions.join(', ')})`)
  process.exit(2)
}
const electronVersion = electronVersions.join(' and ')
const runner = packageRequire('./dist/runner.js')
// babel's add-module-exports makes the module the function itself.
const run = typeof runner === 'function' ? runner : runner.default
const outcome = { issues: [], errors: [] }
for (const version of electronVersions) {
  const one = await run(
    {
      input,
      output: electronVersions.length > 1 ? report.replace(/\.csv$/, `-electron-${version}.csv`) : report,
      isSarif: false,
      customScan: [],
      excludeFromScan: ['AvailableSecurityFixesGlobalCheck'],
      isRelative: true,
      isVerbose: true,
      electronVersionOverride: version,
      parserPlugins: [],
    },
    false,
  )
  outcome.issues.push(...one.issues.map((issue) => ({ ...issue, description: `[Electron ${version}] ${issue.description ?? ''}` })))
  outcome.errors.push(...one.errors)
}
// The CSV is written by a stream that may still be flushing; the runner's own list is authoritative.
const findings = outcome.issues
const unexplained = auditSuppressions(input)
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
if (unexplained.length > 0) {
  console.error(`electronegativity: ${unexplained.length} inline suppression(s) without a reason next to them (add " -- why" or a comment right above):`)
  for (const u of unexplained) console.error(`  ${u}`)
  process.exit(1)
}
console.log(`electronegativity: 0 findings (Electron ${electronVersion}; ${values.input ? input : 'main, preload and renderer page'})`)

/** Every `eng-disable` line under `dir` whose reason is missing: "file:line: text". */
function auditSuppressions(dir) {
  const problems = []
  for (const file of listFiles(dir)) {
    const lines = readFileSync(file, 'utf8').split(/\r?\n/)
    lines.forEach((line, index) => {
      const directive = /eng-disable(?:[ \t]+([\w \t,]*))?/i.exec(line)
      if (!directive) return
      const where = `${relative(dir, file)}:${index + 1}: ${line.trim()}`
      const ids = (directive[1] ?? '').trim().split(/[\s,]+/).filter(Boolean)
      if (ids.length === 0 || ids.some((id) => !/^[A-Z0-9_]+_CHECK$/.test(id))) problems.push(`${where} (name the check IDs, e.g. CSP_GLOBAL_CHECK)`)
      else if (!explainedOnLine(line.slice(directive.index + directive[0].length)) && !(/\.html?$/.test(file) && explainedAbove(lines, index))) problems.push(where)
    })
  }
  return problems
}

function explainedOnLine(rest) {
  const reason = /^\s*--\s*(.*?)\s*(?:-->|\*\/)?\s*$/.exec(rest)?.[1] ?? ''
  return words(reason) >= 4
}

// An HTML comment alone on the line right above.
function explainedAbove(lines, index) {
  const above = /^<!--(.*)-->$/.exec((lines[index - 1] ?? '').trim())?.[1] ?? ''
  return !/eng-disable/i.test(above) && words(above) >= 4
}

function words(text) {
  return text.split(/\s+/).filter((w) => /\p{L}{2,}/u.test(w)).length
}

function listFiles(dir) {
  const out = []
  for (const name of readdirSync(dir)) {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) out.push(...listFiles(path))
    else if (/\.(ts|mts|cts|js|mjs|cjs|svelte|html|htm)$/.test(name)) out.push(path)
  }
  return out
}
