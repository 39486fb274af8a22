import type { Actor } from '../../platform/auth/roles.js';

/** An entry on a space's landing page; modules contribute theirs, like navigation items. */
export interface SpaceTile {
  readonly space: 'pro' | 'pilotage';
  readonly href: string;
  readonly titleKey: string;
  readonly descriptionKey: string;
  readonly visible: (actor: Actor) => boolean;
}
