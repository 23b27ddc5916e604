// The landing page for anyone who types the address or scans a general code.
import type { CurrentAnnouncement } from '../../src/domain/announcements/current-announcements';
import { AnnouncementList } from '../components/announcement-list';
import type { ViewCtx } from '../view-ctx';

export function HomePage(props: { v: ViewCtx; communities: { name: string; district: string }[]; maskedPhone?: string; announcements?: CurrentAnnouncement[] }) {
  const { t, user } = props.v;
  return (
    <>
      <section class="card hero">
        <h1>{t('home.welcome')}</h1>
        {props.communities.map((c) => (
          <p class="muted">
            {c.district} · {c.name}
          </p>
        ))}
        <p>{t('home.intro')}</p>
        {user ? (
          <p>
            {t('home.signedInAs')} <strong>{props.maskedPhone ?? user.name}</strong>
          </p>
        ) : (
          <>
            <p>{t('home.signInHint')}</p>
            <a class="btn primary" href="/login">{t('nav.signIn')}</a>
          </>
        )}
      </section>
      <AnnouncementList v={props.v} items={(props.announcements ?? []).slice(0, 3)} moreHref={(props.announcements ?? []).length > 3 ? '/announcements' : undefined} />
      <nav class="actions" aria-label={t('rewards.title')}>
        <a class="action" href="/rewards" id="home-rewards">
          <strong>{t('rewards.link')}</strong>
          <span>{t('rewards.linkHint')}</span>
        </a>
      </nav>
      {!user && (
        <p class="center">
          <a href="/staff/login">{t('home.staffEntry')}</a>
        </p>
      )}
    </>
  );
}
