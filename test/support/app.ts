import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { type Core, openCore } from '../../src/core.js';
import { isRole, ROLES_REQUIRING_MFA, type Role } from '../../src/platform/auth/roles.js';
import { hmac } from '../../src/platform/auth/secrets.js';
import { newTotpSecret, totpFor } from '../../src/platform/auth/totp.js';
import { createLogger } from '../../src/platform/logger.js';
import { type FakeClock, fakeClock } from '../../src/platform/time/clock.js';
import { totpContext } from '../../src/modules/accounts/deps.js';
import { TEST_SECRETS } from './secrets.js';
import { type ReceivedMail, type SmtpTestServer, startSmtpServer } from './smtp.js';
import { openTestDatabase } from './template.js';

type Response = LightMyRequestResponse;

/** A browser-like client for `app.inject`: keeps cookies and adds the CSRF token to forms. */
export class Client {
  readonly cookies = new Map<string, string>();
  bearer: string | undefined;

  constructor(
    private readonly app: FastifyInstance,
    private readonly secret: string,
    /** The server's clock: a cookie expires by the time the app lives in, not the wall clock. */
    private readonly now: () => Date = () => new Date(),
  ) {}

  csrfToken(): string {
    let seed = this.cookies.get('relais_csrf');
    if (!seed) {
      seed = randomBytes(16).toString('base64url');
      this.cookies.set('relais_csrf', seed);
    }
    return hmac(this.secret, seed);
  }

  private keep(response: Response): Response {
    for (const cookie of response.cookies as Array<{ name: string; value: string; expires?: Date; maxAge?: number }>) {
      const expired = cookie.value === '' || (cookie.expires && cookie.expires.getTime() <= this.now().getTime()) || cookie.maxAge === 0;
      if (expired) this.cookies.delete(cookie.name);
      else this.cookies.set(cookie.name, cookie.value);
    }
    return response;
  }

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    const headers: Record<string, string> = { ...extra };
    if (this.cookies.size > 0) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (this.bearer) headers.authorization = `Bearer ${this.bearer}`;
    return headers;
  }

  async get(url: string, headers: Record<string, string> = {}): Promise<Response> {
    return this.keep(await this.app.inject({ method: 'GET', url, headers: this.headers(headers) }));
  }

  /** Posts a form as a browser would, with `_csrf` unless `csrf: false`. */
  async postForm(url: string, fields: Record<string, string | string[]>, options: { csrf?: boolean } = {}): Promise<Response> {
    const body = new URLSearchParams();
    if (options.csrf !== false) body.append('_csrf', this.csrfToken());
    for (const [key, value] of Object.entries(fields)) {
      for (const v of [value].flat()) body.append(key, v);
    }
    return this.keep(
      await this.app.inject({
        method: 'POST',
        url,
        headers: this.headers({ 'content-type': 'application/x-www-form-urlencoded' }),
        payload: body.toString(),
      }),
    );
  }

  async send(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, json?: unknown, headers: Record<string, string> = {}): Promise<Response> {
    const extra: Record<string, string> = { accept: 'application/json', ...headers };
    if (json !== undefined) extra['content-type'] = 'application/json';
    if (method !== 'GET' && !this.bearer && !('x-csrf-token' in headers)) extra['x-csrf-token'] = this.csrfToken();
    return this.keep(
      await this.app.inject({ method, url, headers: this.headers(extra), ...(json !== undefined ? { payload: JSON.stringify(json) } : {}) }),
    );
  }
}

export interface UserSpec {
  role: Role;
  scopeKind?: 'national' | 'departements' | 'organisation' | 'airport';
  departements?: string;
  airport?: string;
  /** An existing organisation's name, or one to create. */
  organisation?: string | { name: string; type: string; departement?: string };
  email?: string;
  /** Enrol TOTP even when the role does not require it. */
  totp?: boolean;
}

export interface TestUser {
  id: string;
  email: string;
  password: string;
  organisationId: string;
  totpSecret: string | undefined;
}

export interface TestContext {
  app: FastifyInstance;
  core: Core;
  clock: FakeClock;
  smtp: SmtpTestServer;
  databaseUrl: string | undefined;
  dataDir: string;
  client(): Client;
  createUser(spec: UserSpec): Promise<TestUser>;
  signIn(user: TestUser, client?: Client): Promise<Client>;
  totpCode(user: TestUser, at?: Date): string;
  waitForMail(predicate: (mail: ReceivedMail) => boolean, timeoutMs?: number): Promise<ReceivedMail>;
  close(): Promise<void>;
}

let counter = 0;

