import path from 'node:path';
import type { Logger } from 'pino';
import { seedGeography } from '../seeds/geography.js';
import type { Config } from './config.js';
import { accountEncryptedColumns, createAccounts } from './modules/accounts/index.js';
import { alertEncryptedColumns, createAlerts } from './modules/alerts/index.js';
import { createDeskRepository } from './modules/alerts/desks-repository.js';
import { createPlacements, placementEncryptedColumns } from './modules/placements/index.js';
import { caseEncryptedColumns, createCases } from './modules/cases/index.js';
import { createDirectory } from './modules/directory/index.js';
import { createNewsletter } from './modules/newsletter/index.js';
import { upcomingSessions } from './modules/training/upcoming.js';
import { createLibrary } from './modules/library/index.js';
import { createTexts } from './modules/texts/texts.js';
import { createSteering } from './modules/steering/index.js';
import { createMeetings } from './modules/collective/meetings.js';
import { createMeetingMails } from './modules/collective/mails.js';
import { createMembers } from './modules/collective/members.js';
import { createTraining } from './modules/training/index.js';
import { createStatistics } from './modules/statistics/index.js';
import { createLeaflet } from './modules/leaflet/leaflet.js';
import { createAdminService } from './modules/admin/service.js';
import { createOutbox } from './modules/admin/outbox.js';
import { createOrganisationService } from './modules/organisations/service.js';
import { createSessionStore } from './platform/auth/sessions.js';
import { createFieldCipher, type FieldCipher } from './platform/crypto/fields.js';
import { assertKeysCover, type EncryptedColumn } from './platform/crypto/rotate.js';
import { loadSecrets, type Secrets } from './platform/crypto/secrets.js';
import { type Database, openDatabase } from './platform/db/index.js';
import { migrateToLatest } from './platform/db/migrate.js';
import { createGeo } from './platform/geo/index.js';
import { NotFoundError } from './platform/http/errors.js';
import { createJobs } from './platform/jobs/index.js';
import { createLogger } from './platform/logger.js';
import { createRealtime } from './platform/realtime/index.js';
import {
  createMailer,
  createOutboxTransport,
  createSmtpTransport,
  type MailTransport,
} from './platform/mail/index.js';
import { type Clock, systemClock } from './platform/time/clock.js';

export interface CoreOptions {
  /** An already opened database (tests); otherwise opened from the config. */
  database?: Database;
  clock?: Clock;
  logger?: Logger;
  transport?: MailTransport;
  /** Secrets to use instead of environment/file ones (tests). */
  secrets?: Secrets;
  /** The newsletter's bulk transport (tests); by default an SMTP pool on SMTP_URL, or the outbox. */
  newsletterTransport?: MailTransport;
}

/**
 * Everything Relais is made of except HTTP: database (migrated, reference geography loaded), secrets, field
 * cipher, jobs, mail and the modules' services. The server, the CLI and the tests all start from here.
 */
