// The staff workbench: roles and the grids this person covers (later issues add the work queue here).
import type { ViewCtx } from '../../view-ctx';

export interface GridSummary {
  id: number;
  code: string;
  name: string;
  kind: 'comprehensive' | 'dedicated';
  households: number;
}

export function StaffHome(props: { v: ViewCtx; roles: { role: string; communityName: string }[]; grids: GridSummary[] }) {
  const { t } = props.v;
  return (
    <>
      <section class="card">
        <h1>{t('staff.title')}</h1>
        <p class="muted">
          {props.roles.map((r) => `${r.communityName} · ${t(`role.${r.role}` as never)}`).join(';')}
        </p>
        {props.roles.some((r) => r.role === 'grid_leader' || r.role === 'community_admin') && (
          <p><a class="btn" href="/staff/approvals" id="to-approvals">{t('act.approvals.title')}</a></p>
        )}
      </section>
      <section class="card" id="my-grids">
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
      </section>
    </>
  );
}
