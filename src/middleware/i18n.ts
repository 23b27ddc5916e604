// Picks zh-CN or English: the user's choice (cookie), else zh-CN, the product's language.
import type { MiddlewareHandler } from 'hono';
import { parse } from 'hono/utils/cookie';
import type { AppEnv } from '../app-env';
import { translator, type Locale } from '../i18n/messages';

export const LANG_COOKIE = 'anlin_lang';

/** The locale a request's Cookie header asks for (also read by the scan fast path, in front of the app). */
export const localeOf = (cookieHeader: string | null | undefined): Locale =>
  cookieHeader && parse(cookieHeader, LANG_COOKIE)[LANG_COOKIE] === 'en' ? 'en' : 'zh-CN';

export const i18nMiddleware: MiddlewareHandler<AppEnv> = async (c, next) => {
  const locale = localeOf(c.req.header('cookie'));
  c.set('locale', locale);
  c.set('t', translator(locale));
  await next();
};
