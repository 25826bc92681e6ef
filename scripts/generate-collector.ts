// Writes assets/Collect-XmppEvidence.ps1 from the command list in src-shared/collection/evidence-commands.ts.
// Usage: npx tsx scripts/generate-collector.ts          (write the file)
//        npx tsx scripts/generate-collector.ts --check  (exit 1 when the committed file is out of date)
import { readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  COLLECTOR_SCRIPT_NAME,
  encodeCollectorScript,
  renderCollectorScript,
} from '../src-shared/collection/collector-script'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')

/** Where the generated collector script is committed. */
export const COLLECTOR_SCRIPT_PATH = join(ROOT, 'assets', COLLECTOR_SCRIPT_NAME)

/** The bytes the collector script should have now, for the version in package.json. */
export function generateCollectorBytes(): Uint8Array {
  const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }
  return encodeCollectorScript(renderCollectorScript({ version }))
}

function isUpToDate(expected: Uint8Array): boolean {
  try {
    return Buffer.from(readFileSync(COLLECTOR_SCRIPT_PATH)).equals(Buffer.from(expected))
  } catch {
    return false
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const expected = generateCollectorBytes()
  if (process.argv.includes('--check')) {
    if (!isUpToDate(expected)) {
      console.error(`${COLLECTOR_SCRIPT_PATH} is out of date: run "npx tsx scripts/generate-collector.ts".`)
      process.exit(1)
    }
    console.log(`${COLLECTOR_SCRIPT_PATH} is up to date.`)
  } else {
    writeFileSync(COLLECTOR_SCRIPT_PATH, expected)
    console.log(`Wrote ${COLLECTOR_SCRIPT_PATH} (${expected.byteLength} bytes).`)
  }
}
