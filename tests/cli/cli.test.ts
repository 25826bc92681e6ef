/** The CLI in-process, as a user runs it: exit codes, JSON contract, languages, hostile input. */
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import yazl from 'yazl'
import { runCliCaptured as run } from '../support/run-cli-captured'

describe('analyze', () => {
  it('exits 0 on a healthy folder and prints grouped ✓ lines', async () => {
    const r = await run('analyze', 'tests/scenarios/healthy-edge', '--lang', 'en')
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('[✓] XMPP Translating Gateway Proxy running (Edge)')
    expect(r.stdout).toMatch(/^Healthy$/m)
  })

  it('a healthy verdict beside warnings says how many, so it does not read as nothing to do (exit 0 still)', async () => {
    const en = await run('analyze', 'tests/scenarios/edge-site-policy-blocks-xmpp', '--lang', 'en')
    expect(en.code).toBe(0)
    expect(en.stdout).toMatch(/^Healthy, with 1 warning\(s\) to read \(marked !\)$/m)
    const zh = await run('analyze', 'tests/scenarios/edge-site-policy-blocks-xmpp', '--lang', 'zh-TW')
    expect(zh.stdout).toMatch(/^正常，但有 1 項警告需要查看（標示為 !）$/m)
  })

  it('names the server role in words in the header, and leaves it to the server lines for a set of servers', async () => {
    const edge = await run('analyze', 'tests/scenarios/healthy-edge', '--lang', 'en')
    expect(edge.stdout).toMatch(/^XMPP Edge Doctor — EDGE01 · Edge Server, Lync Server 2013 \(5\.0\.8308\.0\) · contoso\.com/m)
    const frontEnd = await run('analyze', 'tests/scenarios/healthy-frontend', '--lang', 'zh-TW')
    expect(frontEnd.stdout).toMatch(/^XMPP Edge Doctor — FE01 · 前端伺服器，Lync Server 2013/m)
    const set = await run('analyze', 'tests/scenarios/healthy-frontend', 'tests/scenarios/proxy-service-stopped', '--lang', 'en')
    expect(set.stdout).toMatch(/^XMPP Edge Doctor — FE01 \+ EDGE01 · Lync Server 2013/m)
    expect(set.stdout).not.toContain('FrontEnd')
  })

  it('exits 1 with the root cause and the exact fix command', async () => {
    const r = await run('analyze', 'tests/scenarios/proxy-service-stopped', '--lang', 'en')
    expect(r.code).toBe(1)
    // The headline says what is wrong, not the check's title (which names the healthy state).
    expect(r.stdout).toContain('Root cause: The XMPP proxy service is not running on the Edge')
    expect(r.stdout).not.toContain('Root cause: XMPP Translating Gateway Proxy running')
    expect(r.stdout).toContain('Start-CsWindowsService -Name RTCXMPPTGWPX')
  })

  it('prints the documented JSON shape', async () => {
    const r = await run('analyze', 'tests/scenarios/srv-wrong-port', '--json')
    const json = JSON.parse(r.stdout)
    expect(Object.keys(json).slice(0, 6)).toEqual(['format', 'version', 'verdict', 'rootCause', 'checks', 'path'])
    expect(json).toMatchObject({ format: 'xmpp-edge-doctor/result', version: 1, verdict: 'problems', rootCause: { checkId: 'xmpp-srv-record' } })
    expect(json.checks[0]).toEqual(expect.objectContaining({ id: expect.any(String), status: expect.any(String), summary: expect.any(Object), evidence: expect.any(Array), fix: null }))
    expect(json.path.at(-1)).toBe('srv')
  })

  it('asks the question and moves on with --answer', async () => {
    const asked = await run('analyze', 'tests/scenarios/ports-closed-route-question', '--lang', 'en')
    expect(asked.code).toBe(1)
    expect(asked.stdout).toContain('--answer q-route-assigned=yes')
    const answered = await run('analyze', 'tests/scenarios/ports-closed-route-question', '--answer', 'q-route-assigned=no', '--json')
    expect(JSON.parse(answered.stdout).rootCause.nodeId).toBe('c-assign-route')
  })

  it('speaks Traditional Chinese with --lang zh-TW', async () => {
    const r = await run('analyze', 'tests/scenarios/federation-disabled', '--lang', 'zh-TW')
    expect(r.stdout).toContain('根本原因：Access Edge 上的同盟已關閉')
    expect(r.stdout).toContain('Set-CsAccessEdgeConfiguration -AllowFederatedUsers $true')
  })

  it('checks the domain given with --domain', async () => {
    const r = await run('analyze', 'tests/scenarios/healthy-edge', '--domain', 'fabrikam.com', '--json')
    expect(JSON.parse(r.stdout).rootCause.checkId).toBe('edge-certificate-names')
  })

  it('reads a zip of the folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xed-cli-'))
    const zipPath = join(dir, 'evidence.zip')
    const zip = new yazl.ZipFile()
    const { readdirSync, readFileSync } = await import('node:fs')
    for (const f of readdirSync('tests/scenarios/certificate-expired')) zip.addBuffer(readFileSync(join('tests/scenarios/certificate-expired', f)), `EDGE01-evidence/${f}`)
    zip.end()
    await new Promise<void>((resolve, reject) => {
      const chunks: Buffer[] = []
      zip.outputStream.on('data', (c: Buffer) => chunks.push(c)).on('end', () => { writeFileSync(zipPath, Buffer.concat(chunks)); resolve() }).on('error', reject)
    })
    const r = await run('analyze', zipPath, '--json')
    expect(JSON.parse(r.stdout)).toMatchObject({ verdict: 'problems', rootCause: { checkId: 'edge-certificate-valid' }, subject: { source: 'evidence-zip' } })
  })
})