export interface BuildOptions {
  env?: Record<string, string>;
  /** Start job workers (mail delivery…); on by default. */
  workers?: boolean;
  /** A logger of the test's own (to read what is logged); silent by default, with request logging off. */
  logger?: import('pino').Logger;
}

/**
 * One application on a fresh copy of the template database, with a real SMTP server and a fake clock set to
 * now. Call `close()` in an `after` hook.
 */
export async function build(options: BuildOptions = {}): Promise<TestContext> {
  const testDb = await openTestDatabase();
  const smtp = await startSmtpServer();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'relais-test-'));
  const clock = fakeClock(new Date());
  const config = loadConfig({
    NODE_ENV: 'test',
    RELAIS_DATA_DIR: dataDir,
    PUBLIC_URL: 'http://relais.test',
    LOG_LEVEL: 'silent',
    SMTP_URL: smtp.url,
    // Every inject comes from 127.0.0.1: tests of the per-address limit set their own.
    LOGIN_RATE_PER_MINUTE: '100000',
    ...(testDb.databaseUrl ? { DATABASE_URL: testDb.databaseUrl } : {}),
    ...options.env,
  });
  const core = await openCore(config, { database: testDb.database, secrets: TEST_SECRETS, clock, logger: options.logger ?? createLogger('silent') });
  const app = await buildApp(core, { logRequests: options.logger !== undefined });
  await app.ready();
  if (options.workers !== false) await core.jobs.work();

  const context: TestContext = {
    app,
    core,
    clock,
    smtp,
    databaseUrl: testDb.databaseUrl,
    dataDir,
    client: () => new Client(app, TEST_SECRETS.secret, () => clock.now()),

    async createUser(spec) {
      if (!isRole(spec.role)) throw new Error(`unknown role ${spec.role}`);
      const { organisations, accounts } = core.services;
      const audit = { actorUserId: null, actorOrganisationId: null, requestId: 'test' };
      const orgSpec = spec.organisation ?? { name: `Organisation de test ${++counter}`, type: 'association' };
      let organisation = await organisations.findByName(typeof orgSpec === 'string' ? orgSpec : orgSpec.name);
      if (!organisation) {
        if (typeof orgSpec === 'string') throw new Error(`organisation ${orgSpec} not found`);
        organisation = await organisations.create(null, audit, { name: orgSpec.name, type: orgSpec.type, departement: orgSpec.departement });
      }
      const email = spec.email ?? `personne-${++counter}-${randomBytes(3).toString('hex')}@exemple.test`;
      const password = `phrase de passe ${randomBytes(6).toString('hex')}`;
      const { user } = await accounts.invitations.createActiveUser(audit, {
        email,
        password,
        displayName: `Personne ${counter}`,
        organisationName: organisation.name,
        grant: { role: spec.role, scopeKind: spec.scopeKind ?? (spec.departements ? 'departements' : spec.airport ? 'airport' : 'national'), departements: spec.departements, airport: spec.airport },
      });
      let totpSecret: string | undefined;
      if (spec.totp || ROLES_REQUIRING_MFA.has(spec.role)) {
        totpSecret = newTotpSecret();
        await core.db
          .updateTable('users')
          .set({ totp_secret: core.cipher.encrypt(totpSecret, totpContext(user.id)), totp_enabled_at: clock.now() })
          .where('id', '=', user.id)
          .execute();
      }
      return { id: user.id, email, password, organisationId: organisation.id, totpSecret };
    },

    totpCode(user, at = clock.now()) {
      if (!user.totpSecret) throw new Error('user has no TOTP');
      return totpFor(user.totpSecret, user.email).generate({ timestamp: at.getTime() });
    },

    async signIn(user, client = context.client()) {
      const response = await client.postForm('/connexion', { email: user.email, password: user.password });
      if (response.statusCode !== 303) throw new Error(`sign-in failed (${response.statusCode}): ${response.body.slice(0, 300)}`);
      if (String(response.headers.location).startsWith('/connexion/2fa')) {
        const second = await client.postForm('/connexion/2fa', { code: context.totpCode(user) });
        if (second.statusCode !== 303) throw new Error(`second factor failed (${second.statusCode})`);
      }
      return client;
    },

    async waitForMail(predicate, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = smtp.messages.find(predicate);
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`no matching mail within ${timeoutMs} ms (received ${smtp.messages.length})`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },

    async close() {
      await app.close();
      await core.close();
      await testDb.drop();
      await smtp.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return context;
}

/** The path of a redirect, without query. */
export function location(response: Response): string {
  return String(response.headers.location ?? '');
}
