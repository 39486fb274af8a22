import MarkdownIt from 'markdown-it';
import type { Block } from '../../platform/db/schema-newsletter.js';
import type { TrainingsBlockText } from './trainings-block.js';

/** Markdown as editors write it: no raw HTML (escaped), links made clickable. */
const markdown = new MarkdownIt({ html: false, linkify: true, typographer: false });

export function markdownToHtml(text: string): string {
  return markdown.render(text);
}

/** The placeholder replaced, in each message, by the subscriber's own link token. */
export const LINK_TOKEN = '{{lien}}';

export interface RenderedLetter {
  subject: string;
  /** Text and HTML with LINK_TOKEN where the subscriber's token goes. */
  text: string;
  html: string;
}

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * One language variant of an edition, rendered once for a whole send: the body's blocks, then the footer with the
 * archive, the subscriber's preferences and the unsubscribe link (RFC 8058's one-click link is in the headers).
 */
export function renderLetter(
  variant: { subject: string; blocks: readonly Block[]; language: string },
  texts: { footer: string; preferences: string; unsubscribe: string; archive: string; featured?: string },
  links: { preferences: string; unsubscribe: string; archive: string },
  featured: ReadonlyArray<{ title: string; url: string }> = [],
  plan: { heading: string; line: string; url: string } | null = null,
  trainings: TrainingsBlockText | null = null,
): RenderedLetter {
  const textParts: string[] = [];
  const htmlParts: string[] = [];
  for (const block of variant.blocks) {
    if (block.kind === 'text') {
      textParts.push(block.markdown.trim());
      htmlParts.push(markdownToHtml(block.markdown));
    }
  }
  if (featured.length > 0) {
    // Resources of the library featured in this edition (their titles are in French, as the library is).
    textParts.push(`${texts.featured ?? ''}\n${featured.map((r) => `- ${r.title} : ${r.url}`).join('\n')}`);
    htmlParts.push(
      `<h2>${escapeHtml(texts.featured ?? '')}</h2><ul>${featured.map((r) => `<li lang="fr"><a href="${escapeHtml(r.url)}">${escapeHtml(r.title)}</a></li>`).join('')}</ul>`,
    );
  }
  if (plan) {
    // The plan's progress, as it stands when the letter is rendered (at sending).
    textParts.push(`${plan.heading}\n${plan.line}\n${plan.url}`);
    htmlParts.push(
      `<h2>${escapeHtml(plan.heading)}</h2><p>${escapeHtml(plan.line)}</p><p><a href="${escapeHtml(plan.url)}">${escapeHtml(plan.url)}</a></p>`,
    );
  }
  if (trainings) {
    // Sessions to come as of the sending (course titles are in French, as the catalogue is).
    const lines = trainings.items.length > 0 ? trainings.items.map((i) => `- ${i.line} : ${i.url}`) : [trainings.empty];
    textParts.push(`${trainings.heading}\n${lines.join('\n')}\n${trainings.url}`);
    const items =
      trainings.items.length > 0
        ? `<ul>${trainings.items.map((i) => `<li><a href="${escapeHtml(i.url)}">${escapeHtml(i.line)}</a></li>`).join('')}</ul>`
        : `<p>${escapeHtml(trainings.empty)}</p>`;
    htmlParts.push(
      `<h2>${escapeHtml(trainings.heading)}</h2>${items}<p><a href="${escapeHtml(trainings.url)}">${escapeHtml(trainings.url)}</a></p>`,
    );
  }
  const rtl = variant.language === 'ar';
  textParts.push(
    `—\n${texts.footer}\n${texts.archive} : ${links.archive}\n${texts.preferences} : ${links.preferences}\n${texts.unsubscribe} : ${links.unsubscribe}`,
  );
  const html = `<!doctype html><html lang="${escapeHtml(variant.language)}"${rtl ? ' dir="rtl"' : ''}><head><meta charset="utf-8"><title>${escapeHtml(variant.subject)}</title></head><body>${htmlParts.join('\n')}<hr><p>${escapeHtml(texts.footer)}</p><p><a href="${escapeHtml(links.archive)}">${escapeHtml(texts.archive)}</a> · <a href="${escapeHtml(links.preferences)}">${escapeHtml(texts.preferences)}</a> · <a href="${escapeHtml(links.unsubscribe)}">${escapeHtml(texts.unsubscribe)}</a></p></body></html>`;
  return { subject: variant.subject, text: textParts.join('\n\n'), html };
}
