/**
 * A recorded session whose texts try to break out of the Markdown report: a command with a blank line, a
 * heading, a link, a remote image, HTML, autolinks, a lone carriage return (a CommonMark line end) and
 * backtick runs. Each planted construct carries MARK so a rendered link or heading can be traced to it.
 */
import { buildReportModel, type ReportModel } from '../../../src-shared/report/report-model'
import { buildProblemResult, buildProblemSession } from './sample-diagnosis'

export const MARK = 'pwned'

const BREAKOUT = [
  'Get-CsXmppGatewayConfiguration',
  '',
  `# ${MARK} heading`,
  `[${MARK} link](https://evil.example/${MARK}) ![${MARK} image](https://evil.example/${MARK}.png)`,
  `<img src="https://evil.example/${MARK}.gif"> <a href="https://evil.example">${MARK} html</a>`,
  `https://evil.example/${MARK}-autolink www.evil.example/${MARK} ${MARK}@evil.example <https://evil.example/${MARK}>`,
  '```` four backticks then ``` three',
  `\r## ${MARK} after a lone CR`,
  `    indented line`,
].join('\n')

const INLINE_ATTACK = `${MARK}: [x](https://evil.example/${MARK}) ![y](https://evil.example/${MARK}.png) <b>${MARK}</b> https://evil.example/${MARK} www.evil.example &#91;${MARK}&#93;(https://evil.example) \r# ${MARK}\n\n- ${MARK}`

/** The report model of a session carrying every attack in the places evidence text can reach. */
export function buildHostileModel(): ReportModel {
  const session = buildProblemSession()
  const result = buildProblemResult()
  const checks = result.checks.map((c, i) => (i === 0 ? { ...c, summary: { en: INLINE_ATTACK, 'zh-TW': INLINE_ATTACK }, evidence: [{ source: `services.json ${INLINE_ATTACK}`, text: BREAKOUT }] } : c))
  return buildReportModel({
    result: { ...result, checks },
    locale: 'en',
    session: {
      ...session,
      host: `EDGE01.contoso.local ${INLINE_ATTACK}`,
      actions: [
        { ...session.actions[0]!, command: BREAKOUT, output: BREAKOUT },
        { ...session.actions[0]!, id: 2, command: `-${MARK} list\n1. ${MARK}\n= ${MARK}`, output: null },
      ],
      notes: [{ id: 1, createdAt: '2026-11-20T09:45:00.000Z', body: INLINE_ATTACK }],
    },
    changes: null,
    generatedAt: new Date('2026-11-20T10:00:00Z'),
  })
}
