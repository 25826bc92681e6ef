/**
 * The tree branches on finding codes (`onReason`): a misspelled code silently never matches. Every code the tree
 * names must be one the node's own check can produce, and the edge must be followed on real evidence.
 */
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli } from '../../src-main/cli/main'
import { TROUBLESHOOTING_TREE } from '../../src-shared/tree/troubleshooting-tree'

const CHECK_SOURCES = ['src-shared/diagnostics/checks', 'src-shared/probe'].flatMap((dir) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.ts'))
    .map((f) => readFileSync(join(dir, f), 'utf8')),
)

/** Every finding code a check or probe judge writes (`reason: '…'`). */
const PRODUCED = new Set(CHECK_SOURCES.flatMap((source) => [...source.matchAll(/reason: '([a-z0-9-]+)'/g)].map((m) => m[1]!)))

describe('tree reasons', () => {
  it('every onReason code in the tree is one a check produces', () => {
    const named = TROUBLESHOOTING_TREE.nodes.flatMap((node) => (node.kind === 'check' ? Object.keys(node.onReason ?? {}) : []))
    expect(named.length).toBeGreaterThan(0)
    for (const reason of named) expect(PRODUCED, reason).toContain(reason)
  })

  it('the port-held edge is followed: another program on 5269 concludes at the port, not at the route question', async () => {
    let stdout = ''
    await runCli(['demo', 'port-5269-taken', '--json'], { stdout: (s) => (stdout += s), stderr: () => undefined })
    const result = JSON.parse(stdout)
    expect(result.rootCause).toMatchObject({ checkId: 'xmpp-external-port-listening', nodeId: 'external-port' })
    expect(result.path.at(-1)).toBe('external-port')
    expect(result.path).not.toContain('ports-route')
  })
})
