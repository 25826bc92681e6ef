/**
 * What a history session keeps of a DiagnosisResult, in one place: the subject (written once, when the session
 * starts) and the walk (written with each check run and again after each answer).
 */
import type { SessionSubject, WalkState } from '../../src-shared/report/session-record'
import type { DiagnosisResult, RootCause, Verdict } from '../../src-shared/result/diagnosis-result'

/** Where the tree walk stands, with the verdict and root cause it reached: what the sessions row keeps of a walk. */
export type RecordedWalk = WalkState & { readonly verdict: Verdict; readonly rootCause: RootCause | null }

/** The server (or probed domain) the result is about, as the sessions row stores it. */
export function subjectOf(result: DiagnosisResult): SessionSubject {
  const { host, role, productVersion, domains, source, collectedAt } = result.subject
  return { host, role, productVersion, domains, source, collectedAt }
}

/** The walk of the result: its path, where it stopped, what to do next, the answers it used and its verdict. */
export function walkOf(result: DiagnosisResult): RecordedWalk {
  return {
    path: result.path,
    currentNode: result.currentNode,
    nextAction: result.nextAction,
    answers: result.answers,
    verdict: result.verdict,
    rootCause: result.rootCause,
  }
}
