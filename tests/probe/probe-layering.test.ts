/**
 * src-shared/probe holds the protocol and identity pieces (DER, SANs, stream errors, SRV order, bounds, the report
 * types); the judges that turn a probe into check outcomes live in src-shared/diagnostics/probe. The protocol layer
 * must not reach back into the diagnostics, or the two import each other again.
 */
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const PROTOCOL_DIR = 'src-shared/probe'

function importsOf(file: string): string[] {
  return [...readFileSync(file, 'utf8').matchAll(/^\s*(?:import|export)\b[^'"]*from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]!)
}

describe('probe layering', () => {
  it('src-shared/probe never imports the diagnostics, the engine (diagnose.ts) or the tree', () => {
    const files = readdirSync(PROTOCOL_DIR).filter((f) => f.endsWith('.ts'))
    expect(files.length).toBeGreaterThan(3)
    const outward = files.flatMap((f) => importsOf(join(PROTOCOL_DIR, f)).filter((spec) => /diagnostics|diagnose|\/tree\//.test(spec)).map((spec) => `${f}: ${spec}`))
    expect(outward).toEqual([])
  })
})
