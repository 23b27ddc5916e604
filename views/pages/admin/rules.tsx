// Rule-set admin pages that only read: the list of versions, one version in full, and two versions compared (changes only).
import type { MessageKey, Translate } from '../../../src/i18n/messages';
import type { RuleSetVersionRow } from '../../../src/domain/rules/list-rule-sets';
import type { StoredRuleSet } from '../../../src/domain/rules/get-rule-set';
import type { RuleChange, RuleValue } from '../../../src/domain/rules/compare-rule-sets';
import { SCALAR_GROUPS } from '../../../src/domain/rules/rule-set-form';
import type { RuleSetBody } from '../../../src/domain/rules/rule-set-schema';
import type { ViewCtx } from '../../view-ctx';
import { Notice } from '../../components/confirm';
import { fmtTime } from '../me/format';

type Community = { id: number; name: string };
export const rulesHref = (cid: number, path = '', query = '') => `/admin/rules${path}?community=${cid}${query}`;

export function RulesCrumbs(props: { t: Translate; community: Community; here?: string }) {
  return (
    <p class="crumbs">
      <a href="/admin">{props.t('nav.admin')}</a> › {props.community.name} ›{' '}
      {props.here ? <a href={rulesHref(props.community.id)}>{props.t('rules.title')}</a> : props.t('rules.title')}
      {props.here && ` › ${props.here}`}
    </p>
  );
}

export function RulesListPage(props: { v: ViewCtx; community: Community; versions: RuleSetVersionRow[]; notice?: string }) {
  const { v } = props;
  const { t } = v;
  const cid = props.community.id;
  const [newest, previous] = props.versions;
  return (
    <>
      <RulesCrumbs t={t} community={props.community} />
      <Notice text={props.notice} />
      <section class="card">
        <h1>{t('rules.title')}</h1>
        <p class="muted">{t('rules.intro')}</p>
        {props.versions.length > 0 && <a class="btn primary" href={rulesHref(cid, '/new')}>{t('rules.list.new')}</a>}
        <ul class="list rules-versions">
          {props.versions.map((r) => (
            <li data-version={r.version}>
              <a href={rulesHref(cid, `/${r.version}`)}>
                <span>
                  <strong>{t('rules.version', { v: r.version })}</strong>
                  {r.current && <span class="badge active">{t('rules.list.current')}</span>}
                  {r.scheduled && <span class="tag">{t('rules.list.scheduled')}</span>}
                </span>
                <span class="muted">
                  {t('rules.list.effective')} {r.effectiveFrom} · {t('rules.list.created')} {fmtTime(v, r.createdAt)} · {r.createdByName || t('rules.list.system')}
                </span>
              </a>
            </li>
          ))}
        </ul>
        {props.versions.length === 0 && <p class="empty">{t('rules.err.none')}</p>}
      </section>
      {props.versions.length > 1 && (
        <section class="card">
          <h2>{t('rules.compare')}</h2>
          <form method="get" action="/admin/rules/compare">
            <input type="hidden" name="community" value={String(cid)} />
            <div class="rules-pair">
              <VersionSelect t={t} name="a" label={t('rules.compare.a')} versions={props.versions} value={previous.version} />
              <VersionSelect t={t} name="b" label={t('rules.compare.b')} versions={props.versions} value={newest.version} />
            </div>
            <button class="btn" type="submit">{t('rules.compare.submit')}</button>
          </form>
        </section>
      )}
    </>
  );
}

function VersionSelect(props: { t: Translate; name: string; label: string; versions: RuleSetVersionRow[]; value: number }) {
  return (
    <div class="field">
      <label for={`f-${props.name}`}>{props.label}</label>
      <select id={`f-${props.name}`} name={props.name}>
        {props.versions.map((r) => (
          <option value={String(r.version)} selected={r.version === props.value}>{props.t('rules.version', { v: r.version })}</option>
        ))}
      </select>
    </div>
  );
}

const get = (o: unknown, path: string): unknown => path.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], o);

export function showValue(t: Translate, value: RuleValue | unknown): string {
  if (value === null || value === undefined) return t('rules.compare.absent');
  if (typeof value === 'boolean') return t(value ? 'rules.yes' : 'rules.no');
  return String(value);
}

/** Every setting of a body under its group heading (shared by the readable view). */
function Settings(props: { t: Translate; body: RuleSetBody }) {
  const { t } = props;
  return (
    <>
      {SCALAR_GROUPS.map((g) => (
        <section class="card" data-group={g.group}>
          <h2>{t(`rules.g.${g.group}` as MessageKey)}</h2>
          <dl class="facts">
            {g.fields.map((f) => (
              <>
                <dt>{t(`rules.f.${f.name}` as MessageKey)}</dt>
                <dd>{showValue(t, get(props.body, f.name))}</dd>
              </>
            ))}
          </dl>
        </section>
      ))}
    </>
  );
}

