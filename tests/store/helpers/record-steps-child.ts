/**
 * Child process for the SIGKILL test: records session steps as fast as it can and prints one line
 * after each commit ("STEP <n> <kind> <sessionId>"). It never finishes the session; the parent kills it.
 */
import { openHistoryDatabase } from '../../../src-main/store/open-database'
import { startSession } from '../../../src-main/store/session-recorder'
import { buildProblemResult, buildRawEvidenceFiles } from '../../report/helpers/sample-diagnosis'

const path = process.argv[2]
if (!path) throw new Error('usage: record-steps-child <db path>')
const { db } = openHistoryDatabase({ path })
const recorder = startSession(db, { host: 'EDGE01.contoso.local', role: 'Edge', productVersion: null, domains: ['contoso.com'], source: 'live', collectedAt: null })
process.stdout.write(`SESSION ${recorder.sessionId}\n`)
recorder.recordEvidence(buildRawEvidenceFiles())
process.stdout.write(`STEP 0 evidence ${recorder.sessionId}\n`)

const checks = buildProblemResult().checks
// Bounded: the parent kills us long before this; if it does not, exit rather than run forever.
for (let n = 1; n <= 100_000; n++) {
  switch (n % 4) {
    case 0:
      recorder.recordAnswer(`node-${n}`, `answer-${n}`)
      break
    case 1:
      recorder.addNote(`note ${n}`)
      break
    case 2:
      recorder.recordCheckResults(checks)
      break
    default: {
      const id = recorder.startAction(`Start-CsWindowsService -Name RTCXMPPTGWPX # step ${n}`, 'edge')
      recorder.finishAction(id, { output: `output ${n}`, exitCode: 0, succeeded: true })
    }
  }
  process.stdout.write(`STEP ${n} ${['answer', 'note', 'checks', 'action'][n % 4]} ${recorder.sessionId}\n`)
}