export async function openCore(config: Config, options: CoreOptions = {}) {
  const logger = options.logger ?? createLogger(config.logLevel);
  const clock = options.clock ?? systemClock;
  // Secrets first: a missing key must stop the start before anything is written.
  const secrets = options.secrets ?? loadSecrets(config);
  const cipher: FieldCipher = createFieldCipher(secrets.dataKeys);
  const database =
    options.database ??
    (await openDatabase({
      databaseUrl: config.databaseUrl,
      embeddedDir: config.dataDir,
      embeddedSharedBuffersMb: config.pgliteSharedBuffersMb,
      poolMax: config.databasePoolMax,
    }));
  try {
    await migrateToLatest(database.db);
    await seedGeography(database.db);
  } catch (error) {
    if (!options.database) await database.close();
    throw error;
  }
  const db = database.db;
  const outboxDir = path.join(config.dataDir, 'outbox');
  const transport =
    options.transport ??
    (config.smtpUrl
      ? createSmtpTransport(config.smtpUrl, config.mailFrom)
      : createOutboxTransport(outboxDir, config.mailFrom));
  const jobs = createJobs(database, logger, { databaseUrl: config.databaseUrl });
  const mailer = createMailer(jobs, transport, cipher, logger, { retrySeconds: config.mailRetrySeconds });
  const geo = createGeo(db);
  const realtime = createRealtime(database);
  const sessions = createSessionStore(db, clock, {
    idleMinutes: config.sessionIdleMinutes,
    absoluteHours: config.sessionAbsoluteHours,
  });

  const organisations = createOrganisationService({ db, geo, clock });
  const accounts = createAccounts({
    db,
    sessions,
    cipher,
    mailer,
    clock,
    settings: {
      publicUrl: config.publicUrl,
      loginMaxAttempts: config.loginMaxAttempts,
      loginLockMinutes: config.loginLockMinutes,
    },
    organisations,
    geo,
  });
  const admin = createAdminService({
    db,
    jobs,
    outbox: transport.kind === 'outbox' ? createOutbox(outboxDir) : undefined,
    organisations,
    users: accounts.users,
  });
  const alerts = createAlerts({
    db,
    cipher,
    clock,
    geo,
    jobs,
    mailer,
    realtime,
    organisations,
    settings: { publicUrl: config.publicUrl, reminderHours: config.alertReminderHours },
  });
  const desks = createDeskRepository(db);
  const placements = createPlacements({
    db,
    cipher,
    clock,
    geo,
    jobs,
    mailer,
    publicUrl: config.publicUrl,
    organisations,
    desks: {
      desksOf: (userId) => desks.desksOf(userId),
      listDesks: () => desks.listDesks(),
      membersWithShifts: (executor, ids) => desks.membersWithShifts(executor, ids),
    },
    alerts: alerts.queries,
  });
  const cases = createCases({
    db,
    cipher,
    clock,
    jobs,
    mailer,
    alerts: {
      caseContext: (actor, alertId) => alerts.queries.caseContext(actor, alertId),
      raise: (actor, audit, input, key, options) => alerts.intake.raise(actor, audit, input, key, options),
      desksOfOrganisation: (organisationId) => alerts.queries.desksOfOrganisation(organisationId),
      references: (ids) => alerts.queries.references(ids),
      receivedByOrganisation: (organisationId, since) =>
        alerts.queries.receivedByOrganisation(organisationId, since),
    },
    placementReferences: (ids) => placements.reservations.references(ids),
    async placementVisible(actor, id) {
      try {
        await placements.reservations.get(actor, id);
        return true;
      } catch (error) {
        if (error instanceof NotFoundError) return false;
        throw error;
      }
    },
    settings: { publicUrl: config.publicUrl, retentionMonths: config.caseRetentionMonths },
  });
  const directory = createDirectory({
    db,
    clock,
    geo,
    jobs,
    banUrl: config.banUrl,
    loadActor: (userId) =>
      sessions.loadActor(userId, 'token', { mfaVerified: true, sessionId: null, tokenScopes: null }),
  });
  const library = createLibrary({ db, clock });
  const steering = createSteering({ db, clock, jobs });
  const newsletter = createNewsletter({
    db,
    clock,
    jobs,
    mailer,
    logger,
    secret: secrets.secret,
    smtpUrl: config.smtpUrl,
    outboxDir,
    commitBeforeDot: database.kind === 'embedded',
    settings: {
      rate: config.newsletterRate,
      connections: config.newsletterConnections,
      publicUrl: config.publicUrl,
      from: config.mailFrom,
    },
    departements: () => geo.departements(),
    featuredResources: (ids) => library.resources.published(ids),
    plans: steering.publicPlans,
    trainings: { upcoming: (from, until) => upcomingSessions(db, from, until) },
    transport: options.newsletterTransport,
  });
  const texts = createTexts({ db, clock });
  const leaflet = createLeaflet({ db, clock });
  const meetings = createMeetings({ db, clock });
  const training = createTraining({ db, clock, jobs, mailer, logger, publicUrl: config.publicUrl });
  const statistics = createStatistics({ db, clock, logger, publicUrl: config.publicUrl });
  const collective = {
    meetings,
    members: createMembers({ db, clock }),
    mails: createMeetingMails({ db, clock, mailer, meetings, publicUrl: config.publicUrl }),
  };
  const encryptedColumns: readonly EncryptedColumn[] = [
    ...accountEncryptedColumns,
    ...alertEncryptedColumns,
    ...placementEncryptedColumns,
    ...caseEncryptedColumns,
  ];
  // A value written under a key that is no longer configured stops the start: never run unable to read.
  try {
    await assertKeysCover(db, cipher, encryptedColumns);
  } catch (error) {
    if (!options.database) await database.close();
    throw error;
  }

  await jobs.start();

  let closed = false;
  return {
    config,
    logger,
    clock,
    secrets,
    cipher,
    database,
    db,
    jobs,
    mailer,
    transport,
    geo,
    sessions,
    encryptedColumns,
    realtime,
    desks,
    services: { organisations, accounts, admin, alerts, placements, cases, directory, newsletter, library, texts, leaflet, steering, collective, training, statistics },
    async close() {
      if (closed) return;
      closed = true;
      // A send in progress finishes its messages in flight and gives the rest back before the jobs stop.
      await newsletter.close().catch((error) => logger.warn({ err: error }, 'newsletter did not stop cleanly'));
      await jobs.stop().catch((error) => logger.warn({ err: error }, 'jobs did not stop cleanly'));
      await realtime.close();
      transport.close();
      if (!options.database) await database.close();
    },
  };
}

export type Core = Awaited<ReturnType<typeof openCore>>;
