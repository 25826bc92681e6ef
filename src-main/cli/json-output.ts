/**
 * The `--json` contract: {"format":"xmpp-edge-doctor/result","version":1,"verdict",...}. The DiagnosisResult is
 * already that shape; this only fixes key order so the first keys are the documented ones.
 */
import type { DiagnosisResult } from '../../src-shared/result/diagnosis-result'

export function toJsonOutput(result: DiagnosisResult): string {
  const { format, version, verdict, rootCause, checks, path, ...rest } = result
  return `${JSON.stringify({ format, version, verdict, rootCause, checks, path, ...rest }, null, 2)}\n`
}
