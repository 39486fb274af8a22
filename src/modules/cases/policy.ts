import { type Actor, covers, hasRole, type Role } from '../../platform/auth/roles.js';
import { type EventCategory, PARTS, type Part } from './reference.js';

/** Who works on case files: case workers (a second factor is required for the role). */
export const CASE_ROLES: readonly Role[] = ['case_worker'];
/** Who may list files (pseudonymously) and open one by break-glass: coordinators. */
export const CASE_READERS: readonly Role[] = ['case_worker', 'coordinator'];

/** The journal's categories a part opens (closure goes with the profile). */
export const PART_OF: Record<EventCategory, Part> = {
  support: 'support',
  proceedings: 'proceedings',
  residence: 'residence',
  minor: 'minor',
  runaway: 'runaway',
  closure: 'profile',
};

export interface FileFacts {
  leadOrganisationId: string;
  leadDepartement: string | null;
  /** Organisations on the file with what they may see. */
  organisations: ReadonlyArray<{
    organisationId: string;
    role: 'lead' | 'partner';
    parts: readonly string[];
  }>;
  /** Organisations whose active consent covers identity. */
  identityConsents: ReadonlySet<string>;
  breakGlass: boolean;
}

export interface FileAccess {
  /** 'lead' or 'partner' for a case worker of an organisation on the file; 'break_glass' for a coordinator. */
  as: 'lead' | 'partner' | 'break_glass' | null;
  parts: ReadonlySet<Part>;
  identity: boolean;
  canEdit: boolean;
}

const NONE: FileAccess = { as: null, parts: new Set(), identity: false, canEdit: false };

/**
 * Need-to-know: case workers of the lead and partner organisations see the file (partners, the parts given to
 * them); identity needs the person's consent to cover the organisation; coordinators only by break-glass.
 */
export function fileAccess(actor: Actor, file: FileFacts): FileAccess {
  if (hasRole(actor, ...CASE_ROLES) && actor.mfaVerified) {
    const mine = file.organisations.find((o) => o.organisationId === actor.organisation.id);
    if (mine) {
      const parts = new Set<Part>(
        mine.role === 'lead'
          ? PARTS
          : (mine.parts.filter((p) => (PARTS as readonly string[]).includes(p)) as Part[]),
      );
      return {
        as: mine.role,
        parts,
        identity: file.identityConsents.has(actor.organisation.id),
        canEdit: mine.role === 'lead',
      };
    }
  }
  if (file.breakGlass && hasRole(actor, 'coordinator')) {
    return {
      as: 'break_glass',
      parts: new Set(PARTS),
      identity: file.identityConsents.has(actor.organisation.id),
      canEdit: false,
    };
  }
  return NONE;
}

export const casePolicy = {
  /** A coordinator may break the glass on files led from its territory. */
  mayBreakGlass(actor: Actor, file: Pick<FileFacts, 'leadDepartement' | 'leadOrganisationId'>): boolean {
    return (
      hasRole(actor, 'coordinator') &&
      covers(actor, ['coordinator'], {
        departement: file.leadDepartement,
        organisationId: file.leadOrganisationId,
      })
    );
  },
  /** Journal entries a partner may add: those of the parts it sees. */
  mayRecord(access: FileAccess, category: EventCategory): boolean {
    if (access.as === 'lead') return true;
    if (access.as !== 'partner') return false;
    return category !== 'closure' && access.parts.has(PART_OF[category]);
  },
};
