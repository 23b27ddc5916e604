// Previous/next links for a paginated list; plain links, so paging works without JavaScript.
import type { Translate } from '../../src/i18n/messages';

export function Pager(props: { t: Translate; page: number; pages: number; total: number; href: (page: number) => string }) {
  const { t, page, pages } = props;
  return (
    <nav class="pager" aria-label="pages">
      {page > 1 ? <a class="btn small" href={props.href(page - 1)} rel="prev">{t('common.prev')}</a> : <span />}
      <span class="muted">
        {t('adm.total', { n: props.total })} · {t('adm.page', { page, pages })}
      </span>
      {page < pages ? <a class="btn small" href={props.href(page + 1)} rel="next">{t('common.next')}</a> : <span />}
    </nav>
  );
}

/** Builds list URLs that keep the current filters; empty values are left out so links stay short. */
export function listHref(base: string, params: Record<string, string | number | null | undefined>) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== '' && v != null && !(k === 'page' && v === 1)) q.set(k, String(v));
  const s = q.toString();
  return s ? `${base}?${s}` : base;
}

/** htmx enhancement for a GET filter form: swap only the list and keep the URL shareable; without JS the form just submits. */
export const hxFilter = (url: string, target: string) => ({ 'hx-get': url, 'hx-target': target, 'hx-swap': 'outerHTML', 'hx-push-url': 'true' });
