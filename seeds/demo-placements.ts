import type { Core } from '../src/core.js';
import type { Actor } from '../src/platform/auth/roles.js';
import { DAY } from '../src/platform/time/clock.js';

const SEED_AUDIT = { actorUserId: null, actorOrganisationId: null, requestId: 'seed:demo' } as const;

/**
 * Where the source document says nothing of a structure's location, the demo places it in a chef-lieu far from
 * Paris and says so in the offer's notes: these are not the real (unpublished) locations. No address, no contact.
 */
const DEMO_LOCATION = 'Commune de démonstration : la localisation réelle n’est pas publiée.';

interface DemoOffer {
  organisation: string;
  name: string;
  public: 'mineures' | 'mineurs' | 'femmes' | 'hommes' | 'familles';
  capacity: number;
  specialisation: 'teh' | 'non_specialised' | 'foster_families';
  fosterFamilyCount?: number;
  languages?: string[];
  minAge?: number;
  maxAge?: number;
  accompaniedChildren?: boolean;
  commune: string;
  notes: string;
  secretAddress?: string;
  paused?: boolean;
  /** Capacity last confirmed this many days ago (stale after 7). */
  confirmedDaysAgo?: number;
}

/** The 12 volunteer structures of the Paris minors' pilot: numbered, no invented names; chefs-lieux far from Paris. */
const PILOT_COMMUNES = [
  '37261',
  '86194',
  '87085',
  '45234',
  '72181',
  '49007',
  '21231',
  '63113',
  '18033',
  '35238',
  '44109',
  '14118',
];
const pilotStructure = (n: number) => `Structure volontaire n° ${n} — dispositif mineurs de Paris`;
const acseCentre = (n: number) => `Centre partenaire Ac.Sé n° ${n} (démonstration)`;

const OFFERS: DemoOffer[] = [
  ...PILOT_COMMUNES.map(
    (commune, i): DemoOffer => ({
      organisation: pilotStructure(i + 1),
      name: 'Accueil de mineures — dispositif mineurs de Paris',
      public: 'mineures',
      capacity: 1 + (i % 3),
      specialisation: i % 4 === 3 ? 'foster_families' : 'non_specialised',
      ...(i % 4 === 3 ? { fosterFamilyCount: 2 } : {}),
      languages: i % 2 === 0 ? ['en'] : ['en', 'fr'],
      minAge: 13,
      maxAge: 17,
      commune,
      notes: `Circuit court : saisine directe par le parquet des mineurs de Paris, OPP sous 48 h, accueil loin du lieu d’exploitation. ${DEMO_LOCATION}`,
      ...(i === 4 || i === 9 ? { confirmedDaysAgo: 9 } : {}),
    }),
  ),
  {
    organisation: 'AFJ',
    name: 'Appartement en autonomie (expérimentation avec le parquet de Paris)',
    public: 'femmes',
    capacity: 4,
    specialisation: 'teh',
    languages: ['en'],
    commune: '75056',
    notes:
      'Mis à disposition par la mairie de Paris depuis mars 2017 : accompagnement renforcé jusqu’au procès, insertion et autonomie.',
    secretAddress: 'Adresse non publiée (démonstration)',
  },
  {
    organisation: 'ECPAT France',
    name: 'Projet Koutcha — centre pour mineurs (avec Trajectoires)',
    public: 'mineurs',
    capacity: 8,
    specialisation: 'teh',
    commune: '75056',
    notes: `Au stade de projet, sans financement : démarrage prévu sur 8 à 10 places, objectif 15, pour 6 mois à un an de prise en charge puis orientation. En pause tant qu’il n’est pas financé. ${DEMO_LOCATION}`,
    paused: true,
  },
  {
    organisation: acseCentre(1),
    name: 'Hébergement de femmes victimes (réseau Ac.Sé)',
    public: 'femmes',
    capacity: 3,
    specialisation: 'teh',
    languages: ['en', 'ro'],
    commune: '69123',
    notes: DEMO_LOCATION,
  },
  {
    organisation: acseCentre(2),
    name: 'Hébergement d’hommes victimes (réseau Ac.Sé)',
    public: 'hommes',
    capacity: 2,
    specialisation: 'non_specialised',
    languages: ['ar'],
    commune: '13055',
    notes: DEMO_LOCATION,
    confirmedDaysAgo: 12,
  },
  {
    organisation: acseCentre(3),
    name: 'Hébergement de femmes victimes (réseau Ac.Sé)',
    public: 'femmes',
    capacity: 2,
    specialisation: 'non_specialised',
    languages: ['es', 'pt'],
    commune: '31555',
    notes: DEMO_LOCATION,
  },
  {
    organisation: acseCentre(4),
    name: 'Accueil de femmes avec enfants (réseau Ac.Sé)',
    public: 'familles',
    capacity: 2,
    specialisation: 'teh',
    accompaniedChildren: true,
    commune: '59350',
    notes: DEMO_LOCATION,
  },
];

