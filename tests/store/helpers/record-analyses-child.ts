/**
 * Child process for the SIGKILL test of one-shot analyses: records finished analyses as fast as it can
 * and prints "RECORDED <uid>" after each commit. The parent kills it mid-way.
 */
import { openHistoryDatabase } from '../../../src-main/store/open-database'
import { recordAnalysis } from '../../../src-main/store/record-analysis'
import { buildProblemResult, buildRawEvidenceFiles } from '../../report/helpers/sample-diagnosis'

const path = process.argv[2]
if (!path) throw new Error('usage: record-analyses-child <db path>')
const { db } = openHistoryDatabase({ path })
const result = buildProblemResult()
const files = buildRawEvidenceFiles()
// Bounded: the parent kills us long before this; if it does not, exit rather than run forever.
for (let n = 1; n <= 100_000; n++) {
  const recorded = recordAnalysis(db, { result, files })
  process.stdout.write(`RECORDED ${recorded.uid}\n`)
}
