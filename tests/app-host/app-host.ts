/**
 * The end-to-end test host: a Node HTTP server on 127.0.0.1 that serves the built renderer with the
 * app's CSP and answers the bridge's calls through the real service layer (createAppServices +
 * dispatchInvoke: the same code the Electron IPC handlers call), pushing progress over SSE.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { promises as fs } from 'node:fs'
import { extname, join, normalize, sep } from 'node:path'
import type { AddressInfo } from 'node:net'
import { EVENT_CHANNELS, INVOKE_CHANNELS, type InvokeMethod, type MenuCommand, type RunProgress } from '../../src-shared/ipc/api-contract'
import { createAppServices, type AppServiceDeps, type AppServices } from '../../src-main/app-services/app-services'
import { dispatchInvoke } from '../../src-main/app-services/dispatch-invoke'
import { CONTENT_SECURITY_POLICY } from '../../src-main/electron/content-security-policy'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.map': 'application/json',
}
const MAX_BODY = 1024 * 1024
const METHOD_BY_CHANNEL = new Map<string, InvokeMethod>(Object.entries(INVOKE_CHANNELS).map(([method, channel]) => [channel, method as InvokeMethod]))

export interface AppHost {
  readonly url: string
  readonly services: AppServices
  /** What the "open dialog" returns next (null = the user cancelled). */
  nextEvidencePath: string | null
  nextReportPath: string | null
  /** Every invoke the page made, in order (channel names). */
  readonly calls: string[]
  sendMenuCommand(command: MenuCommand): void
  close(): Promise<void>
}

export type HostDeps = Omit<AppServiceDeps, 'onProgress' | 'pickEvidencePath' | 'pickReportPath'>

/** Starts the host on a free loopback port. */
export async function startAppHost(rendererDir: string, deps: HostDeps): Promise<AppHost> {
  const streams = new Set<ServerResponse>()
  const push = (channel: string, payload: RunProgress | MenuCommand): void => {
    const data = `data: ${JSON.stringify({ channel, payload })}\n\n`
    for (const stream of streams) stream.write(data)
  }
  const host: AppHost = {
    url: '',
    services: undefined as unknown as AppServices,
    nextEvidencePath: null,
    nextReportPath: null,
    calls: [],
    sendMenuCommand: (command) => push(EVENT_CHANNELS.onMenuCommand, command),
    close: async () => undefined,
  }
  const services = createAppServices({
    ...deps,
    onProgress: (progress) => push(EVENT_CHANNELS.onRunProgress, progress),
    pickEvidencePath: async () => host.nextEvidencePath,
    pickReportPath: async () => host.nextReportPath,
  })
  const server = createServer((request, response) => {
    void route(request, response).catch((error: unknown) => {
      response.writeHead(500, { 'content-type': 'text/plain' }).end(String(error))
    })
  })

  async function route(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1')
    if (url.pathname === '/api/events' && request.method === 'GET') {
      response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' })
      response.write(': connected\n\n')
      streams.add(response)
      request.on('close', () => streams.delete(response))
      return
    }
    if (url.pathname.startsWith('/api/invoke/') && request.method === 'POST') {
      const channel = decodeURIComponent(url.pathname.slice('/api/invoke/'.length))
      const method = METHOD_BY_CHANNEL.get(channel)
      if (!method) return void response.writeHead(404).end()
      host.calls.push(channel)
      const body = JSON.parse(await readBody(request)) as { payload?: unknown }
      const envelope = await dispatchInvoke(services, method, body.payload)
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(envelope))
      return
    }
    if (request.method !== 'GET') return void response.writeHead(405).end()
    await serveFile(rendererDir, url.pathname === '/' ? '/index.html' : url.pathname, response)
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  Object.assign(host, {
    url: `http://127.0.0.1:${port}/`,
    services,
    close: async () => {
      for (const stream of streams) stream.end()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await services.dispose()
    },
  })
  return host
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of request) {
    size += (chunk as Buffer).length
    if (size > MAX_BODY) throw new Error('request body too large')
    chunks.push(chunk as Buffer)
  }
  return Buffer.concat(chunks).toString('utf8') || '{}'
}

async function serveFile(root: string, pathname: string, response: ServerResponse): Promise<void> {
  const file = normalize(join(root, decodeURIComponent(pathname)))
  if (!file.startsWith(normalize(root) + sep)) return void response.writeHead(403).end()
  const content = await fs.readFile(file).catch(() => null)
  if (!content) return void response.writeHead(404).end()
  response
    .writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'content-security-policy': CONTENT_SECURITY_POLICY,
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
    })
    .end(content)
}
