/**
 * The tree branches on finding codes (`onReason`): the edge must be followed on real evidence. (That every code the
 * tree names is one its check produces: finding-reasons.test.ts.)
 */
import { describe, expect, it } from 'vitest'
import { runCli } from '../../src-main/cli/main'

describe('tree reasons', () => {
  it('the port-held edge is followed: another program on 5269 concludes at the port, not at the route question', async () => {
    let stdout = ''
    await runCli(['demo', 'port-5269-taken', '--json'], { stdout: (s) => (stdout += s), stderr: () => undefined })
    const result = JSON.parse(stdout)
    expect(result.rootCause).toMatchObject({ checkId: 'xmpp-external-port-listening', nodeId: 'external-port' })
    expect(result.path.at(-1)).toBe('external-port')
    expect(result.path).not.toContain('ports-route')
  })
})
