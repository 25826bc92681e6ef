/** Root-cause headlines say what is wrong, in both languages, everywhere a root cause is named. */
import { describe, expect, it } from 'vitest'
import { CHECK_CATALOG } from '../../src-shared/diagnostics/all-checks'
import { CHECK_IDS } from '../../src-shared/diagnostics/check-types'
import { CHECK_FAILURE_TITLES, failureTitleOf } from '../../src-shared/diagnostics/failure-titles'
import { rootCauseWords } from '../../src-shared/report/root-cause-words'
import { runCli } from '../../src-main/cli/main'

describe('failure headlines', () => {
  it('every check has one, unlike its title, with zh-TW in full-width punctuation', () => {
    for (const id of CHECK_IDS) {
      const failure = CHECK_FAILURE_TITLES[id]
      expect(failure.en, id).not.toBe(CHECK_CATALOG.get(id)?.title.en)
      expect(failure['zh-TW'], id).toMatch(/[\u4e00-\u9fff]/)
      expect(failure['zh-TW'], id).not.toMatch(/[,;:()](?![\w.])/) // no half-width punctuation between Chinese words
    }
  })

  it('a finding code can name the cause more precisely', () => {
    expect(failureTitleOf('xmpp-external-port-listening', 'port-held-by-other-process').en).toBe('Another program holds TCP 5269')
    expect(failureTitleOf('xmpp-external-port-listening', 'port-not-listening').en).toBe('Nothing is listening on TCP 5269 for partners')
  })

  it('the CLI, the JSON and the status line state the failure, not the healthy state', async () => {
    let stdout = ''
    const io = { stdout: (s: string) => (stdout += s), stderr: () => undefined }
    await runCli(['demo', 'certificate-expired', '--json'], io)
    expect(JSON.parse(stdout).rootCause.title.en).toBe('The external edge certificate is missing or out of date')
    stdout = ''
    await runCli(['demo', 'port-5269-taken', '--lang', 'zh-TW'], io)
    expect(stdout).toContain('根本原因：其他程式佔用了 TCP 5269')
  })

  it('history rows of sessions recorded with the check title read as what failed', () => {
    const checkTitle = CHECK_CATALOG.get('xmpp-proxy-service-running')!.title
    expect(rootCauseWords('xmpp-proxy-service-running', checkTitle)?.en).toBe('The XMPP proxy service is not running on the Edge')
    const concluded = { en: 'The XMPP federation route is not assigned to this Edge pool', 'zh-TW': 'XMPP 同盟路由未指派給此 Edge 集區' }
    expect(rootCauseWords('xmpp-federation-route-assigned', concluded)).toEqual(concluded)
    expect(rootCauseWords(null, null)).toBeNull()
  })
})

describe('a check seen from the other server', () => {
  it('says where to collect, not "not applicable" (which reads as "does not matter")', async () => {
    let stdout = ''
    await runCli(['demo', 'healthy-frontend', '--lang', 'zh-TW'], { stdout: (s) => (stdout += s), stderr: () => undefined })
    expect(stdout).toContain('— 需從 Edge 伺服器查看：請在該處收集證據（此證據來自前端伺服器）。')
    stdout = ''
    await runCli(['demo', 'healthy-frontend', '--lang', 'en'], { stdout: (s) => (stdout += s), stderr: () => undefined })
    expect(stdout).toContain('[-] XMPP Translating Gateway Proxy running (Edge) — Seen from the Edge Server: collect evidence there (this evidence is from a Front End Server).')
    expect(stdout).not.toMatch(/not applicable/i)
  })
})