describe('bad input exits 2 with one clear line', () => {
  it.each([
    [['analyze'], /usage: xmpp-edge-doctor analyze/],
    [['analyze', '/definitely/not/here'], /Nothing exists at/],
    [['analyze', 'tests/scenarios/healthy-edge', '--domain', 'contoso.com;Remove-Item C:\\'], /not a domain name/],
    [['analyze', 'tests/scenarios/healthy-edge', '--lang', 'fr'], /use en or zh-TW/],
    [['analyze', 'tests/scenarios/healthy-edge', '--answer', 'oops'], /expected <node>=<answer>/],
    [['analyze', 'tests/scenarios/healthy-edge', '--bogus'], /Unknown option/],
    [['frobnicate'], /unknown command/],
    [['demo', '../../etc'], /not a scenario name/],
  ])('%j', async (argv, message) => {
    const r = await run(...argv)
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(message)
    expect(r.stderr).not.toMatch(/\n\s+at /) // no stack trace
  })

  it('a file that is not evidence', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xed-cli-'))
    writeFileSync(join(dir, 'notes.txt'), 'hello')
    const r = await run('analyze', join(dir, 'notes.txt'))
    expect(r.code).toBe(2)
  })

  it('a folder of broken files is still analyzed (nothing lost), each broken file named on stderr, exit 1 (not verified)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xed-cli-'))
    mkdirSync(join(dir, 'ev'))
    writeFileSync(join(dir, 'ev', 'services.json'), '{ "Name": ')
    writeFileSync(join(dir, 'ev', 'netstat.txt'), Buffer.from([0xff, 0xfe, 0x00, 0xd8]))
    const r = await run('analyze', join(dir, 'ev'), '--json')
    // The JSON says "incomplete" and the exit code agrees: not everything could be verified (2 is for unreadable input).
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/services\.json/)
    const json = JSON.parse(r.stdout)
    expect(json.verdict).toBe('incomplete')
    expect(json.checks.find((c: { id: string }) => c.id === 'xmpp-proxy-service-running').summary.en).toContain('services.json could not be read')
  })
})

describe('hostile evidence, bounded', () => {
  it('a 200 MB file: clear error, exit 2, without reading it', async () => {
    const { truncateSync, openSync, closeSync } = await import('node:fs')
    const dir = mkdtempSync(join(tmpdir(), 'xed-cli-'))
    mkdirSync(join(dir, 'ev'))
    const big = join(dir, 'ev', 'events.json')
    closeSync(openSync(big, 'w'))
    truncateSync(big, 200 * 1024 * 1024) // sparse: takes no disk
    const before = process.memoryUsage().rss
    const r = await run('analyze', join(dir, 'ev'))
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/events\.json/)
    expect(process.memoryUsage().rss - before).toBeLessThan(100 * 1024 * 1024)
  })

  it('a zip with a path-traversal entry: exit 2', async () => {
    const zip = new yazl.ZipFile()
    zip.addBuffer(Buffer.from('[]'), 'services.json')
    zip.addBuffer(Buffer.from('x'), 'xx/evil.txt')
    zip.end()
    const chunks: Buffer[] = []
    await new Promise<void>((resolve) => zip.outputStream.on('data', (c: Buffer) => chunks.push(c)).on('end', () => resolve()))
    // yazl refuses "../" names, so patch the name in place (same length) in the local and central headers.
    const patched = Buffer.from(Buffer.concat(chunks).toString('latin1').split('xx/evil.txt').join('../evil.txt'), 'latin1')
    const file = join(mkdtempSync(join(tmpdir(), 'xed-cli-')), 'evil.zip')
    writeFileSync(file, patched)
    const r = await run('analyze', file)
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/unsafe path|\.\.\//)
  })
})

describe('demo', () => {
  it('lists the scenarios and runs one with its recorded answers', async () => {
    const list = await run('demo', '--lang', 'en')
    expect(list.code).toBe(0)
    expect(list.stdout).toContain('topology-not-published')
    const r = await run('demo', 'topology-not-published', '--json')
    expect(JSON.parse(r.stdout).currentNode).toBe('c-publish-topology')
  })
})

describe('demo without its scenarios folder', () => {
  it('says where it looked and how to point it elsewhere, exit 3, no stack trace, for the list and for one scenario', async () => {
    const missing = join(mkdtempSync(join(tmpdir(), 'xed-no-scenarios-')), 'scenarios')
    const before = process.env.XED_SCENARIOS_DIR
    process.env.XED_SCENARIOS_DIR = missing
    try {
      for (const argv of [['demo'], ['demo', 'healthy-edge', '--lang', 'zh-TW']]) {
        const r = await run(...argv)
        expect(r.code).toBe(3)
        expect(r.stdout).toBe('')
        expect(r.stderr).toContain(missing)
        expect(r.stderr).toContain('XED_SCENARIOS_DIR')
        expect(r.stderr).not.toMatch(/\n\s+at /)
      }
    } finally {
      if (before === undefined) delete process.env.XED_SCENARIOS_DIR
      else process.env.XED_SCENARIOS_DIR = before
    }
  })
})
