// Picks zh-CN or English: the user's choice (cookie), else zh-CN, the product's language.
import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { AppEnv } from '../app-env';
import { translator, type Locale } from '../i18n/messages';

export const LANG_COOKIE = 'anlin_lang';

export const i18nMiddleware: MiddlewareHandler<AppEnv> = async (c, next) => {
  const locale: Locale = getCookie(c, LANG_COOKIE) === 'en' ? 'en' : 'zh-CN';
  c.set('locale', locale);
  c.set('t', translator(locale));
  await next();
};
