/**
 * One diagnosis over several servers (issue "Incident mode": Edge and Front End evidence together). Each check
 * runs on every server's evidence; the servers' results for one check are folded into one, judged by the server
 * that can see what the check looks at: a check the Edge cannot see (`skipped`, `unknown`) takes the Front End's
 * verdict and the other way round, and a failure seen anywhere stays a failure.
 */
import { CROSS_SERVER_RANK } from '../diagnostics/status-order'
import type { CheckResult } from '../diagnostics/check-types'

/** The results of one server's evidence, with the name it is shown under (host, else a number). */
export interface ServerCheckResults {
  readonly label: string
  readonly results: readonly CheckResult[]
}

/** Which server's result wins for one check (status-order.ts). */
const MERGE_RANK = CROSS_SERVER_RANK

/** Folds each check's results across servers; evidence lines are prefixed with the server they come from. */
export function mergeCheckResults(servers: readonly ServerCheckResults[]): CheckResult[] {
  const [first, ...rest] = servers
  if (!first) return []
  if (rest.length === 0) return [...first.results]
  return first.results.map((result, index) => {
    const candidates = servers.flatMap((server) => {
      const candidate = server.results[index]
      return candidate && candidate.id === result.id ? [{ server, candidate }] : []
    })
    const winner = candidates.reduce((best, next) => (MERGE_RANK[next.candidate.status] > MERGE_RANK[best.candidate.status] ? next : best))
    return {
      ...winner.candidate,
      // The proof of every server that could judge it, so a reader sees both sides.
      evidence: candidates
        .filter(({ candidate }) => candidate.status !== 'skipped')
        .flatMap(({ server, candidate }) => candidate.evidence.map((item) => ({ ...item, source: `${server.label}: ${item.source}` }))),
    }
  })
}
