// One grid: code, kind, households and its buildings.
import type { ViewCtx } from '../../view-ctx';
import type { GridSummary } from './home';

export function GridPage(props: { v: ViewCtx; grid: GridSummary; places: { id: number; kind: string; name: string }[]; unitCount: number }) {
  const { t } = props.v;
  const g = props.grid;
  return (
    <section class="card">
      <p><a href="/staff">← {t('common.back')}</a></p>
      <h1>{g.name}</h1>
      <dl class="facts">
        <dt>{t('staff.gridCode')}</dt>
        <dd class="mono">{g.code}</dd>
        <dt>{t(`grid.kind.${g.kind}`)}</dt>
        <dd>{t('staff.households', { n: g.households })}</dd>
      </dl>
      <h2>{t('grid.places')}</h2>
      {props.places.length === 0 ? (
        <p class="empty">{t('grid.noPlaces')}</p>
      ) : (
        <ul class="list">
          {props.places.map((p) => (
            <li>{p.name}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
