/**
 * The built bundles run in the oldest runtime they ship in: the legacy build's Electron 22.3 (Node 16.17 for
 * main, preload and the packaged CLI; Chromium 108 for the renderer's JavaScript and CSS). Built here into a
 * temporary folder with `scripts/build.mjs --out`, then read back: syntax beyond the targets fails the test,
 * and so does CSS or markup that Chromium 108 lacks (docs/desktop-builds.md).
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { Parser } from 'acorn'
import { ESLint } from 'eslint'
import n from 'eslint-plugin-n'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CHROME_TARGET, NODE_TARGET } from '../../scripts/build-targets.mjs'
import { syntaxBeyondTarget } from './bundle-targets'
import { AFTER_CHROME_108_CSS, AFTER_CHROME_108_MARKUP, findFeatures, splitSvelte } from './css-compat'

const ROOT = join(import.meta.dirname, '..', '..')
let out: string

function filesUnder(dir: string, pattern: RegExp): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && pattern.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name))
}

/** ES2022 is the newest grammar both Node 16.17 (V8 9.4) and Chromium 108 parse in full. */
function parseErrorEs2022(code: string, sourceType: 'script' | 'module'): string | null {
  try {
    Parser.parse(code, { ecmaVersion: 2022, sourceType, allowHashBang: true })
    return null
  } catch (error) {
    return (error as Error).message
  }
}

beforeAll(() => {
  out = mkdtempSync(join(tmpdir(), 'xed-build-'))
  execFileSync(process.execPath, ['scripts/build.mjs', '--out', out], { cwd: ROOT, stdio: 'pipe', timeout: 150_000 })
}, 180_000)

afterAll(() => {
  if (out) rmSync(out, { recursive: true, force: true })
})

describe('the targets', () => {
  it('are Electron 22.3\'s Node and Chromium, and vite.config.ts builds the renderer for the same Chromium', () => {
    expect(NODE_TARGET).toBe('node16.17')
    expect(CHROME_TARGET).toBe('chrome108')
    const vite = readFileSync(join(ROOT, 'vite.config.ts'), 'utf8')
    expect(vite).toMatch(/\btarget: 'chrome108'/)
    expect(vite).toMatch(/\bcssTarget: 'chrome108'/)
  })

  it('the check finds syntax a target lacks (so the bundle checks below can fail)', async () => {
    // RegExp v flag: Node 20 / Chromium 112. Class static blocks and ??= are fine on both targets.
    const newer = 'export const letters = /[\\p{L}--\\p{N}]/v'
    expect(await syntaxBeyondTarget(newer, NODE_TARGET)).not.toEqual([])
    expect(await syntaxBeyondTarget(newer, CHROME_TARGET)).not.toEqual([])
    expect(await syntaxBeyondTarget('using handle = open()', NODE_TARGET)).not.toEqual([])
    expect(await syntaxBeyondTarget('class A { static { this.x ??= 1 } }', NODE_TARGET)).toEqual([])
    expect(parseErrorEs2022(newer, 'module')).not.toBeNull()
    // CSS nesting: Chromium 112 (and 120 for a bare element selector).
    expect(await syntaxBeyondTarget('.card { color: red; & p { margin: 0 } }', CHROME_TARGET, 'css')).not.toEqual([])
    expect(await syntaxBeyondTarget('.card p { margin: 0 }', CHROME_TARGET, 'css')).toEqual([])
    expect(findFeatures('.x { color: color-mix(in srgb, red, blue); text-wrap: balance }', AFTER_CHROME_108_CSS)).toHaveLength(2)
    expect(findFeatures('<div popover id="tip">x</div>', AFTER_CHROME_108_MARKUP)).toHaveLength(1)
  })
})

describe('built bundles', () => {
  it('main, preload and the packaged CLI: Node 16.17 syntax, CommonJS scripts', async () => {
    const files = [join(out, 'main', 'main.cjs'), join(out, 'preload', 'preload.cjs'), join(out, 'packaged-cli', 'xmpp-edge-doctor.cjs')]
    for (const file of files) {
      const code = readFileSync(file, 'utf8')
      expect(await syntaxBeyondTarget(code, NODE_TARGET), relative(out, file)).toEqual([])
      expect(parseErrorEs2022(code, 'script'), relative(out, file)).toBeNull()
    }
  }, 60_000)

  it('main bundle, dependencies included: no Node API newer than 16.17 except the guarded ones', async () => {
    // The lint sees only our sources; this reads what ships, with node_modules code bundled in.
    const eslint = new ESLint({
      cwd: out,
      overrideConfigFile: true,
      overrideConfig: [
        {
          files: ['**/*.cjs'],
          linterOptions: { noInlineConfig: true, reportUnusedDisableDirectives: 'off' },
          languageOptions: { ecmaVersion: 2022, sourceType: 'commonjs' },
          plugins: { n },
          rules: {
            'n/no-unsupported-features/node-builtins': ['error', { version: '>=16.17.0' }],
            'n/no-unsupported-features/es-builtins': ['error', { version: '>=16.17.0' }],
          },
        },
      ],
    })
    const [result] = await eslint.lintFiles([join(out, 'main', 'main.cjs')])
    const found = result!.messages.filter((m) => m.ruleId !== null).map((m) => m.message.replace(/ The configured version.*/, ''))
    // Reviewed: util.parseArgs exists from 16.17.0 (src-main/cli/parse-args.ts applies option defaults itself);
    // yauzl calls zlib.crc32 only when `typeof zlib.crc32 === "function"`, else its own crc32.
    const reviewed = /^The '(util\.parseArgs|zlib\.crc32)' /
    expect(found.filter((message) => !reviewed.test(message))).toEqual([])
  }, 90_000)

  it('renderer JavaScript: Chromium 108 syntax', async () => {
    const files = filesUnder(join(out, 'renderer'), /\.js$/)
    expect(files.length).toBeGreaterThan(0)
    for (const file of files) {
      const code = readFileSync(file, 'utf8')
      expect(await syntaxBeyondTarget(code, CHROME_TARGET), relative(out, file)).toEqual([])
      expect(parseErrorEs2022(code, 'module'), relative(out, file)).toBeNull()
    }
  }, 60_000)

  it('renderer CSS: nothing to lower for Chromium 108 (no nesting left) and no later CSS features', async () => {
    const files = filesUnder(join(out, 'renderer'), /\.css$/)
    expect(files.length).toBeGreaterThan(0)
    for (const file of files) {
      const css = readFileSync(file, 'utf8')
      expect(await syntaxBeyondTarget(css, CHROME_TARGET, 'css'), relative(out, file)).toEqual([])
      expect(findFeatures(css, AFTER_CHROME_108_CSS), relative(out, file)).toEqual([])
    }
  })
})

describe('renderer sources', () => {
  it('use no CSS or markup that Chromium 108 lacks (styles the build cannot lower, popover, <search>)', () => {
    for (const file of filesUnder(join(ROOT, 'src-renderer'), /\.(css|svelte|html)$/)) {
      const source = readFileSync(file, 'utf8')
      const { css, markup } = file.endsWith('.css') ? { css: source, markup: '' } : splitSvelte(source)
      expect([...findFeatures(css, AFTER_CHROME_108_CSS), ...findFeatures(markup, AFTER_CHROME_108_MARKUP)], relative(ROOT, file)).toEqual([])
    }
  })
})
