// /report: where tips and wishes start when no poster was scanned — what a poster is, where they hang in the resident's
// community, the printed-code form, and links that always work. Every "report something" empty state links here.
import type { PosterArea } from '../../../src/domain/qr/list-report-poster-places';
import type { ViewCtx } from '../../view-ctx';
import { EnterCodeForm } from '../qr/scan-status';

export function HowToReportPage(props: { v: ViewCtx; community: { id: number; name: string } | null; communities: { id: number; name: string }[]; areas: PosterArea[] }) {
  const { v } = props;
  const { t, user } = v;
  return (
    <>
      <section class="card" id="how-to-report">
        <h1>{t('howto.title')}</h1>
        <p>{t('howto.intro')}</p>
        {props.communities.length > 1 && (
          <nav class="tabs" aria-label={t('wish.community')}>
            {props.communities.map((c) => (
              <a class={c.id === props.community?.id ? 'tab on' : 'tab'} href={`/report?c=${c.id}`} aria-current={c.id === props.community?.id ? 'page' : undefined}>
                {c.name}
              </a>
            ))}
          </nav>
        )}
      </section>
      <section class="card" id="poster-places">
        <h2>{t('howto.where')}</h2>
        {props.community && <p class="muted">{props.community.name}</p>}
        {props.areas.length === 0 ? (
          <p class="empty">{t('howto.noPosters')}</p>
        ) : (
          <>
            <p class="hint">{t('howto.whereHint')}</p>
            <ul class="list">
              {props.areas.map((a) => (
                <li data-poster-area={a.area}>
                  <strong>{a.area}</strong>
                  {a.spots.length > 0 && <span class="muted">{' · '}{a.spots.join('、')}</span>}
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
      <section class="card">
        <p>{t('howto.typeCode')}</p>
        <EnterCodeForm v={v} />
      </section>
      <p class="actions">
        <a class="btn" href="/wishes">{t('howto.toWishes')}</a>
        {user?.kind === 'resident' && <a class="btn" href="/me/submissions">{t('howto.toMine')}</a>}
      </p>
    </>
  );
}
