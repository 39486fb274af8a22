import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';

export interface EventStream {
  send(event: string, data: unknown, id?: string): void;
  close(): void;
  readonly closed: boolean;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Opens a Server-Sent Events stream on this request; it is ended when the client leaves or the server stops. */
    openEventStream(request: FastifyRequest, reply: FastifyReply, onClose: () => void): EventStream;
  }
}

const HEARTBEAT_MS = 25_000;

/**
 * SSE without a library: the reply is hijacked and written to directly. Open streams are ended in `preClose`
 * (in `onClose`, `app.close()` would wait for them forever).
 */
async function sse(app: FastifyInstance) {
  const open = new Set<EventStream>();

  app.decorate('openEventStream', (request: FastifyRequest, reply: FastifyReply, onClose: () => void): EventStream => {
    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    raw.write(': relais\n\n');
    let closed = false;
    const heartbeat = setInterval(() => raw.write(': ping\n\n'), HEARTBEAT_MS);
    heartbeat.unref();
    const stream: EventStream = {
      get closed() {
        return closed;
      },
      send(event, data, id) {
        if (closed) return;
        raw.write(`${id ? `id: ${id}\n` : ''}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
      },
      close() {
        if (closed) return;
        closed = true;
        clearInterval(heartbeat);
        open.delete(stream);
        onClose();
        raw.end();
      },
    };
    open.add(stream);
    request.raw.once('close', () => stream.close());
    return stream;
  });

  app.addHook('preClose', async () => {
    for (const stream of [...open]) stream.close();
  });
}

export const ssePlugin = fp(sse, { name: 'relais-sse' });
