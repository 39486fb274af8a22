import http from 'node:http';
import type { Registry } from 'prom-client';

/**
 * With METRICS_PORT, /metrics is also served on its own port, without authentication, for a scraper on a
 * private network; the main port keeps requiring an admin or a token with `metrics:read`.
 */
export async function startMetricsServer(registry: Registry, host: string, port: number): Promise<{ close(): Promise<void> }> {
  const server = http.createServer((request, response) => {
    if (request.url !== '/metrics') {
      response.writeHead(404).end();
      return;
    }
    registry.metrics().then(
      (body) => response.writeHead(200, { 'content-type': registry.contentType }).end(body),
      () => response.writeHead(500).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  return { close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
