/** Test evidence folders: a copy of a scenario folder (PowerShell's own output formats) with files replaced. */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** Copies tests/scenarios/<name> (without its scenario.json) to a fresh temporary folder. */
export function copyScenario(name: string): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'xed-evidence-')), name)
  cpSync(join('tests/scenarios', name), dir, { recursive: true })
  rmSync(join(dir, 'scenario.json'), { force: true })
  return dir
}

/** Writes a file as ConvertTo-Json would leave it after `Out-File -Encoding UTF8` (BOM + text). */
export function writeEvidenceText(dir: string, file: string, content: string): void {
  writeFileSync(join(dir, file), `\uFEFF${content}`, 'utf8')
}

/** ConvertTo-Json's "\/Date(ms)\/" spelling of a time. */
export function psDate(iso: string): string {
  return `/Date(${Date.parse(iso)})/`
}
