/**
 * Scopes an API token can carry. A route names the scope it needs (`config.scope`); a token without it gets 403
 * even when its owner's role would allow the action. Modules append their scopes here.
 */
export const API_SCOPES = {
  'me:read': 'Lire son propre compte (GET /api/v1/me)',
  'metrics:read': 'Lire les métriques Prometheus (/metrics)',
  'alerts:read': 'Lire les alertes visibles par le compte et suivre leur flux (SSE)',
  'alerts:write': 'Émettre des alertes et agir sur celles de ses permanences',
  'placements:read': 'Chercher une place, lire les placements, offres, capacités et délais d’OPP visibles par le compte',
  'placements:write': 'Réserver une place, répondre à une demande, déclarer ses offres, enregistrer saisines et OPP',
  'cases:read': 'Lire les dossiers de suivi de son organisation (chaque lecture est journalisée)',
  'cases:write': 'Ouvrir un dossier de suivi, tenir son journal, orienter ou transférer',
  'directory:write': 'Importer des fiches dans l’annuaire (CSV ou data·inclusion)',
  'newsletter:bounces': 'Signaler les rebonds définitifs de la lettre d’information (service d’envoi)',
} as const;

export type ApiScope = keyof typeof API_SCOPES;

export function isApiScope(value: string): value is ApiScope {
  return Object.hasOwn(API_SCOPES, value);
}
