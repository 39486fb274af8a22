/**
 * The research export's mapping to the IOM Human Trafficking Case Data Standard (HTCDS, CC BY 4.0; no IOM
 * endorsement implied). Every field the standard marks "Core" (HTCDS Field Reference, column Core) is listed with
 * what Relais does with it: exported as is, exported generalised (de-identified), withheld although Relais holds
 * something close (identity, free text, precise places), or not collected by Relais at all, with the reason.
 * Column names are the HTCDS field names with their table prefix (prs_, vic_, per_, hte_, cas_), as in the
 * standard's XLSForm. The page /pro/statistiques/recherche shows this table; texts live under
 * statistics.research.mapping.* in the catalogs.
 */

export type MappingStatus = 'exported' | 'generalised' | 'withheld' | 'notCollected';

/** Why a field is not in the file: the reason's text is statistics.research.reasons.<reason>. */
export type WithheldReason =
  | 'directIdentifier'
  | 'address'
  | 'preciseLocation'
  | 'freeText'
  | 'professionalIdentity'
  | 'perpetrator'
  | 'notRecorded';

export interface HtcdsField {
  /** HTCDS field name with its table prefix. */
  readonly field: string;
  readonly section: 'person' | 'victim' | 'perpetrator' | 'event' | 'case' | 'relais';
  /** Marked "Core" by the standard. */
  readonly core: boolean;
  readonly status: MappingStatus;
  /** The export's column, when it differs from the field (a generalised value under its own name). */
  readonly column?: string;
  /** Where Relais holds it (tables and columns), for the page and for review. */
  readonly source?: string;
  /** The source holds field-cipher values only (never read by the export). */
  readonly encrypted?: boolean;
  /** Exported or generalised: the transformation, statistics.research.mapping.<field>. */
  readonly reason?: WithheldReason;
}

const person = (field: string, status: MappingStatus, extra: Partial<HtcdsField> = {}): HtcdsField => ({
  field: `prs_${field}`,
  section: 'person',
  core: true,
  status,
  ...extra,
});
const victim = (field: string, status: MappingStatus, extra: Partial<HtcdsField> = {}): HtcdsField => ({
  field: `vic_${field}`,
  section: 'victim',
  core: true,
  status,
  ...extra,
});
const event = (field: string, status: MappingStatus, extra: Partial<HtcdsField> = {}): HtcdsField => ({
  field: `hte_${field}`,
  section: 'event',
  core: true,
  status,
  ...extra,
});
const kase = (field: string, status: MappingStatus, extra: Partial<HtcdsField> = {}): HtcdsField => ({
  field: `cas_${field}`,
  section: 'case',
  core: true,
  status,
  ...extra,
});
const withheld = (reason: WithheldReason, source?: string, encrypted = false) => ({
  reason,
  ...(source ? { source } : {}),
  ...(encrypted ? { encrypted } : {}),
});
const notRecorded = { reason: 'notRecorded' as const };

