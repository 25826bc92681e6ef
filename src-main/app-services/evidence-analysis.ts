/**
 * Parsing and diagnosing one evidence set, as one request → one answer: the work the app hands to a worker
 * thread (evidence-worker.ts) so the Electron main process never blocks on a large or hostile evidence set.
 * Pure data in and out, so it crosses a thread boundary by structured clone.
 */
import { diagnose } from '../../src-shared/diagnose'
import type { Evidence } from '../../src-shared/evidence/evidence-model'
import { parseEvidence, type FileDiagnostic } from '../../src-shared/evidence/parse-evidence'
import type { DiagnosisResult } from '../../src-shared/result/diagnosis-result'

/** What to analyze: the raw files and the run's question. */
export interface EvidenceAnalysisRequest {
  readonly files: ReadonlyMap<string, Uint8Array>
  /** Incident mode: the other servers' raw files (the Front End beside the Edge); `files` stays the subject. */
  readonly otherFiles?: readonly ReadonlyMap<string, Uint8Array>[]
  readonly domains: readonly string[]
  readonly partners: readonly string[]
  readonly answers: Readonly<Record<string, string>>
  readonly source: DiagnosisResult['subject']['source']
  /** ISO 8601: a Date would cross the thread boundary too, but a string keeps the contract plain. */
  readonly startedAt: string
}

/** The parsed evidence (bounded by the reading caps), what happened to each file, and the diagnosis. */
export interface EvidenceAnalysis {
  readonly evidence: Evidence
  readonly diagnostics: readonly FileDiagnostic[]
  /** Incident mode: the other servers' parsed evidence, in the order of `otherFiles`. */
  readonly otherEvidence?: readonly Evidence[]
  /** How each other server's files were read, in the order of `otherFiles`. */
  readonly otherDiagnostics?: readonly (readonly FileDiagnostic[])[]
  readonly result: DiagnosisResult
}

/** Analyzes one evidence set; the run services call it through a worker (createWorkerAnalyzer). `signal` stops it. */
export type EvidenceAnalyzer = (request: EvidenceAnalysisRequest, signal?: AbortSignal) => Promise<EvidenceAnalysis>

/** Parses and diagnoses in the calling thread (the worker's body; also the CLI's way). */
export function analyzeEvidence(request: EvidenceAnalysisRequest): EvidenceAnalysis {
  const parsed = parseEvidence(request.files as ReadonlyMap<never, Uint8Array>, { partners: request.partners })
  const others = (request.otherFiles ?? []).map((files) => parseEvidence(files as ReadonlyMap<never, Uint8Array>, { partners: request.partners }))
  const result = diagnose({
    evidence: parsed.evidence,
    ...(others.length > 0 ? { otherEvidence: others.map((other) => other.evidence) } : {}),
    domains: request.domains,
    partners: request.partners,
    answers: request.answers,
    source: request.source,
    startedAt: new Date(request.startedAt),
  })
  return {
    evidence: parsed.evidence,
    diagnostics: parsed.diagnostics,
    ...(others.length > 0 ? { otherEvidence: others.map((other) => other.evidence), otherDiagnostics: others.map((other) => other.diagnostics) } : {}),
    result,
  }
}
