import type { Role } from '../../src/platform/auth/roles.js';
import type { TestContext, TestUser } from '../support/app.js';

/**
 * The role × route matrix. Every registered route must have an entry here (the test fails otherwise); each entry
 * says what every persona gets. Later modules add their routes and personas.
 *
 * Outcomes: 'ok' passes authorization (2xx, 3xx elsewhere than sign-in, or a 4xx about the input);
 * 'login' asks to sign in (401 or a redirect to /connexion); 'forbidden' is 403; 'hidden' is 404.
 */
export type Outcome = 'ok' | 'login' | 'forbidden' | 'hidden';

export const PERSONAS = [
  'anonymous',
  'national_admin',
  'coordinator',
  'coordinator_75',
  'coordinator_13',
  'duty_desk',
  'host_staff',
  'case_worker',
  'frontline',
  'content_editor',
  'trainer',
  'collective_member',
] as const;
export type Persona = (typeof PERSONAS)[number];

export const PERSONA_SPECS: Record<Exclude<Persona, 'anonymous'>, { role: Role; departements?: string; airport?: string; scopeKind?: 'organisation' }> = {
  national_admin: { role: 'national_admin' },
  coordinator: { role: 'coordinator' },
  coordinator_75: { role: 'coordinator', departements: '75' },
  // "A user of another territory": a coordinator of the Bouches-du-Rhône acting on Paris.
  coordinator_13: { role: 'coordinator', departements: '13' },
  duty_desk: { role: 'duty_desk', departements: '75' },
  host_staff: { role: 'host_staff', scopeKind: 'organisation' },
  case_worker: { role: 'case_worker', scopeKind: 'organisation' },
  frontline: { role: 'frontline', airport: 'CDG' },
  content_editor: { role: 'content_editor' },
  trainer: { role: 'trainer' },
  collective_member: { role: 'collective_member', scopeKind: 'organisation' },
};

/** Data the probes point at: an organisation in Paris with one account, a Paris desk, rule and alert. */
export interface Fixtures {
  ctx: TestContext;
  organisation75: { id: string };
  user75: TestUser;
  /** A fresh account of the Paris organisation, for probes that change it. */
  freshUser75(): Promise<TestUser>;
  /** The Paris desk (the duty_desk persona is a member), its rule, and an alert raised in Paris by the frontline persona. */
  desk75: string;
  rule75: string;
  alert75: string;
  /** A fresh Paris alert, for probes that change it. */
  freshAlert75(): Promise<string>;
  /** A fresh member (with a shift) of the Paris desk. */
  freshDeskMember75(): Promise<{ userId: string; shiftId: string }>;
  otherDesk: string;
  /** An open offer (femmes, 5 places) of the host_staff persona's structure, in Bordeaux (Gironde). */
  offer33: string;
  /** A fresh hold on it, asked by the duty_desk persona. */
  freshPlacement33(): Promise<string>;
  /** A running OPP clock of the Paris desk. */
  opp75: string;
  /** A case file led by the case_worker persona's organisation (Gironde), with an identity consent. */
  case33: { id: string; reference: string };
  /** A fresh file of the same organisation, with its consent's id. */
  freshCase33(): Promise<{ id: string; consentId: string }>;
  /** A pending referral to the case_worker persona's organisation, from another organisation. */
  freshIncomingReferral(): Promise<string>;
  /** A pending referral from one of the case_worker persona's files to another organisation. */
  freshOutgoingReferral(): Promise<string>;
}

export interface Probe {
  path: string | ((f: Fixtures) => Promise<string> | string);
  form?: Record<string, string>;
  json?: unknown;
  /** A Server-Sent Events route: only the status of the opened stream is looked at. */
  stream?: boolean;
  expect: Record<Persona, Outcome>;
}

function outcomes(defaultOutcome: Outcome, overrides: Partial<Record<Persona, Outcome>> = {}): Record<Persona, Outcome> {
  return Object.fromEntries(PERSONAS.map((p) => [p, overrides[p] ?? defaultOutcome])) as Record<Persona, Outcome>;
}

const everyone = outcomes('ok');
const NO_ID = '00000000-0000-4000-8000-000000000000';
/** The plan's readers: coordinators and the national administration (the plan's owners), the collective's associations. */
const planReaders = (outcome: Outcome) =>
  outcomes('forbidden', { anonymous: 'login', coordinator: outcome, coordinator_75: outcome, coordinator_13: outcome, national_admin: outcome, collective_member: outcome });
/** Steering needs a national scope: a departmental coordinator reads the plan but does not change it. */
const steerers = (outcome: Outcome) => outcomes('forbidden', { anonymous: 'login', coordinator: outcome, national_admin: outcome });
/** The collective's space: its associations and the national coordination. */
const collectiveReaders = (outcome: Outcome) =>
  outcomes('forbidden', { anonymous: 'login', coordinator: outcome, national_admin: outcome, collective_member: outcome });
/** A well-formed subscriber link that was never signed here. */
const UNKNOWN_LINK = '00000000-0000-4000-8000-000000000000.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
const signedIn = outcomes('ok', { anonymous: 'login' });
const nobody = outcomes('hidden');
const managers = outcomes('forbidden', { anonymous: 'login', national_admin: 'ok', coordinator: 'ok', coordinator_75: 'ok', coordinator_13: 'ok' });
/** Managers, on something located in Paris: the Marseille coordinator does not see it. */
const managersOf75 = { ...managers, coordinator_13: 'hidden' as Outcome };
const admins = outcomes('forbidden', { anonymous: 'login', national_admin: 'ok' });

const raisers = outcomes('ok', { anonymous: 'login', national_admin: 'forbidden', content_editor: 'forbidden', trainer: 'forbidden', collective_member: 'forbidden' });
/** The Paris alert: its desk, its reporter, the coordination of Paris see it; the rest of the raisers do not. */
const alertViewers = { ...raisers, coordinator_13: 'hidden' as Outcome, host_staff: 'hidden' as Outcome, case_worker: 'hidden' as Outcome };
/** Acting on it: members of its desks (the Paris desk, the national coordination desk). */
const alertActors = outcomes('forbidden', { anonymous: 'login', duty_desk: 'ok', coordinator: 'ok', coordinator_13: 'hidden' });
const coordinators = outcomes('forbidden', { anonymous: 'login', coordinator: 'ok', coordinator_75: 'ok', coordinator_13: 'ok' });
const coordinatorsOf75 = { ...coordinators, coordinator_13: 'hidden' as Outcome };
const freshAlert = async (f: Fixtures, suffix = '') => `/pro/alertes/${await f.freshAlert75()}${suffix}`;
const freshApiAlert = async (f: Fixtures, suffix: string) => `/api/v1/alerts/${await f.freshAlert75()}${suffix}`;

/** Placements: who searches and reserves, who sees them, who decides as the structure, who runs OPP clocks. */
const searchers = outcomes('forbidden', { anonymous: 'login', duty_desk: 'ok', case_worker: 'ok', coordinator: 'ok', coordinator_75: 'ok', coordinator_13: 'ok' });
const placementRoles = { ...searchers, host_staff: 'ok' as Outcome };
const deciders = outcomes('forbidden', { anonymous: 'login', host_staff: 'ok', coordinator: 'ok', coordinator_75: 'ok', coordinator_13: 'ok' });
/** The Gironde offer: its structure and the national coordination; coordinators of Paris and Marseille do not see it. */
const decidersOf33 = { ...deciders, coordinator_75: 'hidden' as Outcome, coordinator_13: 'hidden' as Outcome };
/** A hold asked by the duty_desk persona on the Gironde offer: the requester, the structure, the national coordination. */
const placementViewers = { ...placementRoles, coordinator_75: 'hidden' as Outcome, coordinator_13: 'hidden' as Outcome, case_worker: 'hidden' as Outcome };
const placementCancellers = { ...searchers, coordinator: 'forbidden' as Outcome, coordinator_75: 'hidden' as Outcome, coordinator_13: 'hidden' as Outcome, case_worker: 'hidden' as Outcome };
const oppRoles = outcomes('forbidden', { anonymous: 'login', duty_desk: 'ok', coordinator: 'ok', coordinator_75: 'ok', coordinator_13: 'ok' });
const oppOf75 = { ...oppRoles, coordinator_13: 'hidden' as Outcome };
const freshPlacement = async (f: Fixtures, prefix: string, suffix: string) => `${prefix}/${await f.freshPlacement33()}${suffix}`;

/** Case files: case workers of the lead see it; coordinators list and break the glass within their territory. */
const caseRoles = outcomes('forbidden', { anonymous: 'login', case_worker: 'ok' });
const caseReaders = { ...caseRoles, coordinator: 'ok' as Outcome, coordinator_75: 'ok' as Outcome, coordinator_13: 'ok' as Outcome };
/** The Gironde file, read without break-glass: hidden from every coordinator. */
const caseFileReaders = { ...caseReaders, coordinator: 'hidden' as Outcome, coordinator_75: 'hidden' as Outcome, coordinator_13: 'hidden' as Outcome };
/** Its page: the national coordinator gets the break-glass form. */
const caseFilePage = { ...caseFileReaders, coordinator: 'ok' as Outcome };
const breakGlass = outcomes('forbidden', { anonymous: 'login', coordinator: 'ok', coordinator_75: 'hidden', coordinator_13: 'hidden' });
const indicatorReaders = outcomes('forbidden', { anonymous: 'login', national_admin: 'ok', coordinator: 'ok', coordinator_75: 'ok', coordinator_13: 'ok' });
const freshCase = async (f: Fixtures, prefix: string, suffix: string) => `${prefix}/${(await f.freshCase33()).id}${suffix}`;

