/**
 * The worker thread that parses and diagnoses evidence for the app (worker_threads: runs under Electron's main
 * process and under plain Node alike). One request per worker; the answer or the error goes back as a message.
 */
import { parentPort } from 'node:worker_threads'
import { analyzeEvidence, type EvidenceAnalysisRequest } from './evidence-analysis'

/** The worker's answer. */
export type EvidenceWorkerReply =
  | { readonly ok: true; readonly analysis: ReturnType<typeof analyzeEvidence> }
  | { readonly ok: false; readonly message: string }

parentPort?.once('message', (request: EvidenceAnalysisRequest) => {
  let reply: EvidenceWorkerReply
  try {
    reply = { ok: true, analysis: analyzeEvidence(request) }
  } catch (error) {
    reply = { ok: false, message: error instanceof Error ? (error.stack ?? error.message) : String(error) }
  }
  parentPort?.postMessage(reply)
})
