// Section links for one community's admin pages; the current one is marked for screen readers and styling.
import type { Translate } from '../../src/i18n/messages';

export type AdminSection = 'community' | 'grids' | 'places' | 'staff' | 'import' | 'qr' | 'departments' | 'replyTemplates' | 'audit';

export function communityLinks(cid: number): { key: AdminSection; href: string; label: `adm.nav.${AdminSection}` }[] {
  return [
    { key: 'grids', href: `/admin/c/${cid}/grids`, label: 'adm.nav.grids' },
    { key: 'places', href: `/admin/c/${cid}/places`, label: 'adm.nav.places' },
    { key: 'staff', href: `/admin/c/${cid}/staff`, label: 'adm.nav.staff' },
    { key: 'import', href: `/admin/c/${cid}/import`, label: 'adm.nav.import' },
    { key: 'qr', href: '/admin/qr', label: 'adm.nav.qr' },
    { key: 'community', href: `/admin/c/${cid}`, label: 'adm.nav.community' },
    { key: 'departments', href: `/admin/c/${cid}/departments`, label: 'adm.nav.departments' },
    { key: 'replyTemplates', href: `/admin/c/${cid}/reply-templates`, label: 'adm.nav.replyTemplates' },
    { key: 'audit', href: `/admin/c/${cid}/audit`, label: 'adm.nav.audit' },
  ];
}

export function CommunityTabs(props: { t: Translate; community: { id: number; name: string }; active: AdminSection }) {
  return (
    <nav class="tabs" aria-label={props.community.name}>
      <a href="/admin" class="tab">{props.t('nav.admin')}</a>
      {communityLinks(props.community.id).map((l) => (
        <a href={l.href} class={l.key === props.active ? 'tab on' : 'tab'} aria-current={l.key === props.active ? 'page' : undefined}>
          {props.t(l.label)}
        </a>
      ))}
    </nav>
  );
}
