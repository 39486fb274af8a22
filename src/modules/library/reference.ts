/** The library's fixed lists and the checks of an uploaded file. */

export const RESOURCE_KINDS = [
  'fiche_reflexe',
  'guide',
  'kit_formation',
  'depliant',
  'affiche',
  'rapport',
  'modele',
] as const;
export const AUDIENCES = [
  'police_gendarmerie',
  'magistrats',
  'travailleurs_sociaux',
  'personnel_aerien',
  'consulats',
  'grand_public',
  'victimes',
] as const;

/** Largest attachment accepted (a printable leaflet or guide, not a video). */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

export type AttachmentType = 'application/pdf' | 'image/png' | 'image/jpeg';

const BY_EXTENSION: Record<string, AttachmentType> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
};

/** What the bytes are, by their signature (never by the name or the browser's claim). */
export function sniff(content: Buffer): AttachmentType | null {
  if (content.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  if (content.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return 'image/png';
  if (content[0] === 0xff && content[1] === 0xd8 && content[2] === 0xff) return 'image/jpeg';
  return null;
}

/**
 * The type of an upload when its name and its bytes agree; otherwise the i18n key of the problem: an unknown
 * extension, bytes that are none of the accepted types, or bytes of another type than the name says.
 */
export function checkAttachment(
  filename: string,
  content: Buffer,
): { type: AttachmentType } | { error: string } {
  const extension = filename.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1] ?? '';
  const claimed = BY_EXTENSION[extension];
  if (!claimed) return { error: 'library.errors.extension' };
  if (content.length === 0) return { error: 'library.errors.empty' };
  if (content.length > MAX_ATTACHMENT_BYTES) return { error: 'library.errors.tooLarge' };
  const actual = sniff(content);
  if (!actual) return { error: 'library.errors.unknownContent' };
  if (actual !== claimed) return { error: 'library.errors.mismatch' };
  return { type: actual };
}