async function actorFor(core: Core, email: string): Promise<Actor | null> {
  const user = await core.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst();
  if (!user) return null;
  return core.sessions.loadActor(user.id, 'token', { mfaVerified: true, sessionId: null, tokenScopes: null });
}

/**
 * Host offers from the source document (issue 4): the 12 volunteer structures of the Paris minors' pilot, the AFJ
 * autonomy flat (4 places, three women living there, one gone to autonomy), the unfunded Koutcha project, and a
 * few Ac.Sé-style partner shelters elsewhere. Everything goes through the services, like a person would.
 */
export async function seedDemoPlacements(core: Core): Promise<void> {
  const { organisations, placements } = core.services;
  const coordinator = await actorFor(core, 'coordination@demo.relais.test');
  if (!coordinator) return;
  const ids = new Map<string, string>();
  for (const offer of OFFERS) {
    if (!(await organisations.findByName(offer.organisation))) {
      await organisations.create(
        null,
        SEED_AUDIT,
        {
          name: offer.organisation,
          type: 'structure_accueil',
          description: 'Structure d’accueil de démonstration.',
        },
        { demo: true },
      );
    }
    const organisation = (await organisations.findByName(offer.organisation))!;
    const id = await placements.offers.create(coordinator, SEED_AUDIT, {
      organisationId: organisation.id,
      name: offer.name,
      public: offer.public,
      capacity: offer.capacity,
      specialisation: offer.specialisation,
      fosterFamilyCount: offer.fosterFamilyCount,
      languages: offer.languages,
      minAge: offer.minAge,
      maxAge: offer.maxAge,
      accompaniedChildren: offer.accompaniedChildren,
      secretAddress: !!offer.secretAddress,
      address: offer.secretAddress,
      commune: offer.commune,
      notes: offer.notes,
    });
    if (offer.paused) await placements.offers.setStatus(coordinator, SEED_AUDIT, id, 'paused');
    if (offer.confirmedDaysAgo) {
      await core.db
        .updateTable('host_offers')
        .set({ capacity_confirmed_at: new Date(core.clock.now().getTime() - offer.confirmedDaysAgo * DAY) })
        .where('id', '=', id)
        .execute();
    }
    ids.set(offer.organisation, id);
  }
  // The AFJ flat since March 2017: four women, one has found her autonomy, three live there.
  const flat = ids.get('AFJ')!;
  for (let i = 0; i < 4; i++) {
    const held = await placements.reservations.reserve(coordinator, SEED_AUDIT, {
      offerId: flat,
      public: 'femmes',
      place: { commune: '75056' },
      urgency: 'planned',
    });
    await placements.reservations.accept(coordinator, SEED_AUDIT, held.id);
    await placements.reservations.start(coordinator, SEED_AUDIT, held.id);
    if (i === 0) await placements.reservations.end(coordinator, SEED_AUDIT, held.id, { reason: 'autonomy' });
  }
}
