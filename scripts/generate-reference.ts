/** Writes docs/checks-and-tree.md from the check catalog and the tree. `--check` fails if the file is stale. */
import { readFileSync, writeFileSync } from 'node:fs'
import { renderReference } from '../src-shared/docs/render-reference'

const target = 'docs/checks-and-tree.md'
const fresh = renderReference('en')
if (process.argv.includes('--check')) {
  if (readFileSync(target, 'utf8') !== fresh) {
    console.error(`${target} is stale: run npx tsx scripts/generate-reference.ts`)
    process.exit(1)
  }
} else {
  writeFileSync(target, fresh)
  console.log(`wrote ${target}`)
}
