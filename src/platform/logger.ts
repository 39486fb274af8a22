import pino, { type Logger } from 'pino';

/**
 * Logs carry no personal data: no query strings (links hold tokens), no IP addresses, no bodies, no cookies or
 * authorization headers, and any field named like an identity or a secret is censored.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      redact: {
        paths: [
          'req.headers.cookie',
          'req.headers.authorization',
          '*.password',
          '*.email',
          '*.token',
          '*.name',
          '*.firstName',
          '*.lastName',
          '*.phone',
          '*.address',
          '*.secret',
        ],
        censor: '[masqué]',
      },
      serializers: {
        req: (req: { method?: string; url?: string; id?: string; routeOptions?: { url?: string } }) => ({
          id: req.id,
          method: req.method,
          route: req.routeOptions?.url,
          // Links that are credentials (newsletter tokens, reset links…) carry them in the path: log the route.
          path: req.routeOptions?.url?.includes(':token') ? req.routeOptions.url : req.url?.split('?')[0],
        }),
        res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
        err: pino.stdSerializers.err,
      },
      base: { service: 'relais' },
    },
    destination,
  );
}
