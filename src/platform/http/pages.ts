import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { isLocale, translator } from '../i18n/index.js';
import type { Flash, NavigationItem, PageContext, Theme } from '../views/context.js';
import { type Page, renderDocument } from '../views/render.js';

export const LOCALE_COOKIE = 'relais_lang';
export const THEME_COOKIE = 'relais_theme';
const FLASH_COOKIE = 'relais_flash';

export interface PagesOptions {
  navigation: () => readonly NavigationItem[];
  secureCookies: boolean;
}

function isTheme(value: unknown): value is Theme {
  return value === 'light' || value === 'dark' || value === 'system';
}

/** Language, theme, one-shot flash messages and `reply.page()` that renders a DSFR page. */
async function pages(app: FastifyInstance, options: PagesOptions) {
  app.decorateRequest('locale', 'fr');
  app.decorateRequest('theme', 'system');
  app.decorateRequest('flash', null);
  app.decorateRequest('t', null as never);

  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const cookieLocale = request.cookies[LOCALE_COOKIE];
    request.locale = isLocale(cookieLocale) ? cookieLocale : 'fr';
    request.t = translator(request.locale);
    if (request.routeOptions.config.asset) return;
    const theme = request.cookies[THEME_COOKIE];
    request.theme = isTheme(theme) ? theme : 'system';
    const flash = request.cookies[FLASH_COOKIE];
    if (flash) {
      const unsigned = request.unsignCookie(flash);
      if (unsigned.valid && unsigned.value) {
        try {
          request.flash = JSON.parse(unsigned.value) as Flash;
        } catch {
          request.flash = null;
        }
      }
      reply.clearCookie(FLASH_COOKIE, { path: '/' });
    }
  });

  app.addHook('preHandler', async (request: FastifyRequest) => {
    // Once signed in, the account's language wins over an absent cookie.
    if (!request.cookies[LOCALE_COOKIE] && request.actor && request.actor.locale !== request.locale) {
      request.locale = request.actor.locale;
      request.t = translator(request.locale);
    }
  });

  app.decorateRequest('pageContext', function (this: FastifyRequest): PageContext {
    const request = this;
    return {
      t: this.t,
      locale: this.locale,
      actor: this.actor,
      get csrfToken() {
        return request.csrfToken;
      },
      path: this.url,
      theme: this.theme,
      flash: this.flash,
      navigation: options.navigation(),
    };
  });

  app.decorateReply('isPage', false);
  // After @fastify/cookie's own onSend has written Set-Cookie: pages can show personal or operational data
  // once signed in and are never cached by a proxy; public pages without a form (no cookie) may be, briefly.
  app.addHook('onSend', async (request, reply, payload) => {
    if (!reply.isPage) return payload;
    // A page that said it must not be stored (a subscriber's own page) stays so, whoever asks.
    if (String(reply.getHeader('cache-control') ?? '').includes('no-store')) return payload;
    if (request.actor || reply.hasHeader('set-cookie') || reply.statusCode !== 200) reply.header('cache-control', 'private, no-store');
    else reply.header('cache-control', 'public, max-age=60, stale-while-revalidate=300').header('vary', 'Cookie');
    return payload;
  });

  app.decorateReply('page', function (this: FastifyReply, page: Page, status = 200) {
    this.code(status);
    this.type('text/html; charset=utf-8');
    this.isPage = true;
    return this.send(renderDocument(page));
  });

  app.decorateReply(
    'flashNext',
    function (this: FastifyReply, kind: Flash['kind'], messageKey: string, params?: Record<string, string | number>) {
      const flash: Flash = { kind, message: this.request.t(messageKey, params) };
      this.setCookie(FLASH_COOKIE, JSON.stringify(flash), {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: options.secureCookies,
        signed: true,
        maxAge: 60,
      });
      return this;
    },
  );
}

declare module 'fastify' {
  interface FastifyReply {
    isPage: boolean;
  }
}

export const pagesPlugin = fp(pages, { name: 'relais-pages', dependencies: ['@fastify/cookie'] });
