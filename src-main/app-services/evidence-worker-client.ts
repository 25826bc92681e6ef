/**
 * Runs evidence analysis in a worker thread: the Electron main process stays responsive (the window never
 * freezes) however long parsing takes, and a worker that dies takes nothing else with it. One short-lived
 * worker per analysis: its memory is returned when it ends.
 */
import { existsSync } from 'node:fs'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { Worker } from 'node:worker_threads'
import type { EvidenceAnalysis, EvidenceAnalysisRequest, EvidenceAnalyzer } from './evidence-analysis'
import type { EvidenceWorkerReply } from './evidence-worker'

/** Where the worker's code is, and whether it is TypeScript (run from sources: tests, `tsx`). */
export interface EvidenceWorkerLocation {
  readonly url: URL
  readonly typescript: boolean
}

/**
 * The bundled worker beside the bundled main (out/main/evidence-worker.cjs, scripts/build.mjs), else the
 * TypeScript source beside this module. In the packaged app the worker is also unpacked (electron-builder.yml
 * asarUnpack) and that copy is preferred: a worker thread is a plain file for Node to load, whatever Electron's
 * asar support does for the main thread.
 */
export function defaultEvidenceWorkerLocation(base: string = import.meta.url): EvidenceWorkerLocation {
  const bundled = new URL('./evidence-worker.cjs', base)
  const unpacked = fileURLToPath(bundled).replace(/([\\/])app\.asar([\\/])/, '$1app.asar.unpacked$2')
  if (unpacked !== fileURLToPath(bundled) && existsSync(unpacked)) return { url: pathToFileURL(unpacked), typescript: false }
  if (existsSync(fileURLToPath(bundled))) return { url: bundled, typescript: false }
  return { url: new URL('./evidence-worker.ts', base), typescript: true }
}

// From sources the worker is loaded through tsx's API: Node 20 does not apply a parent's `--import` loader hooks
// to a worker's TypeScript entry.
function startWorker(location: EvidenceWorkerLocation): Worker {
  if (!location.typescript) return new Worker(location.url)
  // The bare specifier resolves from the working folder: the project's, wherever sources are run.
  const entry = JSON.stringify(location.url.href)
  return new Worker(`import('tsx/esm/api').then(({ tsImport }) => tsImport(${entry}, ${entry}))`, { eval: true })
}

/** An analyzer that runs each request in its own worker thread. */
export function createWorkerAnalyzer(location: EvidenceWorkerLocation = defaultEvidenceWorkerLocation()): EvidenceAnalyzer {
  return (request: EvidenceAnalysisRequest, signal?: AbortSignal) =>
    new Promise<EvidenceAnalysis>((resolve, reject) => {
      if (signal?.aborted) {
        reject(new Error('evidence analysis cancelled'))
        return
      }
      const worker = startWorker(location)
      let settled = false
      // A cancelled run stops its worker at once: the CPU goes back to the user, not to a result nobody reads.
      const onAbort = () => settle(() => reject(new Error('evidence analysis cancelled')))
      signal?.addEventListener('abort', onAbort, { once: true })
      const settle = (action: () => void) => {
        if (settled) return
        settled = true
        signal?.removeEventListener('abort', onAbort)
        action()
        void worker.terminate()
      }
      worker.once('message', (reply: EvidenceWorkerReply) =>
        settle(() => (reply.ok ? resolve(reply.analysis) : reject(new Error(`evidence analysis failed: ${reply.message}`)))),
      )
      worker.once('error', (error) => settle(() => reject(error)))
      worker.once('exit', (code) => settle(() => reject(new Error(`the evidence worker stopped (exit code ${code}) before answering`))))
      worker.postMessage(request)
    })
}
