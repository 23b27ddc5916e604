// The staff workbench: today's work first (links into the filtered queue), then roles and the grids this person covers;
// organisers and clerks (no grid) see what their own pages will offer until those land.
import type { Workload } from '../../../src/domain/console/summarize-workload';
import type { ViewCtx } from '../../view-ctx';
import { PUBLISHER_ROLES } from '../../../src/domain/announcements/publish-rights';
import { REPORT_ROLES } from '../../../src/domain/reports/monthly-report';

export interface GridSummary {
  id: number;
  code: string;
  name: string;
  kind: 'comprehensive' | 'dedicated';
  households: number;
}

function WorkloadCard(props: { v: ViewCtx; w: Workload }) {
  const { t } = props.v;
  const { w } = props;
  const tiles: { label: string; n: number; href: string; urgent?: boolean }[] = [
    { label: t('cq.work.open'), n: w.open, href: '/staff/queue' },
    { label: t('cq.work.overdue'), n: w.overdue, href: '/staff/queue?overdue=1', urgent: w.overdue > 0 },
    { label: t('cq.work.unassigned'), n: w.unassigned, href: '/staff/queue?assigned=none' },
    { label: t('cq.work.mine'), n: w.mine, href: '/staff/queue?assigned=me' },
  ];
  return (
    <section class="card" id="my-work">
      <h2>{t('cq.work.title')}</h2>
      {w.open === 0 ? <p class="empty">{t('cq.work.none')}</p> : (
        <ul class="work-tiles">
          {tiles.map((x) => (
            <li>
              <a href={x.href} class={x.urgent ? 'urgent' : undefined} data-work={x.href}>
                <strong>{x.n}</strong>
                <span>{x.label}</span>
              </a>
            </li>
          ))}
        </ul>
      )}
      {w.approvals !== null && (
        <p><a class="btn" href="/staff/approvals" id="to-approvals">{t('cq.work.approvals')} · {w.approvals}</a></p>
      )}
      {w.police && <p><a class="btn" href="/staff/police">{t('cq.work.police')}</a></p>}
      {w.open > 0 && <p><a class="btn primary" href="/staff/queue">{t('cq.work.toQueue')}</a></p>}
      {props.v.user?.roles.some((r) => PUBLISHER_ROLES.includes(r)) && (
        <p><a class="btn" href="/staff/announcements">{t('ann.staff.link')}</a></p>
      )}
      {props.v.user?.roles.some((r) => (REPORT_ROLES as readonly string[]).includes(r)) && (
        <p><a class="btn" href="/staff/reports">{t('rep.link')}</a></p>
      )}
    </section>
  );
}

/** Roles whose own pages are still to come: their workbench says what they will do there. */
export const ROLE_HOMES = ['clerk', 'organiser'] as const;
export type RoleHome = (typeof ROLE_HOMES)[number];

function RoleHomeCard(props: { v: ViewCtx; role: RoleHome }) {
  const { t } = props.v;
  return (
    <section class="card" id={`role-home-${props.role}`} data-role-home={props.role}>
      <h2>
        {t(`roleHome.${props.role}.title`)}
      </h2>
      <p>{t(`roleHome.${props.role}.body`)}</p>
      {props.role === 'clerk' && <a class="btn primary" href="/clerk">{t('clerk.title')}</a>}
      {props.role === 'organiser' && <p><a class="btn primary" href="/organiser">{t('org.open')}</a></p>}
    </section>
  );
}

export function StaffHome(props: {
  v: ViewCtx;
  roles: { role: string; communityName: string }[];
  grids: GridSummary[];
  workload: Workload | null;
  /** False for staff whose roles cover no grid (organisers, clerks): no grid list at all. */
  gridStaff: boolean;
  roleHomes: RoleHome[];
}) {
  const { t } = props.v;
  return (
    <>
      <section class="card">
        <h1>{t('staff.title')}</h1>
        <p class="muted">
          {props.roles.map((r) => `${r.communityName} · ${t(`role.${r.role}` as never)}`).join(';')}
        </p>
        {!props.workload && props.roles.some((r) => r.role === 'grid_leader' || r.role === 'community_admin') && (
          <p><a class="btn" href="/staff/approvals" id="to-approvals">{t('act.approvals.title')}</a></p>
        )}
      </section>
      {props.workload && <WorkloadCard v={props.v} w={props.workload} />}
      {props.roleHomes.map((r) => <RoleHomeCard v={props.v} role={r} />)}
      {props.gridStaff && <section class="card" id="my-grids">
        <h2>{t('staff.myGrids')}</h2>
        {props.grids.length === 0 ? (
          <p class="empty">{t('staff.noGrids')}</p>
        ) : (
          <ul class="list">
            {props.grids.map((g) => (
              <li>
                <a href={`/staff/grids/${g.id}`} data-grid-code={g.code}>
                  <strong>{g.name}</strong>
                  <span class="muted">
                    {g.code} · {t(`grid.kind.${g.kind}`)} · {t('staff.households', { n: g.households })}
                  </span>
                </a>
              </li>
            ))}
          </ul>
        )}
      </section>}
    </>
  );
}