export const HTCDS_MAPPING: readonly HtcdsField[] = [
  // Person: the file's pseudonymous profile only; the identity columns are never read here.
  person('FirstName', 'withheld', withheld('directIdentifier', 'cases.identity_names', true)),
  person('SecondName', 'withheld', withheld('directIdentifier', 'cases.identity_names', true)),
  person('Birthdate', 'generalised', { column: 'prs_AgeBand', source: 'cases.age, cases.minor' }),
  person('Gender', 'exported', { source: 'cases.gender' }),
  person('Deceased', 'notCollected', notRecorded),
  person('Nationality', 'generalised', { source: 'cases.nationality' }),
  person('Title', 'notCollected', notRecorded),
  person('Email', 'withheld', withheld('directIdentifier', 'cases.identity_contact', true)),
  person('HomePhone', 'withheld', withheld('directIdentifier', 'cases.identity_contact', true)),
  person('MobilePhone', 'withheld', withheld('directIdentifier', 'cases.identity_contact', true)),
  person('MailingCity', 'withheld', withheld('address')),
  person('MailingCountry', 'withheld', withheld('address')),
  person('MailingState', 'withheld', withheld('address')),
  person('MailingStreet', 'withheld', withheld('address')),
  person('MailingPostalCode', 'withheld', withheld('address')),
  person('MailingLongitude', 'withheld', withheld('address')),
  person('MailingLatitude', 'withheld', withheld('address')),
  // Victim context
  victim('RecruitmentWebsitesAndApps', 'notCollected', notRecorded),
  victim('MethodOfRecruitment', 'notCollected', notRecorded),
  victim('LocationOfRecruitment', 'notCollected', notRecorded),
  victim('MethodsOfControl', 'exported', { source: 'alerts.indicators (alertes liées : case_links)' }),
  victim('TypeOfLabourExploitation', 'exported', { source: 'cases.exploitation[].form' }),
  victim('LabourIndustry', 'exported', { source: 'cases.exploitation[].form' }),
  victim('TypeOfSexExploitation', 'notCollected', notRecorded),
  victim('LocationOfExploitation', 'generalised', { source: 'cases.exploitation[].country, .departement' }),
  victim('ExploitationWebsitesAndApps', 'notCollected', notRecorded),
  victim('Vulnerabilities', 'notCollected', notRecorded),
  victim('DetailsOfVulnerabilities', 'withheld', withheld('freeText')),
  // Perpetrators: Relais keeps nothing about them (police and justice files do).
  {
    field: 'per_RoleInProcess',
    section: 'perpetrator',
    core: true,
    status: 'notCollected',
    reason: 'perpetrator',
  },
  {
    field: 'per_RoleDetails',
    section: 'perpetrator',
    core: true,
    status: 'notCollected',
    reason: 'perpetrator',
  },
  {
    field: 'per_Organisation',
    section: 'perpetrator',
    core: true,
    status: 'notCollected',
    reason: 'perpetrator',
  },
  // Historic trafficking events: the file's periods of exploitation.
  event('Type', 'exported', { source: 'cases.exploitation[]' }),
  event('Country', 'exported', { source: 'cases.exploitation[].country' }),
  event('State', 'generalised', { source: 'cases.exploitation[].departement → departements.region_code' }),
  event('Date', 'generalised', { source: 'cases.exploitation[].from' }),
  event('City', 'withheld', withheld('preciseLocation')),
  event('Street', 'withheld', withheld('preciseLocation')),
  event('PostalCode', 'withheld', withheld('preciseLocation')),
  event('Longitude', 'withheld', withheld('preciseLocation')),
  event('Latitude', 'withheld', withheld('preciseLocation')),
  event('Description', 'withheld', withheld('freeText')),
  // Case
  kase('Status', 'exported', { source: 'cases.status, cases.outcome' }),
  kase('ReferringOrganisation', 'generalised', {
    source: 'alerts.reporter_organisation_id → organisations.type',
  }),
  kase('IncomingReferralDate', 'generalised', { source: 'cases.opened_at' }),
  kase('ReferringPrimaryCaseWorker', 'withheld', withheld('professionalIdentity', 'alerts.reporter_user_id')),
  kase('ReasonForIncomingReferral', 'notCollected', notRecorded),
  kase('IncomingReferralDetails', 'withheld', withheld('freeText', 'alerts.description', true)),
  kase('ReferredOrganisation', 'generalised', {
    source: 'case_referrals.to_organisation_id → organisations.type',
  }),
  kase(
    'ReferredPrimaryCaseWorker',
    'withheld',
    withheld('professionalIdentity', 'case_referrals.decided_by'),
  ),
  kase('ReasonForOutgoingReferral', 'notCollected', notRecorded),
  kase('OutgoingReferralDate', 'generalised', { source: 'case_referrals.decided_at' }),
  kase('OutgoingReferralDetails', 'withheld', withheld('freeText', 'case_referrals.reason')),
  kase('ReasonForCaseClosure', 'exported', { source: 'cases.outcome' }),
  // Not marked Core, but defined by the standard (Field Definitions, XLSForm) and held by Relais.
  { field: 'vic_TraffickingStatus', section: 'victim', core: false, status: 'exported', source: 'cases' },
  {
    field: 'vic_TypeOfExploitation',
    section: 'victim',
    core: false,
    status: 'exported',
    source: 'cases.exploitation[].form',
  },
  // Relais' own columns (rel_), after the HTCDS ones; cas_Id is the per-export pseudonym.
  { field: 'cas_Id', section: 'case', core: false, status: 'generalised', source: '—' },
  { field: 'rel_Minor', section: 'relais', core: false, status: 'exported', source: 'cases.minor' },
  {
    field: 'rel_Runaway',
    section: 'relais',
    core: false,
    status: 'exported',
    source: "case_events (kind 'runaway')",
  },
  {
    field: 'rel_ComplaintFiled',
    section: 'relais',
    core: false,
    status: 'exported',
    source: "case_events (kind 'complaint')",
  },
  {
    field: 'rel_TrialHeld',
    section: 'relais',
    core: false,
    status: 'exported',
    source: "case_events (kind 'trial', 'judgment')",
  },
  {
    field: 'rel_ResidencePermit',
    section: 'relais',
    core: false,
    status: 'exported',
    source: "case_events (kind 'residence_permit')",
  },
];

/** The file's columns, in order: every exported or generalised field, under its column name. */
export const EXPORT_COLUMNS: readonly string[] = [
  'cas_Id',
  ...HTCDS_MAPPING.filter(
    (f) => (f.status === 'exported' || f.status === 'generalised') && f.field !== 'cas_Id',
  ).map((f) => f.column ?? f.field),
];

/** HTCDS vocabularies (value names) the export writes, with the Relais codes each comes from. */

