// The page a phone opens after scanning an active code: where you are, and big buttons for what to do here.
import type { ScanAction } from '../../../src/domain/qr/purpose-actions';
import type { ScanTarget } from '../../../src/domain/qr/resolve-scan';
import type { CurrentAnnouncement } from '../../../src/domain/announcements/current-announcements';
import { AnnouncementList } from '../../components/announcement-list';
import type { ViewCtx } from '../../view-ctx';

/** A lobby poster shows the two most important; the 公告 button lists them all. */
const SCAN_PAGE_ANNOUNCEMENTS = 2;

export function ScanPage(props: { v: ViewCtx; target: ScanTarget; actions: ScanAction[]; announcements?: CurrentAnnouncement[] }) {
  const { t } = props.v;
  const q = props.target;
  return (
    <div class={`scan scan-${q.purpose}`}>
      <section class="card scan-head">
        <p class="scan-purpose">{t(`qr.purpose.${q.purpose}`)}</p>
        <h1>{q.label}</h1>
        <p class="scan-place">{[q.communityName, ...q.place].join(' › ')}</p>
        <p>{t(`qr.scan.intro.${q.purpose}`)}</p>
      </section>
      <AnnouncementList v={props.v} items={(props.announcements ?? []).slice(0, SCAN_PAGE_ANNOUNCEMENTS)} moreHref={(props.announcements ?? []).length > SCAN_PAGE_ANNOUNCEMENTS ? `/announcements?qr=${encodeURIComponent(q.code)}` : undefined} />
      <nav class="actions" aria-label={t(`qr.purpose.${q.purpose}`)}>
        {props.actions.map((a) => (
          <a class={a.primary ? 'action primary' : 'action'} href={a.href}>
            <strong>{t(`qr.action.${a.key}`)}</strong>
            <span>{t(`qr.actionHint.${a.key}`)}</span>
          </a>
        ))}
      </nav>
      <p class="muted center">{t('qr.scan.privacy')}</p>
    </div>
  );
}
