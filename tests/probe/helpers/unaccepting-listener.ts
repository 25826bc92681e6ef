/**
 * A port that is "filtered" on loopback, without a firewall: a real listening socket whose owner never
 * accepts. A child Node process listens with a backlog of 1 (Node takes 0 as "default", 511) and then
 * blocks its only thread (Atomics.wait: no CPU, no event loop), so nothing is ever accepted. Two filler
 * connections (Linux queues backlog + 1) fill the kernel's accept queue; after that Linux drops every new SYN, and a client's connect gets no answer at
 * all, exactly as behind a firewall that drops packets. (A closed port, by contrast, answers with a reset.)
 */
import { spawn } from 'node:child_process'
import net from 'node:net'

export interface UnacceptingListener {
  readonly port: number
  close(): Promise<void>
}

const CHILD = `
const net = require('node:net')
const server = net.createServer()
server.listen({ host: '127.0.0.1', port: 0, backlog: 1 }, () => {
  process.stdout.write(String(server.address().port) + '\\n')
  // Block the thread: the event loop never runs again, so no connection is ever accepted. Bounded (2 min),
  // then exit, so a test run that dies without close() leaves nothing behind.
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 120000)
  process.exit(0)
})
`

/** Starts the listener and fills its accept queue; a new connection to `port` then gets no answer. */
export async function startUnacceptingListener(): Promise<UnacceptingListener> {
  const child = spawn(process.execPath, ['-e', CHILD], { stdio: ['ignore', 'pipe', 'inherit'] })
  const port = await new Promise<number>((resolve, reject) => {
    let output = ''
    const timer = setTimeout(() => reject(new Error('the unaccepting listener did not start within 10 s')), 10_000)
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      const match = /^(\d+)\n/.exec(output)
      if (match) {
        clearTimeout(timer)
        resolve(Number(match[1]))
      }
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`the unaccepting listener exited early (code ${code})`))
    })
  })
  // The kernel completes these handshakes into the accept queue (nobody accepts them); the queue is then full.
  const fillers = [net.connect({ host: '127.0.0.1', port }), net.connect({ host: '127.0.0.1', port })]
  await Promise.all(
    fillers.map(
      (filler) =>
        new Promise<void>((resolve, reject) => {
          filler.on('error', () => undefined)
          const timer = setTimeout(() => reject(new Error('a filler connection did not complete within 5 s')), 5_000)
          filler.once('connect', () => {
            clearTimeout(timer)
            resolve()
          })
        }),
    ),
  )
  return {
    port,
    close: async () => {
      for (const filler of fillers) filler.destroy()
      if (child.exitCode !== null || child.signalCode !== null) return
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
      // The blocked thread runs no handler: SIGKILL ends it at once.
      child.kill('SIGKILL')
      await exited
    },
  }
}