export function RulesViewPage(props: { v: ViewCtx; community: Community; ruleSet: StoredRuleSet; current: boolean }) {
  const { v } = props;
  const { t } = v;
  const rs = props.ruleSet;
  const cid = props.community.id;
  return (
    <>
      <RulesCrumbs t={t} community={props.community} here={t('rules.version', { v: rs.version })} />
      <section class="card">
        <h1>
          {t('rules.view.title', { v: rs.version })} {props.current && <span class="badge active">{t('rules.list.current')}</span>}
        </h1>
        <dl class="facts">
          <dt>{t('rules.list.effective')}</dt>
          <dd>{rs.effectiveFrom}</dd>
          <dt>{t('rules.list.created')}</dt>
          <dd>{fmtTime(v, rs.createdAt)} · {rs.createdByName || t('rules.list.system')}</dd>
        </dl>
        <a class="btn" href={rulesHref(cid, '/new', `&from=${rs.version}`)}>{t('rules.view.edit')}</a>
      </section>
      <section class="card">
        <h2>{t('rules.view.categories')}</h2>
        <div class="table-wrap">
          <table class="table">
            <thead>
              <tr><th>{t('rules.col.label')}</th><th>{t('rules.col.range')}</th><th>{t('rules.col.default')}</th><th>{t('rules.col.police')}</th></tr>
            </thead>
            <tbody>
              {rs.body.categories.map((c) => (
                <tr data-category={c.key}>
                  <td>{c.label}<br /><span class="muted">{t(`rules.kind.${c.kind}`)}</span></td>
                  <td class="nowrap">{c.min}–{c.max}</td>
                  <td>{c.default}</td>
                  <td>{t(c.police ? 'rules.yes' : 'rules.no')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <Settings t={t} body={rs.body} />
      <p><a href={rulesHref(cid)}>← {t('rules.view.back')}</a></p>
    </>
  );
}

function changeLabel(t: Translate, c: RuleChange): string {
  if (c.field === 'category') return `${c.category!.label}:${t(c.a === null ? 'rules.compare.added' : 'rules.compare.removed')}`;
  if (c.field.startsWith('category.')) {
    const f = c.field.slice('category.'.length);
    const label = f === 'label' ? 'rules.form.catLabel' : f === 'police' ? 'rules.col.police' : `rules.range.${f}`;
    return `${c.category!.label}:${t(label as MessageKey)}`;
  }
  return t(`rules.f.${c.field}` as MessageKey);
}

export function RulesComparePage(props: { v: ViewCtx; community: Community; a: StoredRuleSet; b: StoredRuleSet; changes: RuleChange[]; same: number }) {
  const { t } = props.v;
  return (
    <>
      <RulesCrumbs t={t} community={props.community} here={t('rules.compare')} />
      <section class="card">
        <h1>{t('rules.compare.title', { a: props.a.version, b: props.b.version })}</h1>
        <p><strong>{t('rules.compare.changed', { n: props.changes.length })}</strong> · {t('rules.compare.same', { n: props.same })}</p>
        {props.changes.length === 0 ? (
          <p class="empty">{t('rules.compare.none')}</p>
        ) : (
          <div class="table-wrap">
            <table class="table rules-diff">
              <thead>
                <tr>
                  <th></th>
                  <th>{t('rules.version', { v: props.a.version })}</th>
                  <th>{t('rules.version', { v: props.b.version })}</th>
                </tr>
              </thead>
              <tbody>
                {props.changes.map((c) => (
                  <tr data-field={c.category ? `${c.field}:${c.category.key}` : c.field}>
                    <th scope="row">{changeLabel(t, c)}</th>
                    <td class={c.field === 'effective_from' ? 'nowrap' : undefined}>{showValue(t, c.a)}</td>
                    <td class={c.field === 'effective_from' ? 'nowrap' : undefined}><strong>{showValue(t, c.b)}</strong></td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <p>
          <a href={rulesHref(props.community.id, `/${props.a.version}`)}>{t('rules.version', { v: props.a.version })}</a> ·{' '}
          <a href={rulesHref(props.community.id, `/${props.b.version}`)}>{t('rules.version', { v: props.b.version })}</a> ·{' '}
          <a href={rulesHref(props.community.id)}>{t('rules.view.back')}</a>
        </p>
      </section>
    </>
  );
}