/** vic_TypeOfExploitation (XLSForm picklist), from the form of exploitation of each period. */
export const TYPE_OF_EXPLOITATION: Readonly<Record<string, string>> = {
  sexuelle: 'SexualExploitation',
  travail_force: 'ForcedLabour',
  servitude_domestique: 'Servitude',
  // Forced criminality is forced labour in illicit activities in HTCDS (see TYPE_OF_LABOUR_EXPLOITATION).
  delits: 'ForcedLabour',
  mendicite: 'ForcedBegging',
  mariage_force: 'ForcedMarriage',
  organes: 'OrganRemoval',
};

/** vic_TypeOfLabourExploitation; forced labour without a sector recorded is "Other". */
export const TYPE_OF_LABOUR_EXPLOITATION: Readonly<Record<string, string>> = {
  travail_force: 'Other',
  servitude_domestique: 'DomesticWork',
  delits: 'IllicitActivities',
  mendicite: 'Begging',
};

/** vic_LabourIndustry (ISIC v4 sections): only domestic servitude names its sector. */
export const LABOUR_INDUSTRY: Readonly<Record<string, string>> = {
  servitude_domestique: 'T_ActivitiesOfHouseholdsAsEmployers',
};

/** The whole ISIC section list of vic_LabourIndustry, for the page and the coverage test. */
export const LABOUR_INDUSTRY_VALUES = [
  'A_AgricultureForestryAndFishing',
  'B_MiningAndQuarrying',
  'C_Manufacturing',
  'D_ElectricityGasSteamAndAirConditioningSupply',
  'E_WaterSupplySewerageWasteManagement',
  'F_Construction',
  'G_WholesaleAndRetailTradeRepairOfMotorVehicles',
  'H_TransportationAndStorage',
  'I_AccommodationAndFoodServiceActivities',
  'J_InformationAndCommunication',
  'K_FinancialAndInsuranceActivities',
  'L_RealEstateActivities',
  'M_ProfessionalScientificAndTechnicalActivities',
  'N_AdministrativeAndSupportServiceActivities',
  'O_PublicAdministrationAndDefence',
  'P_Education',
  'Q_HumanHealthAndSocialWorkActivities',
  'R_ArtsEntertainmentAndRecreation',
  'S_OtherServiceActivities',
  'T_ActivitiesOfHouseholdsAsEmployers',
  'U_ActivitiesOfExtraterritorialOrganizations',
] as const;

/**
 * vic_MethodsOfControl: every value of the standard, with the alert indicators (observed when the alert was
 * raised, not established facts) that stand for it. An empty list: Relais records nothing for that value.
 */
export const METHODS_OF_CONTROL: Readonly<Record<string, readonly string[]>> = {
  DebtBondage: ['dette'],
  TakesEarnings: ['salaire_retenu'],
  RestrictsFinancialAccess: [],
  Threats: ['peur_violences'],
  PsychologicalAbuse: [],
  PhysicalAbuse: [],
  SexualAbuse: [],
  FalsePromises: [],
  PsychoactiveSubstances: [],
  RestrictsMovement: ['sorties_interdites', 'accompagnateur_controle'],
  RestrictsMedicalCare: ['soins_accompagnes'],
  ExcessiveWorkingHours: ['horaires_excessifs'],
  UsesChildren: [],
  ThreatOfLawEnforcement: [],
  WithholdsNecessities: [],
  WithholdsDocuments: ['documents_tiers'],
  Other: ['tiers_repond', 'delits_surveilles', 'mendicite_encadree'],
};

/** vic_TraffickingStatus: a case file in Relais follows a presumed victim; no formal status decision is recorded. */
export const TRAFFICKING_STATUS_VALUES = [
  'PossibleVictimOfTrafficking',
  'ActualVictimOfTrafficking',
  'NotAVictimOfTrafficking',
] as const;
export const TRAFFICKING_STATUS = 'PossibleVictimOfTrafficking';

/** prs_Gender (HTCDS Field Reference picklist). */
export const GENDER: Readonly<Record<string, string>> = {
  female: 'Female',
  male: 'Male',
  other: 'Transgender/NonConforming',
  unknown: 'Unknown',
};

/** cas_ReferringOrganisation, cas_ReferredOrganisation: the organisation's HTCDS type (org_Type), never its name. */
export const ORGANISATION_TYPE: Readonly<Record<string, string>> = {
  association: 'NGO',
  structure_accueil: 'NGO',
  parquet: 'LawEnforcement',
  police: 'LawEnforcement',
  gendarmerie: 'LawEnforcement',
  paf: 'LawEnforcement',
  inspection_travail: 'CentralGovernmentOrganisation',
  pjj: 'CentralGovernmentOrganisation',
  ministere: 'CentralGovernmentOrganisation',
  coordination: 'CentralGovernmentOrganisation',
  consulat: 'CentralGovernmentOrganisation',
  ase: 'LocalGovernmentOrganisation',
  collectivite: 'LocalGovernmentOrganisation',
  ofii: 'ImmigrationService',
  ofpra: 'ImmigrationService',
  transport_aerien: 'CorporateBusiness',
};
