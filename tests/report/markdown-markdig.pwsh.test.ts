/**
 * The hostile Markdown report rendered by a real CommonMark renderer: PowerShell 7's ConvertFrom-Markdown
 * (Markdig with its advanced extensions, autolinks included). The HTML must hold no link, image, raw HTML or
 * heading made from the planted text, and the planted command must come out inside <code>.
 */
import { execFileSync } from 'node:child_process'
import { accessSync, constants, writeFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { delimiter, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { renderReportMarkdown } from '../../src-shared/report/render-markdown'
import { useTempDirs } from '../store/helpers/temp-dir'
import { buildHostileModel, MARK } from './helpers/hostile-markdown'

const makeDir = useTempDirs('xed-markdig-')

function findPwsh(): string {
  const exe = process.platform === 'win32' ? 'pwsh.exe' : 'pwsh'
  const dirs = [...(process.env.PATH ?? '').split(delimiter), join(homedir(), '.dotnet', 'tools'), '/root/.dotnet/tools']
  for (const dir of dirs.filter(Boolean)) {
    try {
      accessSync(join(dir, exe), constants.X_OK)
      return join(dir, exe)
    } catch {
      // next candidate
    }
  }
  throw new Error('pwsh (PowerShell 7) not found: dotnet tool install --global PowerShell')
}

describe('Markdown report through Markdig', () => {
  it('renders hostile recorded text as text: no link, image, HTML or heading from it', () => {
    const path = join(makeDir(), 'report.md')
    writeFileSync(path, renderReportMarkdown(buildHostileModel()))
    const html = execFileSync(findPwsh(), ['-NoProfile', '-NonInteractive', '-Command', '(Get-Content -Raw -Encoding utf8 -LiteralPath $env:XED_MARKDOWN | ConvertFrom-Markdown).Html'], {
      encoding: 'utf8',
      env: { ...process.env, XED_MARKDOWN: path },
      timeout: 60_000,
    })
    expect(html).toContain('<h1')
    expect(html).not.toMatch(/<a\s/i)
    expect(html).not.toMatch(/<img/i)
    expect(html).not.toMatch(/<b>/i)
    for (const heading of html.match(/<h\d[^>]*>[^<]*/g) ?? []) expect(heading).not.toContain(MARK)
    for (const item of html.match(/<li>[^<]*/g) ?? []) expect(item).not.toMatch(new RegExp(`^<li>\\s*${MARK}`))
    expect(html).toMatch(/<code class="language-powershell">Get-CsXmppGatewayConfiguration\n\n# pwned heading/)
  })
})
