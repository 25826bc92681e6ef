/**
 * Incident mode: an Edge and its Front End analyzed together give one diagnosis. Each check is judged by the
 * server that can see it, a question the other server's evidence answers is not asked, and sets collected far
 * apart are flagged. The evidence folders are the documented demo scenarios (one deployment: contoso.com, FE01, EDGE01).
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runCli } from '../../src-main/cli/main'
import { mergeCheckResults } from '../../src-shared/evidence-sets/merge-check-results'
import type { CheckResult, CheckStatus } from '../../src-shared/diagnostics/check-types'

const SCENARIOS = 'tests/scenarios'
const temp: string[] = []
afterAll(() => temp.forEach((dir) => rmSync(dir, { recursive: true, force: true })))

async function analyze(...args: string[]) {
  let stdout = ''
  let stderr = ''
  const code = await runCli(['analyze', ...args], { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) })
  return { code, stdout, stderr }
}

function result(status: CheckStatus, source: string): CheckResult {
  return { id: 'xmpp-access-policy-enabled', status, summary: { en: status, 'zh-TW': status }, evidence: [{ source, text: status }], fix: null, durationMs: 0 }
}

describe('analyze with an Edge and a Front End', () => {
  it('a Front End plus an Edge with a stopped proxy: root cause the proxy, FE gateway pass, Edge proxy fail', async () => {
    const r = await analyze(`${SCENARIOS}/healthy-frontend`, `${SCENARIOS}/proxy-service-stopped`, '--json')
    expect(r.code).toBe(1)
    const json = JSON.parse(r.stdout)
    expect(json.rootCause.checkId).toBe('xmpp-proxy-service-running')
    const hop = (id: string) => json.route.find((h: { hop: string }) => h.hop === id)
    expect(hop('frontend-gateway').status).toBe('pass')
    expect(hop('edge-proxy').status).toBe('fail')
    expect(json.servers).toEqual([
      { host: 'FE01', role: 'FrontEnd', collectedAt: '2026-11-20T01:30:00.000Z', apartFromOthers: false },
      { host: 'EDGE01', role: 'Edge', collectedAt: '2026-11-20T01:30:00.000Z', apartFromOthers: false },
    ])
    // Each check is judged by the server that sees it: the gateway on FE01, the proxy on EDGE01.
    const check = (id: string) => json.checks.find((c: { id: string }) => c.id === id)
    expect(check('xmpp-gateway-service-running').status).toBe('pass')
    expect(check('xmpp-gateway-service-running').evidence.every((e: { source: string }) => e.source.startsWith('FE01: '))).toBe(true)
    expect(check('xmpp-proxy-service-running').evidence.some((e: { source: string }) => e.source.startsWith('EDGE01: '))).toBe(true)
  })

  it('does not ask the Edge’s route question when the Front End’s topology answers it', async () => {
    const alone = JSON.parse((await analyze(`${SCENARIOS}/ports-closed-route-question`, '--json')).stdout)
    expect(alone.nextAction).toMatchObject({ kind: 'answer-question', nodeId: 'q-route-assigned' })
    const together = JSON.parse((await analyze(`${SCENARIOS}/ports-closed-route-question`, `${SCENARIOS}/healthy-frontend`, '--json')).stdout)
    expect(together.path).not.toContain('q-route-assigned')
    expect(together.checks.find((c: { id: string }) => c.id === 'xmpp-federation-route-assigned').status).toBe('pass')
  })

  it('flags evidence sets collected more than an hour apart, in the JSON and the text', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xed-incident-'))
    temp.push(dir)
    const frontEnd = join(dir, 'fe01')
    cpSync(`${SCENARIOS}/healthy-frontend`, frontEnd, { recursive: true })
    const manifestPath = join(frontEnd, 'manifest.json')
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'))
    writeFileSync(manifestPath, JSON.stringify({ ...manifest, collectedAt: '2026-11-20T04:45:00.0000000Z' }, null, 4))
    const json = JSON.parse((await analyze(frontEnd, `${SCENARIOS}/proxy-service-stopped`, '--json')).stdout)
    expect(json.servers.map((s: { apartFromOthers: boolean }) => s.apartFromOthers)).toEqual([true, true])
    const text = (await analyze(frontEnd, `${SCENARIOS}/proxy-service-stopped`, '--lang', 'en')).stdout
    expect(text).toContain('EDGE01: Edge Server, collected 2026-11-20 01:30:00 UTC (! collected more than an hour apart')
  })

  it('stops at a missing second folder with exit 2, like one missing folder', async () => {
    const r = await analyze(`${SCENARIOS}/healthy-edge`, `${SCENARIOS}/no-such-folder`)
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('no-such-folder')
  })
})

describe('mergeCheckResults', () => {
  it('a failure anywhere wins; a server that can see beats one that cannot', () => {
    const merged = (a: CheckStatus, b: CheckStatus) =>
      mergeCheckResults([
        { label: 'EDGE01', results: [result(a, 'edge.json')] },
        { label: 'FE01', results: [result(b, 'fe.json')] },
      ])[0]!
    expect(merged('pass', 'fail').status).toBe('fail')
    expect(merged('unknown', 'pass').status).toBe('pass')
    expect(merged('skipped', 'unknown').status).toBe('unknown')
    expect(merged('warn', 'pass').status).toBe('warn')
    expect(merged('pass', 'skipped').evidence).toEqual([{ source: 'EDGE01: edge.json', text: 'pass' }])
  })

  it('leaves a single server’s results as they are', () => {
    const only = [result('pass', 'x.json')]
    expect(mergeCheckResults([{ label: 'EDGE01', results: only }])).toEqual(only)
  })
})
