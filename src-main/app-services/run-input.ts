/**
 * What each way of starting a run (a demo scenario, an evidence folder or zip, several of them, a live
 * collection, a probe) hands over once it has read, collected or probed: fixed from then on. One finish step
 * (run-services.ts) turns any of them into the diagnosis, the history session and the view.
 */
import type { Localized } from '../../src-shared/i18n/localized'
import type { DomainProbeReport } from '../../src-shared/probe/probe-types'
import type { DiagnosisResult } from '../../src-shared/result/diagnosis-result'

/** Raw evidence files of one server, by file name. */
export type RawEvidenceSet = ReadonlyMap<string, Uint8Array>

/** What the run diagnoses: server evidence (one set per server, the subject's first), or a probe's report. */
export type RunMaterial =
  | { readonly kind: 'evidence'; readonly sets: readonly [RawEvidenceSet, ...RawEvidenceSet[]] }
  | { readonly kind: 'probe'; readonly report: DomainProbeReport }

export interface RunInput {
  readonly source: DiagnosisResult['subject']['source']
  readonly title: Localized
  readonly description: Localized | null
  readonly material: RunMaterial
  /** The folders/zips the run read, in order (empty for a demo, a live run or a probe): what a watch re-reads. */
  readonly evidencePaths: readonly string[]
  readonly domains: readonly string[]
  readonly partners: readonly string[]
  /** Only a live run on this server may run fix commands here. */
  readonly canRunActions: boolean
}

/** The probe's report, when the run is a probe. */
export function probeOf(input: RunInput): DomainProbeReport | null {
  return input.material.kind === 'probe' ? input.material.report : null
}