/** Training (H1): trainers and the national administration write the catalogue; coordinators also read the counts. */
const trainingAuthors = (outcome: Outcome) => outcomes('forbidden', { anonymous: 'login', trainer: outcome, national_admin: outcome });
const trainingCounters = outcomes('forbidden', { anonymous: 'login', trainer: 'ok', national_admin: 'ok', coordinator: 'ok', coordinator_75: 'ok', coordinator_13: 'ok' });
const user = (f: Fixtures) => `/admin/utilisateurs/${f.user75.id}`;
const freshUser = async (f: Fixtures) => `/admin/utilisateurs/${(await f.freshUser75()).id}`;

export const MATRIX: Record<string, Probe> = {
  // System
  'GET /healthz': { path: '/healthz', expect: everyone },
  'GET /api/v1/ping': { path: '/api/v1/ping', expect: everyone },
  'GET /metrics': { path: '/metrics', expect: admins },
  'GET /api/openapi.json': { path: '/api/openapi.json', expect: everyone },
  'GET /api/docs': { path: '/api/docs', expect: everyone },
  'GET /api/v1/me': { path: '/api/v1/me', expect: signedIn },

  // Portal
  'GET /': { path: '/', expect: everyone },
  'GET /pro': { path: '/pro', expect: signedIn },
  'GET /pilotage': { path: '/pilotage', expect: signedIn },
  'GET /accessibilite': { path: '/accessibilite', expect: everyone },
  'GET /mentions-legales': { path: '/mentions-legales', expect: everyone },
  'GET /donnees-personnelles': { path: '/donnees-personnelles', expect: everyone },
  'GET /gestion-des-cookies': { path: '/gestion-des-cookies', expect: everyone },
  'GET /plan-du-site': { path: '/plan-du-site', expect: everyone },
  'GET /affichage': { path: '/affichage', expect: everyone },
  'POST /affichage': { path: '/affichage', form: { theme: 'dark' }, expect: everyone },
  'GET /langue/:lang': { path: '/langue/en?retour=/', expect: everyone },

  // Sign-in
  'GET /connexion': { path: '/connexion', expect: everyone },
  'POST /connexion': { path: '/connexion', form: { email: 'personne@exemple.test', password: 'mauvais mot de passe' }, expect: everyone },
  'GET /connexion/2fa': { path: '/connexion/2fa', expect: signedIn },
  'POST /connexion/2fa': { path: '/connexion/2fa', form: { code: '000000' }, expect: signedIn },
  'POST /deconnexion': { path: '/deconnexion', expect: everyone },
  'GET /mot-de-passe-oublie': { path: '/mot-de-passe-oublie', expect: everyone },
  'POST /mot-de-passe-oublie': { path: '/mot-de-passe-oublie', form: { email: 'personne@exemple.test' }, expect: everyone },
  'GET /mot-de-passe/nouveau': { path: '/mot-de-passe/nouveau?jeton=inconnu', expect: everyone },
  'POST /mot-de-passe/nouveau': { path: '/mot-de-passe/nouveau', form: { jeton: 'inconnu', password: 'x', confirmation: 'x' }, expect: everyone },
  // ProConnect is not configured in this test app: the routes exist but answer 404.
  'GET /connexion/proconnect': { path: '/connexion/proconnect', expect: nobody },
  'GET /connexion/proconnect/callback': { path: '/connexion/proconnect/callback?code=x&state=y', expect: nobody },

  // Account
  'GET /compte': { path: '/compte', expect: signedIn },
  'GET /compte/2fa': { path: '/compte/2fa', expect: signedIn },
  'POST /compte/2fa': { path: '/compte/2fa', form: { code: '000000' }, expect: signedIn },
  'POST /compte/2fa/codes': { path: '/compte/2fa/codes', expect: signedIn },
  'POST /compte/sessions/revoquer': { path: '/compte/sessions/revoquer', expect: signedIn },
  'POST /compte/jetons': { path: '/compte/jetons', form: { name: 'jeton de la matrice' }, expect: signedIn },
  // Someone else's token does not exist for the caller.
  'POST /compte/jetons/:id/revoquer': {
    path: '/compte/jetons/00000000-0000-4000-8000-000000000000/revoquer',
    expect: outcomes('hidden', { anonymous: 'login' }),
  },

  // Administration
  'GET /admin': { path: '/admin', expect: managers },
  'GET /admin/organisations': { path: '/admin/organisations', expect: managers },
  'GET /admin/organisations/nouvelle': { path: '/admin/organisations/nouvelle', expect: managers },
  'POST /admin/organisations': { path: '/admin/organisations', form: { name: '', type: 'association' }, expect: managers },
  'GET /admin/organisations/:id': { path: (f) => `/admin/organisations/${f.organisation75.id}`, expect: managersOf75 },
  'GET /admin/organisations/:id/modifier': { path: (f) => `/admin/organisations/${f.organisation75.id}/modifier`, expect: managersOf75 },
  'POST /admin/organisations/:id/modifier': {
    path: (f) => `/admin/organisations/${f.organisation75.id}/modifier`,
    form: { name: 'Association parisienne de la matrice', type: 'association', departement: '75' },
    expect: managersOf75,
  },
  'POST /admin/organisations/:id/desactiver': { path: (f) => `/admin/organisations/${f.organisation75.id}/desactiver`, expect: managersOf75 },
  'POST /admin/organisations/:id/reactiver': { path: (f) => `/admin/organisations/${f.organisation75.id}/reactiver`, expect: managersOf75 },
  'GET /admin/utilisateurs': { path: '/admin/utilisateurs', expect: managers },
  'GET /admin/utilisateurs/inviter': { path: '/admin/utilisateurs/inviter', expect: managers },
  'POST /admin/utilisateurs/inviter': { path: '/admin/utilisateurs/inviter', form: { email: '', displayName: '', organisationId: '', role: '', scopeKind: '' }, expect: managers },
  'GET /admin/utilisateurs/:id': { path: user, expect: managersOf75 },
  'POST /admin/utilisateurs/:id/habilitations': { path: async (f) => `${await freshUser(f)}/habilitations`, form: { role: 'trainer', scopeKind: 'organisation' }, expect: managersOf75 },
  'POST /admin/utilisateurs/:id/habilitations/:grantId/supprimer': {
    path: async (f) => {
      const fresh = await f.freshUser75();
      const grant = await f.ctx.core.db.selectFrom('grants').select('id').where('user_id', '=', fresh.id).executeTakeFirstOrThrow();
      return `/admin/utilisateurs/${fresh.id}/habilitations/${grant.id}/supprimer`;
    },
    expect: managersOf75,
  },
  'POST /admin/utilisateurs/:id/desactiver': { path: async (f) => `${await freshUser(f)}/desactiver`, expect: managersOf75 },
  'POST /admin/utilisateurs/:id/reactiver': { path: async (f) => `${await freshUser(f)}/reactiver`, expect: managersOf75 },
  'POST /admin/utilisateurs/:id/2fa/reinitialiser': { path: async (f) => `${await freshUser(f)}/2fa/reinitialiser`, expect: managersOf75 },
  'POST /admin/utilisateurs/:id/relancer': { path: async (f) => `${await freshUser(f)}/relancer`, expect: managersOf75 },
  'GET /admin/courriels': { path: '/admin/courriels', expect: admins },
  // No such message (and no local outbox in this test app, which sends by SMTP).
  'GET /admin/courriels/:name': { path: '/admin/courriels/absent.eml', expect: { ...admins, national_admin: 'hidden' } },
  'GET /admin/journal': { path: '/admin/journal', expect: admins },
  'POST /admin/journal/verifier': { path: '/admin/journal/verifier', expect: admins },

  // Alerts: API
  'POST /api/v1/alerts': { path: '/api/v1/alerts', json: { context: 'autre', place: { departement: '75' }, persons: [], consent: 'adult_refuses' }, expect: raisers },
  'GET /api/v1/alerts': { path: '/api/v1/alerts', expect: raisers },
  'GET /api/v1/alerts/stream': { path: '/api/v1/alerts/stream', stream: true, expect: raisers },
  'GET /api/v1/alerts/:id': { path: (f) => `/api/v1/alerts/${f.alert75}`, expect: alertViewers },
  'POST /api/v1/alerts/:id/acknowledge': { path: (f) => freshApiAlert(f, '/acknowledge'), json: {}, expect: alertActors },
  'POST /api/v1/alerts/:id/take-over': { path: (f) => freshApiAlert(f, '/take-over'), json: {}, expect: alertActors },
  'POST /api/v1/alerts/:id/hand-off': {
    path: (f) => freshApiAlert(f, '/hand-off'),
    json: { toDeskId: '00000000-0000-4000-8000-000000000000', note: 'matrice' },
    expect: alertActors,
  },
  'POST /api/v1/alerts/:id/notes': { path: (f) => freshApiAlert(f, '/notes'), json: { note: 'matrice' }, expect: alertActors },
  'POST /api/v1/alerts/:id/close': { path: (f) => freshApiAlert(f, '/close'), json: { outcome: 'no_further_action' }, expect: alertActors },
  'GET /api/v1/geo/communes': { path: '/api/v1/geo/communes?q=Paris', expect: signedIn },

  // Alerts: pages
  'GET /pro/alertes/nouvelle': { path: '/pro/alertes/nouvelle?contexte=aeroport', expect: raisers },
  'POST /pro/alertes': { path: '/pro/alertes', form: { idempotencyKey: 'matrice', context: 'autre' }, expect: raisers },
  'GET /pro/alertes': { path: '/pro/alertes', expect: raisers },
  'GET /pro/alertes/liste': { path: '/pro/alertes/liste', expect: raisers },
  'GET /pro/mes-alertes': { path: '/pro/mes-alertes', expect: raisers },
  'GET /pro/alertes/:id': { path: (f) => `/pro/alertes/${f.alert75}`, expect: alertViewers },
  'POST /pro/alertes/:id/prise-en-compte': { path: (f) => freshAlert(f, '/prise-en-compte'), expect: alertActors },
  'POST /pro/alertes/:id/relais': { path: (f) => freshAlert(f, '/relais'), expect: alertActors },
  'POST /pro/alertes/:id/transfert': { path: (f) => freshAlert(f, '/transfert'), form: { toDeskId: 'x', note: 'matrice' }, expect: alertActors },
  'POST /pro/alertes/:id/notes': { path: (f) => freshAlert(f, '/notes'), form: { note: 'matrice' }, expect: alertActors },
  'POST /pro/alertes/:id/cloture': { path: (f) => freshAlert(f, '/cloture'), form: { outcome: 'no_further_action' }, expect: alertActors },

  // Desks and routing rules
  'GET /pro/permanences': { path: '/pro/permanences', expect: coordinators },
  'POST /pro/permanences': { path: '/pro/permanences', form: { organisationId: '', name: '' }, expect: coordinators },
  'GET /pro/permanences/:id': { path: (f) => `/pro/permanences/${f.desk75}`, expect: coordinatorsOf75 },
  'POST /pro/permanences/:id/membres': { path: (f) => `/pro/permanences/${f.desk75}/membres`, form: { email: 'personne@exemple.test' }, expect: coordinatorsOf75 },
  'POST /pro/permanences/:id/membres/:userId/retirer': {
    path: async (f) => `/pro/permanences/${f.desk75}/membres/${(await f.freshDeskMember75()).userId}/retirer`,
    expect: coordinatorsOf75,
  },
  'POST /pro/permanences/:id/creneaux': { path: (f) => `/pro/permanences/${f.desk75}/creneaux`, form: { userId: '', start: '', end: '' }, expect: coordinatorsOf75 },
  'POST /pro/permanences/:id/creneaux/:shiftId/retirer': {
    path: async (f) => `/pro/permanences/${f.desk75}/creneaux/${(await f.freshDeskMember75()).shiftId}/retirer`,
    expect: coordinatorsOf75,
  },
  'POST /pro/permanences/:id/desactiver': { path: (f) => `/pro/permanences/${f.otherDesk}/desactiver`, expect: coordinatorsOf75 },
  'POST /pro/permanences/:id/reactiver': { path: (f) => `/pro/permanences/${f.otherDesk}/reactiver`, expect: coordinatorsOf75 },
  'GET /pro/routage': { path: '/pro/routage', expect: coordinators },
  'GET /pro/routage/nouvelle': { path: '/pro/routage/nouvelle', expect: coordinators },
  'POST /pro/routage': { path: '/pro/routage', form: { name: '' }, expect: coordinators },
  'GET /pro/routage/:id': { path: (f) => `/pro/routage/${f.rule75}`, expect: coordinatorsOf75 },
  'POST /pro/routage/:id': { path: (f) => `/pro/routage/${f.rule75}`, form: { name: '' }, expect: coordinatorsOf75 },

  // Placements: API
  'POST /api/v1/placements/search': { path: '/api/v1/placements/search', json: { public: 'femmes', place: { departement: '75' } }, expect: searchers },
  'POST /api/v1/placements': { path: '/api/v1/placements', json: { offerId: '00000000-0000-4000-8000-000000000000', public: 'femmes' }, expect: searchers },
  'GET /api/v1/placements': { path: '/api/v1/placements', expect: placementRoles },
  'GET /api/v1/placements/:id': { path: (f) => freshPlacement(f, '/api/v1/placements', ''), expect: placementViewers },
  'POST /api/v1/placements/:id/accept': { path: (f) => freshPlacement(f, '/api/v1/placements', '/accept'), json: {}, expect: decidersOf33 },
  'POST /api/v1/placements/:id/refuse': { path: (f) => freshPlacement(f, '/api/v1/placements', '/refuse'), json: { reason: 'no_place' }, expect: decidersOf33 },
  'POST /api/v1/placements/:id/start': { path: (f) => freshPlacement(f, '/api/v1/placements', '/start'), json: {}, expect: decidersOf33 },
  'POST /api/v1/placements/:id/end': { path: (f) => freshPlacement(f, '/api/v1/placements', '/end'), json: { reason: 'autonomy' }, expect: decidersOf33 },
  'POST /api/v1/placements/:id/cancel': { path: (f) => freshPlacement(f, '/api/v1/placements', '/cancel'), json: {}, expect: placementCancellers },
  'GET /api/v1/capacity': { path: '/api/v1/capacity', expect: deciders },
  'GET /api/v1/offers': { path: '/api/v1/offers', expect: deciders },
  'POST /api/v1/offers/:id/capacity': { path: (f) => `/api/v1/offers/${f.offer33}/capacity`, json: {}, expect: decidersOf33 },
  'POST /api/v1/opp': { path: '/api/v1/opp', json: { referredAt: '1999-01-01T00:00:00Z' }, expect: oppRoles },
  'GET /api/v1/opp': { path: '/api/v1/opp', expect: oppRoles },
  'GET /api/v1/opp/:id': { path: (f) => `/api/v1/opp/${f.opp75}`, expect: oppOf75 },
  'POST /api/v1/opp/:id/order': { path: (f) => `/api/v1/opp/${f.opp75}/order`, json: { court: 'Juge des enfants (matrice)', orderedAt: '1999-01-01T00:00:00Z' }, expect: oppOf75 },
  'POST /api/v1/opp/:id/withdraw': { path: (f) => `/api/v1/opp/${f.opp75}/withdraw`, json: { reason: 'error' }, expect: oppOf75 },

  // Placements: pages
  'GET /pro/offres': { path: '/pro/offres', expect: deciders },
  'GET /pro/offres/nouvelle': { path: '/pro/offres/nouvelle', expect: deciders },
  'POST /pro/offres': { path: '/pro/offres', form: { name: '' }, expect: deciders },
  'GET /pro/offres/:id': { path: (f) => `/pro/offres/${f.offer33}`, expect: decidersOf33 },
  'POST /pro/offres/:id': { path: (f) => `/pro/offres/${f.offer33}`, form: { name: '' }, expect: decidersOf33 },
  'POST /pro/offres/:id/capacite': { path: (f) => `/pro/offres/${f.offer33}/capacite`, form: {}, expect: decidersOf33 },
  'POST /pro/offres/:id/statut': { path: (f) => `/pro/offres/${f.offer33}/statut`, form: { status: 'open' }, expect: decidersOf33 },
  'GET /pro/placements': { path: '/pro/placements', expect: placementRoles },
  'GET /pro/placements/recherche': { path: '/pro/placements/recherche?public=femmes&lieu=75', expect: searchers },
  'POST /pro/placements': { path: '/pro/placements', form: { offerId: 'inconnue', public: 'femmes' }, expect: searchers },
  'GET /pro/placements/:id': { path: (f) => freshPlacement(f, '/pro/placements', ''), expect: placementViewers },
  'POST /pro/placements/:id/accepter': { path: (f) => freshPlacement(f, '/pro/placements', '/accepter'), expect: decidersOf33 },
  'POST /pro/placements/:id/refuser': { path: (f) => freshPlacement(f, '/pro/placements', '/refuser'), form: { reason: 'no_place' }, expect: decidersOf33 },
  'POST /pro/placements/:id/arrivee': { path: (f) => freshPlacement(f, '/pro/placements', '/arrivee'), expect: decidersOf33 },
  'POST /pro/placements/:id/fin': { path: (f) => freshPlacement(f, '/pro/placements', '/fin'), form: { reason: 'autonomy' }, expect: decidersOf33 },
  'POST /pro/placements/:id/annuler': { path: (f) => freshPlacement(f, '/pro/placements', '/annuler'), expect: placementCancellers },
  'GET /pro/opp': { path: '/pro/opp', expect: oppRoles },
  'POST /pro/opp': { path: '/pro/opp', form: { referredAt: '1999-01-01T00:00' }, expect: oppRoles },
  'GET /pro/opp/:id': { path: (f) => `/pro/opp/${f.opp75}`, expect: oppOf75 },
  'POST /pro/opp/:id/ordonnance': { path: (f) => `/pro/opp/${f.opp75}/ordonnance`, form: { court: '' }, expect: oppOf75 },
  'POST /pro/opp/:id/arret': { path: (f) => `/pro/opp/${f.opp75}/arret`, form: { reason: '' }, expect: oppOf75 },
  'GET /pro/capacite': { path: '/pro/capacite', expect: deciders },
  'GET /pro/capacite.csv': { path: '/pro/capacite.csv', expect: deciders },

  // Case files: API
  'POST /api/v1/cases': { path: '/api/v1/cases', json: { minor: false }, expect: caseRoles },
  'GET /api/v1/cases': { path: '/api/v1/cases', expect: caseReaders },
  'GET /api/v1/cases/indicators': { path: '/api/v1/cases/indicators?from=2026-01-01&to=2026-12-31', expect: indicatorReaders },
  'GET /api/v1/cases/:id': { path: (f) => `/api/v1/cases/${f.case33.id}`, expect: caseFileReaders },
  'GET /api/v1/cases/:id/events': { path: (f) => `/api/v1/cases/${f.case33.id}/events`, expect: caseFileReaders },
  'POST /api/v1/cases/:id/events': { path: (f) => `/api/v1/cases/${f.case33.id}/events`, json: { kind: 'health', occurredOn: '2026-11-20' }, expect: caseRoles },
  'PUT /api/v1/cases/:id/identity': { path: (f) => `/api/v1/cases/${f.case33.id}/identity`, json: { aliases: 'matrice' }, expect: caseRoles },
  'POST /api/v1/cases/:id/consents': { path: (f) => `/api/v1/cases/${f.case33.id}/consents`, json: { organisationId: '00000000-0000-4000-8000-000000000000', scopes: ['journal'] }, expect: caseRoles },
  'POST /api/v1/cases/:id/consents/:consentId/withdraw': {
    path: async (f) => {
      const fresh = await f.freshCase33();
      return `/api/v1/cases/${fresh.id}/consents/${fresh.consentId}/withdraw`;
    },
    json: {},
    expect: caseRoles,
  },
  'POST /api/v1/cases/:id/placements': { path: (f) => `/api/v1/cases/${f.case33.id}/placements`, json: { placementId: '00000000-0000-4000-8000-000000000000' }, expect: caseRoles },
  'POST /api/v1/cases/:id/reopen': { path: (f) => `/api/v1/cases/${f.case33.id}/reopen`, json: {}, expect: caseRoles },
  'GET /api/v1/cases/:id/access-log': { path: (f) => `/api/v1/cases/${f.case33.id}/access-log`, expect: caseFileReaders },
  'POST /api/v1/cases/:id/break-glass': { path: (f) => freshCase(f, '/api/v1/cases', '/break-glass'), json: { reason: 'Raison écrite pour la matrice des droits' }, expect: breakGlass },
  'POST /api/v1/cases/:id/referrals': {
    path: (f) => `/api/v1/cases/${f.case33.id}/referrals`,
    json: { kind: 'referral', organisationId: '00000000-0000-4000-8000-000000000000', parts: ['profile'] },
    expect: caseRoles,
  },
  'GET /api/v1/cases/:id/referrals': { path: (f) => `/api/v1/cases/${f.case33.id}/referrals`, expect: caseFileReaders },
  'GET /api/v1/referrals': { path: '/api/v1/referrals', expect: caseRoles },
  'POST /api/v1/referrals/:id/accept': { path: async (f) => `/api/v1/referrals/${await f.freshIncomingReferral()}/accept`, json: {}, expect: caseRoles },
  'POST /api/v1/referrals/:id/refuse': { path: async (f) => `/api/v1/referrals/${await f.freshIncomingReferral()}/refuse`, json: { reason: 'matrice' }, expect: caseRoles },
  'POST /api/v1/referrals/:id/revoke': { path: async (f) => `/api/v1/referrals/${await f.freshOutgoingReferral()}/revoke`, json: {}, expect: caseRoles },

  // Case files: pages
  'GET /pro/dossiers': { path: '/pro/dossiers', expect: caseReaders },
  'GET /pro/dossiers/nouveau': { path: '/pro/dossiers/nouveau', expect: caseRoles },
  'POST /pro/dossiers': { path: '/pro/dossiers', form: {}, expect: caseRoles },
  'GET /pro/dossiers/indicateurs': { path: '/pro/dossiers/indicateurs', expect: indicatorReaders },
  'GET /pro/dossiers/:id': { path: (f) => `/pro/dossiers/${f.case33.id}`, expect: caseFilePage },
  'POST /pro/dossiers/:id/journal': { path: (f) => `/pro/dossiers/${f.case33.id}/journal`, form: { kind: 'health', occurredOn: '2026-11-20' }, expect: caseRoles },
  'POST /pro/dossiers/:id/identite': { path: (f) => `/pro/dossiers/${f.case33.id}/identite`, form: { aliases: 'matrice' }, expect: caseRoles },
  'POST /pro/dossiers/:id/consentements': { path: (f) => `/pro/dossiers/${f.case33.id}/consentements`, form: {}, expect: caseRoles },
  'POST /pro/dossiers/:id/consentements/:consentId/retrait': {
    path: async (f) => {
      const fresh = await f.freshCase33();
      return `/pro/dossiers/${fresh.id}/consentements/${fresh.consentId}/retrait`;
    },
    expect: caseRoles,
  },
  'POST /pro/dossiers/:id/orientations': { path: (f) => `/pro/dossiers/${f.case33.id}/orientations`, form: {}, expect: caseRoles },
  'POST /pro/dossiers/:id/rouvrir': { path: (f) => `/pro/dossiers/${f.case33.id}/rouvrir`, expect: caseRoles },
  'POST /pro/dossiers/:id/bris-de-glace': { path: (f) => freshCase(f, '/pro/dossiers', '/bris-de-glace'), form: { reason: '' }, expect: breakGlass },
  'POST /pro/orientations/:id/accepter': { path: async (f) => `/pro/orientations/${await f.freshIncomingReferral()}/accepter`, expect: caseRoles },
  'POST /pro/orientations/:id/refuser': { path: async (f) => `/pro/orientations/${await f.freshIncomingReferral()}/refuser`, form: { reason: 'matrice' }, expect: caseRoles },
  'POST /pro/orientations/:id/retirer': { path: async (f) => `/pro/orientations/${await f.freshOutgoingReferral()}/retirer`, expect: caseRoles },

  // Public directory: the HSDS 3.0 API, open to everyone (unknown ids are 404 for everyone)
  'GET /hsds/': { path: '/hsds/', expect: everyone },
  'GET /hsds/services': { path: '/hsds/services', expect: everyone },
  'GET /hsds/services/:id': { path: '/hsds/services/00000000-0000-4000-8000-000000000000', expect: nobody },
  'GET /hsds/organizations': { path: '/hsds/organizations', expect: everyone },
  'GET /hsds/organizations/:id': { path: '/hsds/organizations/00000000-0000-4000-8000-000000000000', expect: nobody },
  'GET /hsds/service_at_locations': { path: '/hsds/service_at_locations', expect: everyone },
  'GET /carte': { path: '/carte', expect: everyone },
  'GET /carte.csv': { path: '/carte.csv', expect: everyone },
  'GET /carte/departements': { path: '/carte/departements', expect: everyone },
  'GET /carte/lieux/:id': { path: '/carte/lieux/00000000-0000-4000-8000-000000000000', expect: nobody },
  'POST /carte/lieux/:id/signaler': { path: '/carte/lieux/00000000-0000-4000-8000-000000000000/signaler', form: { message: 'Erreur de la matrice' }, expect: nobody },
  'POST /api/v1/directory/import': { path: '/api/v1/directory/import', json: { format: 'csv', content: 'organisation\n', source: 'matrice' }, expect: { ...outcomes('forbidden', { anonymous: 'login', content_editor: 'ok', national_admin: 'ok' }), coordinator: 'ok', coordinator_75: 'ok', coordinator_13: 'ok' } },
  'GET /pro/annuaire/import/:id': { path: '/pro/annuaire/import/00000000-0000-4000-8000-000000000000', expect: { ...outcomes('forbidden', { anonymous: 'login', content_editor: 'hidden', national_admin: 'hidden' }), coordinator: 'hidden', coordinator_75: 'hidden', coordinator_13: 'hidden' } },
  'GET /pro/annuaire/import': { path: '/pro/annuaire/import', expect: { ...outcomes('forbidden', { anonymous: 'login', content_editor: 'ok', national_admin: 'ok' }), coordinator: 'ok', coordinator_75: 'ok', coordinator_13: 'ok' } },
  'POST /pro/annuaire/import': { path: '/pro/annuaire/import', form: { format: 'csv', source: 'matrice', content: 'x', mode: 'dry' }, expect: { ...outcomes('forbidden', { anonymous: 'login', content_editor: 'ok', national_admin: 'ok' }), coordinator: 'ok', coordinator_75: 'ok', coordinator_13: 'ok' } },
  'GET /pro/annuaire/mes-fiches': { path: '/pro/annuaire/mes-fiches', expect: signedIn },
  'POST /pro/annuaire/mes-fiches/:id': { path: '/pro/annuaire/mes-fiches/00000000-0000-4000-8000-000000000000', form: { name: 'Matrice' }, expect: outcomes('hidden', { anonymous: 'login' }) },
  'POST /pro/annuaire/propositions/:id/accepter': { path: '/pro/annuaire/propositions/00000000-0000-4000-8000-000000000000/accepter', expect: { ...outcomes('forbidden', { anonymous: 'login', content_editor: 'hidden', national_admin: 'hidden' }), coordinator: 'hidden', coordinator_75: 'hidden', coordinator_13: 'hidden' } },
  'POST /pro/annuaire/propositions/:id/rejeter': { path: '/pro/annuaire/propositions/00000000-0000-4000-8000-000000000000/rejeter', expect: { ...outcomes('forbidden', { anonymous: 'login', content_editor: 'hidden', national_admin: 'hidden' }), coordinator: 'hidden', coordinator_75: 'hidden', coordinator_13: 'hidden' } },
  'GET /pro/annuaire': { path: '/pro/annuaire', expect: { ...outcomes('forbidden', { anonymous: 'login', content_editor: 'ok', national_admin: 'ok' }), coordinator: 'ok', coordinator_75: 'ok', coordinator_13: 'ok' } },
  'POST /pro/annuaire/signalements/:id/traite': { path: '/pro/annuaire/signalements/00000000-0000-4000-8000-000000000000/traite', expect: { ...outcomes('forbidden', { anonymous: 'login', content_editor: 'hidden', national_admin: 'hidden' }), coordinator: 'hidden', coordinator_75: 'hidden', coordinator_13: 'hidden' } },
  'POST /pro/annuaire/services/:id/verifie': { path: '/pro/annuaire/services/00000000-0000-4000-8000-000000000000/verifie', expect: { ...outcomes('forbidden', { anonymous: 'login', content_editor: 'hidden', national_admin: 'hidden' }), coordinator: 'hidden', coordinator_75: 'hidden', coordinator_13: 'hidden' } },
  'GET /api/v1/directory/places.geojson': { path: '/api/v1/directory/places.geojson', expect: everyone },
  'GET /api/v1/directory/data-inclusion.json': { path: '/api/v1/directory/data-inclusion.json', expect: everyone },

  // Newsletter: public side (the signed link is the credential: a forged one is unknown to everyone)
  'GET /lettre': { path: '/lettre', expect: everyone },
  'POST /lettre': { path: '/lettre', form: { email: 'pas-une-adresse', profession: 'autre', departement: '75', language: 'fr' }, expect: everyone },
  'GET /lettre/confirmer/:token': { path: '/lettre/confirmer/jeton-inconnu-de-matrice', expect: outcomes('hidden') },
  'POST /lettre/confirmer/:token': { path: '/lettre/confirmer/jeton-inconnu-de-matrice', expect: outcomes('hidden') },
  'GET /lettre/preferences/:token': { path: `/lettre/preferences/${UNKNOWN_LINK}`, expect: outcomes('hidden') },
  'POST /lettre/preferences/:token': { path: `/lettre/preferences/${UNKNOWN_LINK}`, form: { profession: 'autre', departement: '75', language: 'fr' }, expect: outcomes('hidden') },
  'GET /lettre/preferences/:token/donnees.json': { path: `/lettre/preferences/${UNKNOWN_LINK}/donnees.json`, expect: outcomes('hidden') },
  'POST /lettre/preferences/:token/effacer': { path: `/lettre/preferences/${UNKNOWN_LINK}/effacer`, expect: outcomes('hidden') },
  'GET /lettre/desabonnement/:token': { path: `/lettre/desabonnement/${UNKNOWN_LINK}`, expect: outcomes('hidden') },
  'POST /lettre/desabonnement/:token': { path: `/lettre/desabonnement/${UNKNOWN_LINK}`, form: { 'List-Unsubscribe': 'One-Click' }, expect: outcomes('hidden') },
  'GET /lettre/archives': { path: '/lettre/archives', expect: everyone },
  'GET /lettre/archives.rss': { path: '/lettre/archives.rss', expect: everyone },
  'GET /lettre/archives/:id': { path: '/lettre/archives/00000000-0000-4000-8000-000000000000', expect: outcomes('hidden') },
  // Newsletter: editors
  'GET /pro/lettre': { path: '/pro/lettre', expect: outcomes('forbidden', { anonymous: 'login', content_editor: 'ok', national_admin: 'ok' }) },
  'POST /pro/lettre': { path: '/pro/lettre', form: { title: '', subject: '', markdown: '' }, expect: outcomes('forbidden', { anonymous: 'login', content_editor: 'ok', national_admin: 'ok' }) },
  'GET /pro/lettre/:id': { path: '/pro/lettre/00000000-0000-4000-8000-000000000000', expect: outcomes('forbidden', { anonymous: 'login', content_editor: 'hidden', national_admin: 'hidden' }) },
  'POST /pro/lettre/:id/langues/:language': { path: '/pro/lettre/00000000-0000-4000-8000-000000000000/langues/en', form: { subject: 'Matrice', markdown: 'x' }, expect: outcomes('forbidden', { anonymous: 'login', content_editor: 'hidden', national_admin: 'hidden' }) },
  'POST /pro/lettre/:id/langues': { path: '/pro/lettre/00000000-0000-4000-8000-000000000000/langues', form: { language: 'en' }, expect: outcomes('forbidden', { anonymous: 'login', content_editor: 'hidden', national_admin: 'hidden' }) },
  'POST /pro/lettre/:id/audience': { path: '/pro/lettre/00000000-0000-4000-8000-000000000000/audience', form: { departements: '75' }, expect: outcomes('forbidden', { anonymous: 'login', content_editor: 'hidden', national_admin: 'hidden' }) },
  'POST /pro/lettre/:id/a-la-une': { path: '/pro/lettre/00000000-0000-4000-8000-000000000000/a-la-une', form: { featured: '00000000-0000-4000-8000-000000000000' }, expect: outcomes('forbidden', { anonymous: 'login', content_editor: 'hidden', national_admin: 'hidden' }) },
  'POST /pro/lettre/:id/plan': { path: '/pro/lettre/00000000-0000-4000-8000-000000000000/plan', form: { plan: '' }, expect: outcomes('forbidden', { anonymous: 'login', content_editor: 'hidden', national_admin: 'hidden' }) },
  'POST /pro/lettre/:id/formations': { path: '/pro/lettre/00000000-0000-4000-8000-000000000000/formations', form: { trainings: 'on' }, expect: outcomes('forbidden', { anonymous: 'login', content_editor: 'hidden', national_admin: 'hidden' }) },
  'POST /pro/lettre/:id/envoyer': { path: '/pro/lettre/00000000-0000-4000-8000-000000000000/envoyer', expect: outcomes('forbidden', { anonymous: 'login', content_editor: 'hidden', national_admin: 'hidden' }) },
  'POST /pro/lettre/:id/incertaines': { path: '/pro/lettre/00000000-0000-4000-8000-000000000000/incertaines', form: { choice: 'garder' }, expect: outcomes('forbidden', { anonymous: 'login', content_editor: 'hidden', national_admin: 'hidden' }) },
  'GET /pro/lettre/:id/progression': { path: '/pro/lettre/00000000-0000-4000-8000-000000000000/progression', expect: outcomes('forbidden', { anonymous: 'login', content_editor: 'hidden', national_admin: 'hidden' }) },
  'POST /api/v1/newsletter/bounces': { path: '/api/v1/newsletter/bounces', json: { email: 'rebond@example.org', type: 'soft' }, expect: outcomes('forbidden', { anonymous: 'login', content_editor: 'ok', national_admin: 'ok' }) },

  // Library: public pages, editors' workflow
  'GET /outils': { path: '/outils', expect: everyone },
  'GET /outils/:id': { path: '/outils/00000000-0000-4000-8000-000000000000', expect: outcomes('hidden') },
  'GET /outils/:id/fichiers/:fileId': { path: '/outils/00000000-0000-4000-8000-000000000000/fichiers/00000000-0000-4000-8000-000000000000', expect: outcomes('hidden') },
  'GET /pro/outils': { path: '/pro/outils', expect: outcomes('forbidden', { anonymous: 'login', content_editor: 'ok', national_admin: 'ok' }) },
  'POST /pro/outils': { path: '/pro/outils', form: { kind: '', title: '' }, expect: outcomes('forbidden', { anonymous: 'login', content_editor: 'ok', national_admin: 'ok' }) },
  'GET /pro/outils/:id': { path: '/pro/outils/00000000-0000-4000-8000-000000000000', expect: outcomes('forbidden', { anonymous: 'login', content_editor: 'hidden', national_admin: 'hidden' }) },
  'POST /pro/outils/:id': { path: '/pro/outils/00000000-0000-4000-8000-000000000000', form: { kind: 'guide', title: 'Matrice' }, expect: outcomes('forbidden', { anonymous: 'login', content_editor: 'hidden', national_admin: 'hidden' }) },
  'POST /pro/outils/:id/etat': { path: '/pro/outils/00000000-0000-4000-8000-000000000000/etat', form: { action: 'submit' }, expect: outcomes('forbidden', { anonymous: 'login', content_editor: 'hidden', national_admin: 'hidden' }) },
  'POST /pro/outils/:id/fichiers': { path: '/pro/outils/00000000-0000-4000-8000-000000000000/fichiers', form: { language: 'fr' }, expect: outcomes('forbidden', { anonymous: 'login', content_editor: 'hidden', national_admin: 'hidden' }) },
  'GET /pro/outils/:id/fichiers/:fileId': { path: '/pro/outils/00000000-0000-4000-8000-000000000000/fichiers/00000000-0000-4000-8000-000000000000', expect: outcomes('forbidden', { anonymous: 'login', content_editor: 'hidden', national_admin: 'hidden' }) },

  // Legal texts
  'GET /textes': { path: '/textes', expect: everyone },
  'GET /textes/:id': { path: '/textes/00000000-0000-4000-8000-000000000000', expect: outcomes('hidden') },
  'GET /pro/textes': { path: '/pro/textes', expect: outcomes('forbidden', { anonymous: 'login', content_editor: 'ok', national_admin: 'ok' }) },
  'POST /pro/textes': { path: '/pro/textes', form: { code: '', article: '' }, expect: outcomes('forbidden', { anonymous: 'login', content_editor: 'ok', national_admin: 'ok' }) },
  'GET /pro/textes/:id': { path: '/pro/textes/00000000-0000-4000-8000-000000000000', expect: outcomes('forbidden', { anonymous: 'login', content_editor: 'hidden', national_admin: 'hidden' }) },
  'POST /pro/textes/:id': { path: '/pro/textes/00000000-0000-4000-8000-000000000000', form: { code: 'Code pénal', article: '999', title: 'Matrice', topic: 'peines', legifranceUrl: 'https://www.legifrance.gouv.fr/x', summary: 'Matrice' }, expect: outcomes('forbidden', { anonymous: 'login', content_editor: 'hidden', national_admin: 'hidden' }) },
  'POST /pro/textes/:id/etat': { path: '/pro/textes/00000000-0000-4000-8000-000000000000/etat', form: { status: 'published' }, expect: outcomes('forbidden', { anonymous: 'login', content_editor: 'hidden', national_admin: 'hidden' }) },

  // The reference leaflet
  'GET /outils/depliant': { path: '/outils/depliant', expect: everyone },
  'GET /outils/depliant/:langue': { path: '/outils/depliant/fr', expect: everyone },
  'GET /outils/depliant/:langue/pdf': { path: '/outils/depliant/xx/pdf', expect: outcomes('hidden') },
  'GET /pro/depliant': { path: '/pro/depliant', expect: outcomes('forbidden', { anonymous: 'login', content_editor: 'ok', national_admin: 'ok' }) },
  'POST /pro/depliant/:id': { path: '/pro/depliant/00000000-0000-4000-8000-000000000000', form: { title: 'Matrice', body: 'Matrice' }, expect: outcomes('forbidden', { anonymous: 'login', content_editor: 'hidden', national_admin: 'hidden' }) },
  'GET /pro/depliant/:id/:langue': { path: '/pro/depliant/00000000-0000-4000-8000-000000000000/en', expect: outcomes('forbidden', { anonymous: 'login', content_editor: 'hidden', national_admin: 'hidden' }) },
  'POST /pro/depliant/:id/:langue': { path: '/pro/depliant/00000000-0000-4000-8000-000000000000/en', form: { title: 'Matrice', body: 'Matrice' }, expect: outcomes('forbidden', { anonymous: 'login', content_editor: 'hidden', national_admin: 'hidden' }) },
  'POST /pro/depliant/:id/:langue/valider': { path: '/pro/depliant/00000000-0000-4000-8000-000000000000/en/valider', expect: outcomes('forbidden', { anonymous: 'login', content_editor: 'hidden', national_admin: 'hidden' }) },

  // The person's rights
  'GET /admin/dossiers': { path: '/admin/dossiers', expect: admins },
  'GET /admin/dossiers/export': { path: (f) => `/admin/dossiers/export?reference=${f.case33.reference}`, expect: admins },
  'POST /admin/dossiers/effacer': { path: '/admin/dossiers/effacer', form: { reference: 'TEH-0000-000000', confirmation: 'non' }, expect: admins },
  // The steering space (issue 8): the plan's public page, the plans, the review, deployment, pilots
  'GET /plan': { path: '/plan', expect: everyone },
  'GET /plan/deploiement': { path: '/plan/deploiement', expect: everyone },
  'GET /plan/projets-pilotes': { path: '/plan/projets-pilotes', expect: everyone },
  'GET /plan/:slug': { path: '/plan/plan-inconnu', expect: outcomes('hidden') },
  'GET /pilotage/plans': { path: '/pilotage/plans', expect: planReaders('ok') },
  'POST /pilotage/plans': { path: '/pilotage/plans', form: { title: '', periodStart: '2025', periodEnd: '2027' }, expect: steerers('ok') },
  'GET /pilotage/plans/:id': { path: `/pilotage/plans/${NO_ID}`, expect: planReaders('hidden') },
  'POST /pilotage/plans/:id/etat': { path: `/pilotage/plans/${NO_ID}/etat`, form: { status: 'published' }, expect: steerers('hidden') },
  'POST /pilotage/plans/:id/axes': { path: `/pilotage/plans/${NO_ID}/axes`, form: { number: '1', title: 'Matrice' }, expect: steerers('hidden') },
  'POST /pilotage/plans/:id/mesures': { path: `/pilotage/plans/${NO_ID}/mesures`, form: { number: '1', title: 'Matrice' }, expect: steerers('hidden') },
  'GET /pilotage/plans/:id/mesures/:mid': { path: `/pilotage/plans/${NO_ID}/mesures/${NO_ID}`, expect: planReaders('hidden') },
  'POST /pilotage/plans/:id/mesures/:mid': { path: `/pilotage/plans/${NO_ID}/mesures/${NO_ID}`, form: { number: '1', title: 'Matrice' }, expect: steerers('hidden') },
  'POST /pilotage/plans/:id/mesures/:mid/jalons': { path: `/pilotage/plans/${NO_ID}/mesures/${NO_ID}/jalons`, form: { title: 'Matrice' }, expect: steerers('hidden') },
  'POST /pilotage/plans/:id/mesures/:mid/ressources': { path: `/pilotage/plans/${NO_ID}/mesures/${NO_ID}/ressources`, form: { resourceId: NO_ID }, expect: steerers('hidden') },
  'POST /pilotage/plans/:id/mesures/:mid/avis': { path: `/pilotage/plans/${NO_ID}/mesures/${NO_ID}/avis`, form: { rating: 'keep' }, expect: outcomes('forbidden', { anonymous: 'login', collective_member: 'hidden' }) },
  'POST /pilotage/plans/:id/contributions': { path: `/pilotage/plans/${NO_ID}/contributions`, form: { measureId: NO_ID, body: 'Matrice' }, expect: outcomes('forbidden', { anonymous: 'login', collective_member: 'hidden' }) },
  'POST /pilotage/plans/:id/contributions/:cid/reponse': { path: `/pilotage/plans/${NO_ID}/contributions/${NO_ID}/reponse`, form: { decision: 'accepted', answer: 'Matrice' }, expect: steerers('hidden') },
  'GET /pilotage/plans/:id/budget': { path: `/pilotage/plans/${NO_ID}/budget`, expect: planReaders('hidden') },
  'POST /pilotage/plans/:id/budget': { path: `/pilotage/plans/${NO_ID}/budget`, form: { year: '2025', programme: 'BOP 137', level: 'central', planned: '1' }, expect: steerers('hidden') },
  'GET /pilotage/plans/:id/indicateurs': { path: `/pilotage/plans/${NO_ID}/indicateurs`, expect: planReaders('hidden') },
  'POST /pilotage/plans/:id/indicateurs': { path: `/pilotage/plans/${NO_ID}/indicateurs`, form: { code: 'matrice', title: 'Matrice', definition: 'Matrice', source: 'alerts' }, expect: steerers('hidden') },
  'POST /pilotage/plans/:id/indicateurs/recalcul': { path: `/pilotage/plans/${NO_ID}/indicateurs/recalcul`, form: {}, expect: steerers('hidden') },
  'GET /pilotage/plans/:id/synthese': { path: `/pilotage/plans/${NO_ID}/synthese`, expect: steerers('hidden') },
  'GET /pilotage/plans/:id/synthese/pdf': { path: `/pilotage/plans/${NO_ID}/synthese/pdf`, expect: steerers('hidden') },
  'GET /pilotage/deploiement': { path: '/pilotage/deploiement', expect: outcomes('forbidden', { anonymous: 'login', coordinator: 'ok', coordinator_75: 'ok', coordinator_13: 'ok', national_admin: 'ok' }) },
  'GET /pilotage/deploiement/:code': { path: '/pilotage/deploiement/75', expect: outcomes('forbidden', { anonymous: 'login', coordinator: 'ok', coordinator_75: 'ok', national_admin: 'ok' }) },
  'POST /pilotage/deploiement/:code': { path: '/pilotage/deploiement/75', form: { commission: 'codaf' }, expect: outcomes('forbidden', { anonymous: 'login', coordinator: 'ok', coordinator_75: 'ok', national_admin: 'ok' }) },
  'GET /pilotage/projets-pilotes': { path: '/pilotage/projets-pilotes', expect: steerers('ok') },
  'POST /pilotage/projets-pilotes': { path: '/pilotage/projets-pilotes', form: { name: '', fundingStatus: 'unknown' }, expect: steerers('ok') },
  'GET /pilotage/projets-pilotes/:slug': { path: '/pilotage/projets-pilotes/inconnu', expect: steerers('hidden') },
  'POST /pilotage/projets-pilotes/:slug': { path: '/pilotage/projets-pilotes/inconnu', form: { name: 'Matrice', fundingStatus: 'funded' }, expect: steerers('hidden') },

  // The collective's space
  'GET /collectif': { path: '/collectif', expect: collectiveReaders('ok') },
  'POST /collectif/membres': { path: '/collectif/membres', form: { organisationId: NO_ID }, expect: steerers('ok') },
  'POST /collectif/membres/:organisationId/retrait': { path: `/collectif/membres/${NO_ID}/retrait`, form: {}, expect: steerers('hidden') },
  'GET /collectif/calendrier.ics': { path: '/collectif/calendrier.ics', expect: collectiveReaders('ok') },
  'GET /collectif/calendrier/:token': { path: `/collectif/calendrier/${UNKNOWN_LINK}.ics`, expect: outcomes('hidden') },
  'GET /collectif/reunions/nouvelle': { path: '/collectif/reunions/nouvelle', expect: steerers('ok') },
  'POST /collectif/reunions': { path: '/collectif/reunions', form: { kind: 'plenary', title: '' }, expect: steerers('ok') },
  'GET /collectif/reunions/:id': { path: `/collectif/reunions/${NO_ID}`, expect: collectiveReaders('hidden') },
  'GET /collectif/reunions/:id/ical': { path: `/collectif/reunions/${NO_ID}/ical`, expect: collectiveReaders('hidden') },
  'GET /collectif/reunions/:id/modifier': { path: `/collectif/reunions/${NO_ID}/modifier`, expect: steerers('hidden') },
  'POST /collectif/reunions/:id/modifier': { path: `/collectif/reunions/${NO_ID}/modifier`, form: { kind: 'plenary', title: 'Matrice' }, expect: steerers('hidden') },
  'POST /collectif/reunions/:id/inscription': { path: `/collectif/reunions/${NO_ID}/inscription`, form: { register: 'yes' }, expect: collectiveReaders('hidden') },
  'POST /collectif/reunions/:id/invitations': { path: `/collectif/reunions/${NO_ID}/invitations`, form: {}, expect: steerers('hidden') },
  'POST /collectif/reunions/:id/compte-rendu': { path: `/collectif/reunions/${NO_ID}/compte-rendu`, form: {}, expect: steerers('hidden') },
  'POST /collectif/reunions/:id/presences': { path: `/collectif/reunions/${NO_ID}/presences`, form: {}, expect: steerers('hidden') },
  'POST /collectif/reunions/:id/points': { path: `/collectif/reunions/${NO_ID}/points`, form: { kind: 'decision', text: 'Matrice' }, expect: steerers('hidden') },
  'POST /collectif/reunions/:id/points/:item/fait': { path: `/collectif/reunions/${NO_ID}/points/${NO_ID}/fait`, form: {}, expect: steerers('hidden') },

  // Training (issue 9)
  'GET /formations/attestations/:id/pdf': { path: `/formations/attestations/${NO_ID}/pdf`, expect: outcomes('hidden', { anonymous: 'login' }) },
  // Training: catalogue and sessions (H1)
  'GET /formations': { path: '/formations?public=magistrature&format=presentiel&q=traite', expect: everyone },
  'GET /formations/:slug': { path: '/formations/inconnue', expect: nobody },
  'POST /formations/:slug/sessions/:id/inscription': { path: `/formations/inconnue/sessions/${NO_ID}/inscription`, form: { category: 'autre' }, expect: outcomes('hidden', { anonymous: 'login' }) },
  'POST /formations/:slug/sessions/:id/desinscription': { path: `/formations/inconnue/sessions/${NO_ID}/desinscription`, form: {}, expect: outcomes('hidden', { anonymous: 'login' }) },
  'GET /pro/formations': { path: '/pro/formations', expect: signedIn },
  'GET /pro/formations/catalogue': { path: '/pro/formations/catalogue', expect: trainingAuthors('ok') },
  'GET /pro/formations/catalogue/nouvelle': { path: '/pro/formations/catalogue/nouvelle', expect: trainingAuthors('ok') },
  'POST /pro/formations/catalogue': { path: '/pro/formations/catalogue', form: { title: '' }, expect: trainingAuthors('ok') },
  'GET /pro/formations/catalogue/:slug/modifier': { path: '/pro/formations/catalogue/inconnue/modifier', expect: trainingAuthors('hidden') },
  'POST /pro/formations/catalogue/:slug/modifier': { path: '/pro/formations/catalogue/inconnue/modifier', form: { title: 'Matrice', audiences: 'autre', format: 'presentiel', durationHours: '1', status: 'draft' }, expect: trainingAuthors('hidden') },
  'GET /pro/formations/catalogue/:slug/sessions': { path: '/pro/formations/catalogue/inconnue/sessions', expect: trainingAuthors('hidden') },
  'POST /pro/formations/catalogue/:slug/sessions': { path: '/pro/formations/catalogue/inconnue/sessions', form: { capacity: '5' }, expect: trainingAuthors('hidden') },
  'GET /pro/formations/sessions/:id': { path: `/pro/formations/sessions/${NO_ID}`, expect: trainingAuthors('hidden') },
  'POST /pro/formations/sessions/:id/presences': { path: `/pro/formations/sessions/${NO_ID}/presences`, form: {}, expect: trainingAuthors('hidden') },
  'POST /pro/formations/sessions/:id/annulation': { path: `/pro/formations/sessions/${NO_ID}/annulation`, form: {}, expect: trainingAuthors('hidden') },
  'GET /pro/formations/comptes': { path: '/pro/formations/comptes', expect: trainingCounters },
  'GET /pro/formations/comptes.csv': { path: '/pro/formations/comptes.csv', expect: trainingCounters },
  // Training: distance learning (H2)
  'GET /formations/:slug/cours': { path: '/formations/inconnue/cours', expect: outcomes('hidden', { anonymous: 'login' }) },
  'GET /formations/:slug/cours/:position': { path: '/formations/inconnue/cours/1', expect: outcomes('hidden', { anonymous: 'login' }) },
  'POST /formations/:slug/cours/:position': { path: '/formations/inconnue/cours/1', form: {}, expect: outcomes('hidden', { anonymous: 'login' }) },
  'POST /formations/:slug/quiz': { path: '/formations/inconnue/quiz', form: {}, expect: outcomes('hidden', { anonymous: 'login' }) },
  'GET /formations/:slug/quiz/:attemptId': { path: `/formations/inconnue/quiz/${NO_ID}`, expect: outcomes('hidden', { anonymous: 'login' }) },
  'POST /formations/:slug/quiz/:attemptId': { path: `/formations/inconnue/quiz/${NO_ID}`, form: { category: 'autre' }, expect: outcomes('hidden', { anonymous: 'login' }) },
  'GET /pro/formations/:slug/contenu': { path: '/pro/formations/inconnue/contenu', expect: outcomes('forbidden', { anonymous: 'login', trainer: 'hidden', national_admin: 'hidden' }) },
  'POST /pro/formations/:slug/contenu/lecons': { path: '/pro/formations/inconnue/contenu/lecons', form: { title: 'Matrice', body: 'Texte' }, expect: outcomes('forbidden', { anonymous: 'login', trainer: 'hidden', national_admin: 'hidden' }) },
  'GET /pro/formations/:slug/contenu/lecons/:lessonId': { path: `/pro/formations/inconnue/contenu/lecons/${NO_ID}`, expect: outcomes('forbidden', { anonymous: 'login', trainer: 'hidden', national_admin: 'hidden' }) },
  'POST /pro/formations/:slug/contenu/lecons/:lessonId': { path: `/pro/formations/inconnue/contenu/lecons/${NO_ID}`, form: { title: 'Matrice', body: 'Texte' }, expect: outcomes('forbidden', { anonymous: 'login', trainer: 'hidden', national_admin: 'hidden' }) },
  'POST /pro/formations/:slug/contenu/lecons/:lessonId/suppression': { path: `/pro/formations/inconnue/contenu/lecons/${NO_ID}/suppression`, form: {}, expect: outcomes('forbidden', { anonymous: 'login', trainer: 'hidden', national_admin: 'hidden' }) },
  'POST /pro/formations/:slug/contenu/questions': { path: '/pro/formations/inconnue/contenu/questions', form: { text: 'Matrice ?', kind: 'single', choices: '* a\n- b' }, expect: outcomes('forbidden', { anonymous: 'login', trainer: 'hidden', national_admin: 'hidden' }) },
  'POST /pro/formations/:slug/contenu/questions/:questionId/suppression': { path: `/pro/formations/inconnue/contenu/questions/${NO_ID}/suppression`, form: {}, expect: outcomes('forbidden', { anonymous: 'login', trainer: 'hidden', national_admin: 'hidden' }) },
  'POST /pro/formations/:slug/contenu/seuil': { path: '/pro/formations/inconnue/contenu/seuil', form: { passMark: '70' }, expect: outcomes('forbidden', { anonymous: 'login', trainer: 'hidden', national_admin: 'hidden' }) },
  // Training: case exercises (H3)
  'GET /formations/exercices': { path: '/formations/exercices', expect: signedIn },
  'GET /formations/exercices/:slug': { path: '/formations/exercices/exercice-inconnu', expect: outcomes('hidden', { anonymous: 'login' }) },
  'POST /formations/exercices/:slug': { path: '/formations/exercices/exercice-inconnu', form: {}, expect: outcomes('hidden', { anonymous: 'login' }) },
  'GET /formations/exercices/parcours/:id': { path: `/formations/exercices/parcours/${NO_ID}`, expect: outcomes('hidden', { anonymous: 'login' }) },
  'POST /formations/exercices/parcours/:id': { path: `/formations/exercices/parcours/${NO_ID}`, form: { step: 'reperage', choice: NO_ID }, expect: outcomes('hidden', { anonymous: 'login' }) },
  'GET /formations/exercices/parcours/:id/bilan': { path: `/formations/exercices/parcours/${NO_ID}/bilan`, expect: outcomes('hidden', { anonymous: 'login' }) },
  'GET /pro/formations/exercices': { path: '/pro/formations/exercices', expect: outcomes('forbidden', { anonymous: 'login', trainer: 'ok', national_admin: 'ok' }) },
  'POST /pro/formations/exercices': { path: '/pro/formations/exercices', form: { title: '' }, expect: outcomes('forbidden', { anonymous: 'login', trainer: 'ok', national_admin: 'ok' }) },
  'GET /pro/formations/exercices/:id': { path: `/pro/formations/exercices/${NO_ID}`, expect: outcomes('forbidden', { anonymous: 'login', trainer: 'hidden', national_admin: 'hidden' }) },
  'POST /pro/formations/exercices/:id': { path: `/pro/formations/exercices/${NO_ID}`, form: { title: 'Matrice' }, expect: outcomes('forbidden', { anonymous: 'login', trainer: 'hidden', national_admin: 'hidden' }) },
  'POST /pro/formations/exercices/:id/publication': { path: `/pro/formations/exercices/${NO_ID}/publication`, form: {}, expect: outcomes('forbidden', { anonymous: 'login', trainer: 'hidden', national_admin: 'hidden' }) },
  'POST /pro/formations/exercices/:id/brouillon': { path: `/pro/formations/exercices/${NO_ID}/brouillon`, form: {}, expect: outcomes('forbidden', { anonymous: 'login', trainer: 'hidden', national_admin: 'hidden' }) },
  'POST /pro/formations/exercices/:id/etapes': { path: `/pro/formations/exercices/${NO_ID}/etapes`, form: { key: 'matrice', phase: 'alerte', title: 'Matrice', situation: 'Matrice' }, expect: outcomes('forbidden', { anonymous: 'login', trainer: 'hidden', national_admin: 'hidden' }) },
  'GET /pro/formations/exercices/:id/etapes/:key': { path: `/pro/formations/exercices/${NO_ID}/etapes/matrice`, expect: outcomes('forbidden', { anonymous: 'login', trainer: 'hidden', national_admin: 'hidden' }) },
  'POST /pro/formations/exercices/:id/etapes/:key': { path: `/pro/formations/exercices/${NO_ID}/etapes/matrice`, form: { phase: 'alerte', title: 'Matrice', situation: 'Matrice' }, expect: outcomes('forbidden', { anonymous: 'login', trainer: 'hidden', national_admin: 'hidden' }) },
  'POST /pro/formations/exercices/:id/etapes/:key/suppression': { path: `/pro/formations/exercices/${NO_ID}/etapes/matrice/suppression`, form: {}, expect: outcomes('forbidden', { anonymous: 'login', trainer: 'hidden', national_admin: 'hidden' }) },
  'POST /pro/formations/exercices/:id/etapes/:key/choix': { path: `/pro/formations/exercices/${NO_ID}/etapes/matrice/choix`, form: { label: 'Matrice', nextStep: 'matrice', duration: '1', unit: 'hours', quality: 'good' }, expect: outcomes('forbidden', { anonymous: 'login', trainer: 'hidden', national_admin: 'hidden' }) },
  'POST /pro/formations/exercices/:id/choix/:choiceId': { path: `/pro/formations/exercices/${NO_ID}/choix/${NO_ID}`, form: { label: 'Matrice', nextStep: 'matrice', duration: '1', unit: 'hours', quality: 'good' }, expect: outcomes('forbidden', { anonymous: 'login', trainer: 'hidden', national_admin: 'hidden' }) },
  'POST /pro/formations/exercices/:id/choix/:choiceId/suppression': { path: `/pro/formations/exercices/${NO_ID}/choix/${NO_ID}/suppression`, form: {}, expect: outcomes('forbidden', { anonymous: 'login', trainer: 'hidden', national_admin: 'hidden' }) },

  // Statistics: dashboards (S1)
  // Pages open to every account (a role with nothing to count reads a page saying so); a CSV only where the role has figures.
  'GET /pro/statistiques': { path: '/pro/statistiques', expect: signedIn },
  'GET /pro/statistiques/alertes': { path: '/pro/statistiques/alertes', expect: signedIn },
  'GET /pro/statistiques/alertes.csv': { path: '/pro/statistiques/alertes.csv?breakdown=month', expect: { ...coordinators, national_admin: 'ok', duty_desk: 'ok' } },
  'GET /pro/statistiques/delais': { path: '/pro/statistiques/delais', expect: signedIn },
  'GET /pro/statistiques/delais.csv': { path: '/pro/statistiques/delais.csv?breakdown=stage', expect: { ...coordinators, national_admin: 'ok', duty_desk: 'ok' } },
  'GET /pro/statistiques/placements': { path: '/pro/statistiques/placements', expect: signedIn },
  'GET /pro/statistiques/placements.csv': { path: '/pro/statistiques/placements.csv?breakdown=capacity', expect: { ...coordinators, national_admin: 'ok', duty_desk: 'ok', host_staff: 'ok', case_worker: 'ok' } },
  'GET /pro/statistiques/suivis': { path: '/pro/statistiques/suivis', expect: signedIn },
  'GET /pro/statistiques/suivis.csv': { path: '/pro/statistiques/suivis.csv?breakdown=outcome', expect: { ...coordinators, national_admin: 'ok', case_worker: 'ok' } },
  'GET /pro/statistiques/formations': { path: '/pro/statistiques/formations', expect: signedIn },
  'GET /pro/statistiques/formations.csv': { path: '/pro/statistiques/formations.csv?breakdown=category', expect: { ...coordinators, national_admin: 'ok', trainer: 'ok' } },
  // Statistics: public figures, open data, annual report (S2)
  // Public and anonymous: the figures of an ended year, its open data files and its report (a refused period is 400, 'ok').
  'GET /statistiques': { path: '/statistiques', expect: everyone },
  'GET /statistiques/methodologie': { path: '/statistiques/methodologie', expect: everyone },
  'GET /statistiques/donnees': { path: '/statistiques/donnees', expect: everyone },
  'GET /statistiques/donnees/:fichier': { path: '/statistiques/donnees/alertes-exploitation.csv', expect: everyone },
  'GET /statistiques/rapport/:fichier': { path: '/statistiques/rapport/2000.pdf', expect: everyone },
  // Statistics: research export (S3)
  // The page: coordinators and national administrators. Exporting needs an authorisation in force, which no persona holds (403).
  'GET /pro/statistiques/recherche': { path: '/pro/statistiques/recherche', expect: managers },
  'POST /pro/statistiques/recherche/export': { path: '/pro/statistiques/recherche/export', form: { du: '2026-01', au: '2026-02', format: 'csv' }, expect: outcomes('forbidden', { anonymous: 'login' }) },
  'POST /pro/statistiques/recherche/autorisations': { path: '/pro/statistiques/recherche/autorisations', form: { email: 'personne@exemple.test', purpose: 'Matrice', until: '2000-01-01' }, expect: admins },
  'POST /pro/statistiques/recherche/autorisations/:id/revocation': { path: `/pro/statistiques/recherche/autorisations/${NO_ID}/revocation`, form: {}, expect: outcomes('forbidden', { anonymous: 'login', national_admin: 'hidden' }) },
};
