/**
 * A loopback HTTP server that plays an indicator feed for `iocs update` tests: each path
 * answers with a body, a status, a redirect, or a body cut off before its declared length.
 * It listens on 127.0.0.1 only, keeps no connection alive, and close() ends every socket.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type FeedRoute =
  | { body: string | Buffer; status?: number }
  /** Declares the full length, sends the first `after` bytes, then drops the connection. */
  | { truncated: string | Buffer; after: number }
  | { redirect: string; status?: number };

export interface FeedServer {
  /** http://127.0.0.1:<port> */
  base: string;
  url(path: string): string;
  /** Replaces the routes; a path not listed answers 404. */
  serve(routes: Record<string, FeedRoute>): void;
  /** Paths requested so far, in order. */
  requests: string[];
  close(): Promise<void>;
}

function answer(route: FeedRoute | undefined, response: ServerResponse): void {
  if (route === undefined) {
    response.writeHead(404, { 'content-type': 'text/plain', connection: 'close' });
    response.end('not found');
    return;
  }
  if ('redirect' in route) {
    response.writeHead(route.status ?? 302, { location: route.redirect, connection: 'close' });
    response.end();
    return;
  }
  if ('truncated' in route) {
    const bytes = Buffer.from(route.truncated);
    response.writeHead(200, { 'content-length': String(bytes.length), connection: 'close' });
    response.write(bytes.subarray(0, route.after), () => response.socket?.destroy());
    return;
  }
  const bytes = Buffer.from(route.body);
  response.writeHead(route.status ?? 200, { 'content-length': String(bytes.length), connection: 'close' });
  response.end(bytes);
}

export async function startFeedServer(routes: Record<string, FeedRoute> = {}): Promise<FeedServer> {
  let current = routes;
  const requests: string[] = [];
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const path = request.url ?? '/';
    requests.push(path);
    answer(current[path], response);
  });
  server.keepAliveTimeout = 1;
  server.requestTimeout = 10_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;
  return {
    base,
    url: (path) => `${base}${path}`,
    serve: (next) => {
      current = next;
    },
    requests,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
