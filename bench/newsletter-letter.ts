import { renderLetter } from '../src/modules/newsletter/render.js';

/** The edition both senders send: ~2 KiB of text, as a half-year letter to social workers might be. */
export const LETTER_MARKDOWN = [
  'Bonjour,',
  'Voici la lettre du semestre : les **nouveaux outils** de la bibliothèque, les textes parus, les formations à venir et l’avancement du plan national.',
  '- La fiche réflexe « mineurs victimes » mise à jour ;',
  '- le guide d’audition des mineurs exploités ;',
  '- le dépliant « Vous êtes peut-être victime de traite » en onze langues.',
  'Les formations du semestre : sessions à Paris, Lyon, Marseille et à distance, ouvertes aux travailleurs sociaux, aux forces de l’ordre et aux magistrats.',
  'Bonne lecture, et merci pour votre engagement.',
].join('\n\n');

export function sampleLetter() {
  return renderLetter(
    {
      subject: 'Relais — lettre du semestre (banc d’essai)',
      blocks: [{ kind: 'text', markdown: LETTER_MARKDOWN }],
      language: 'fr',
    },
    {
      footer: 'Vous recevez cette lettre parce que vous vous êtes abonné·e sur Relais.',
      archive: 'Lire en ligne',
      preferences: 'Mes préférences',
      unsubscribe: 'Me désabonner',
    },
    {
      archive: 'https://relais.test/lettre/archives/x',
      preferences: 'https://relais.test/lettre/preferences/{{lien}}',
      unsubscribe: 'https://relais.test/lettre/desabonnement/{{lien}}',
    },
  );
}
