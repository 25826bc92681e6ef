/**
 * What the history holds about one troubleshooting session, as the store returns it and the app,
 * CLI and reports read it. Times are ISO 8601 strings (they cross IPC and go into JSON).
 */
import type { CheckId, CheckResult } from '../diagnostics/check-types'
import type { ServerRole } from '../evidence/evidence-model'
import type { Localized } from '../i18n/localized'
import type { DiagnosisResult, NextAction, RootCause, Verdict } from '../result/diagnosis-result'
import type { ConfigSnapshot } from './config-snapshot'

/** Who/what a session is about; taken from the DiagnosisResult subject when the session starts. */
export interface SessionSubject {
  readonly host: string | null
  readonly role: ServerRole
  readonly productVersion: string | null
  readonly domains: readonly string[]
  readonly source: DiagnosisResult['subject']['source']
  readonly collectedAt: string | null
}

/** One row of the history list. */
export interface SessionSummary {
  readonly id: number
  /** Stable across export/import; the numeric id is local to one database. */
  readonly uid: string
  readonly host: string | null
  readonly role: ServerRole
  readonly productVersion: string | null
  readonly domains: readonly string[]
  readonly startedAt: string
  /** Null while the session is still open (or was cut short by a crash). */
  readonly endedAt: string | null
  readonly verdict: Verdict | null
  readonly rootCauseCheckId: CheckId | null
  readonly rootCauseTitle: Localized | null
}

export interface StoredEvidenceFile {
  readonly name: string
  readonly sha256: string
  readonly originalSize: number
  readonly storedSize: number
  readonly compression: 'gzip' | 'brotli' | 'none'
}

/** One run of the checks inside a session (checks may run again after a fix). */
export interface CheckRun {
  readonly runNo: number
  readonly recordedAt: string
  readonly results: readonly CheckResult[]
}

export interface AnswerRecord {
  readonly nodeId: string
  readonly answerId: string
  readonly answeredAt: string
}

/** started: confirmed and committed before running; no output recorded (yet, or ever if the app died). */
export type ActionStatus = 'started' | 'succeeded' | 'failed'

export interface ActionRecord {
  readonly id: number
  readonly command: string
  readonly runOn: string | null
  readonly confirmedAt: string
  readonly finishedAt: string | null
  readonly status: ActionStatus
  readonly exitCode: number | null
  readonly output: string | null
}

export interface NoteRecord {
  readonly id: number
  readonly createdAt: string
  readonly body: string
}

/** Where the tree walk stood at the last recorded step. */
export interface WalkState {
  readonly path: readonly string[]
  readonly currentNode: string | null
  readonly nextAction: NextAction | null
  /** The answers the walk used (node id → answer id). */
  readonly answers: Readonly<Record<string, string>>
}

/** Everything about one session. */
export interface SessionDetail extends SessionSummary {
  readonly source: SessionSubject['source']
  readonly collectedAt: string | null
  readonly appVersion: string | null
  readonly evidenceFiles: readonly StoredEvidenceFile[]
  /** Oldest first; the last one is the current state. */
  readonly checkRuns: readonly CheckRun[]
  readonly walk: WalkState
  readonly rootCause: RootCause | null
  /** Every answer the user gave, in order (including answers later changed). */
  readonly answers: readonly AnswerRecord[]
  readonly actions: readonly ActionRecord[]
  readonly notes: readonly NoteRecord[]
  readonly snapshot: ConfigSnapshot | null
  readonly diagnosisStartedAt: string | null
  readonly diagnosisDurationMs: number | null
}

/** The session's latest state in the one result shape (`analyze --json`); null before any checks ran. */
export function sessionToDiagnosisResult(session: SessionDetail): DiagnosisResult | null {
  const latestRun = session.checkRuns[session.checkRuns.length - 1]
  if (!latestRun) return null
  return {
    format: 'xmpp-edge-doctor/result',
    version: 1,
    verdict: session.verdict ?? 'incomplete',
    rootCause: session.rootCause,
    checks: latestRun.results,
    path: session.walk.path,
    currentNode: session.walk.currentNode,
    nextAction: session.walk.nextAction ?? { kind: 'none', nodeId: null, text: { en: '', 'zh-TW': '' }, commands: [] },
    answers: session.walk.answers,
    subject: {
      host: session.host,
      role: session.role,
      productVersion: session.productVersion,
      domains: session.domains,
      collectedAt: session.collectedAt,
      source: session.source,
    },
    startedAt: session.diagnosisStartedAt ?? session.startedAt,
    durationMs: session.diagnosisDurationMs ?? 0,
  }
}
