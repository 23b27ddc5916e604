// CSV import and export: the upload page, the preview (row errors or a confirm button) and the result, shown once.
import type { ImportEntity } from '../../../src/db/schema';
import type { Preview } from '../../../src/domain/csv/preview-import';
import type { RowError } from '../../../src/domain/csv/import-spec';
import type { CsvColumn } from '../../../src/domain/csv/parse';
import type { Msg } from '../../../src/domain/errors';
import type { Translate } from '../../../src/i18n/messages';
import type { ViewCtx } from '../../view-ctx';
import { CommunityTabs } from '../../components/community-tabs';
import { FormError } from '../../components/field';

type Community = { id: number; name: string; code: string };
const ENTITIES: ImportEntity[] = ['grids', 'places', 'staff'];
const SHOWN_ERRORS = 200;

export function ImportPage(props: { v: ViewCtx; community: Community; columns: Record<ImportEntity, readonly CsvColumn[]>; error?: { entity: ImportEntity; msg: Msg } }) {
  const { t } = props.v;
  const cid = props.community.id;
  return (
    <>
      <CommunityTabs t={t} community={props.community} active="import" />
      <section class="card">
        <h1>{t('adm.nav.import')}</h1>
        <p>{t('imp.intro')}</p>
      </section>
      {ENTITIES.map((e) => {
        const entity = t(`imp.entity.${e}`);
        return (
          <section class="card" id={`import-${e}`}>
            <h2>{t('imp.import', { entity })}</h2>
            <form method="post" action={`/admin/import/${cid}/${e}`} enctype="multipart/form-data">
              {props.error?.entity === e && <FormError t={t} error={props.error.msg} />}
              <div class="field">
                <label for={`file-${e}`}>{t('imp.file')}</label>
                <p class="hint" id={`file-${e}-hint`}>{t('imp.fileHint', { cols: props.columns[e].map((c) => c.zh).join(',') })}</p>
                <input id={`file-${e}`} type="file" name="file" accept=".csv,text/csv" required aria-describedby={`file-${e}-hint`} />
              </div>
              <button class="btn primary" type="submit">{t('imp.previewButton')}</button>
            </form>
            <p>
              <a class="btn small" href={`/admin/c/${cid}/export/${e}.csv`} download>{t('imp.export', { entity })}</a>
              <a class="btn small" href={`/admin/c/${cid}/template/${e}.csv`} download>{t('imp.template')}</a>
            </p>
          </section>
        );
      })}
    </>
  );
}

export function RowErrors(props: { t: Translate; errors: RowError[] }) {
  const { t, errors } = props;
  return (
    <>
      <div class="table-wrap">
        <table class="table">
          <thead>
            <tr><th>{t('imp.col.row')}</th><th>{t('imp.col.column')}</th><th>{t('imp.col.problem')}</th></tr>
          </thead>
          <tbody>
            {errors.slice(0, SHOWN_ERRORS).map((e) => (
              <tr><td class="nowrap">{t('imp.row', { line: e.line })}</td><td class="nowrap">{e.column}</td><td>{t(e.msg.key, e.msg.params)}</td></tr>
            ))}
          </tbody>
        </table>
      </div>
      {errors.length > SHOWN_ERRORS && <p class="muted">{t('imp.moreErrors', { n: errors.length - SHOWN_ERRORS })}</p>}
    </>
  );
}

export function PreviewPage(props: { v: ViewCtx; community: Community; preview: Preview; columns: readonly CsvColumn[] }) {
  const { t } = props.v;
  const p = props.preview;
  const entity = t(`imp.entity.${p.entity}`);
  return (
    <>
      <CommunityTabs t={t} community={props.community} active="import" />
      <section class="card" id="import-preview">
        <h1>{t('imp.previewTitle', { entity })}</h1>
        <p>{t('imp.summary', { file: p.fileName || '—', encoding: t(`imp.encoding.${p.encoding}`), n: p.total })}</p>
        {p.ignoredColumns.length > 0 && <p class="banner warn">{t('imp.ignored', { cols: p.ignoredColumns.join('、') })}</p>}
        {p.errors.length ? (
          <>
            <p class="form-error" role="alert">{t('imp.hasErrors', { n: p.errors.length })}</p>
            <RowErrors t={t} errors={p.errors} />
          </>
        ) : (
          <>
            <p class="banner ok" role="status">{t('imp.ok', { n: p.total })}</p>
            <form method="post" action={`/admin/import/batches/${p.batchId}/confirm`}>
              <button class="btn primary" type="submit">{t('imp.confirm', { n: p.total })}</button>
            </form>
          </>
        )}
        <p><a class="btn" href={`/admin/c/${props.community.id}/import#import-${p.entity}`}>{t('imp.reupload')}</a></p>
      </section>
      <section class="card">
        <h2>{t('imp.sample', { n: p.sample.length })}</h2>
        <div class="table-wrap">
          <table class="table sample">
            <thead>
              <tr><th>{t('imp.col.row')}</th>{props.columns.map((c) => <th>{c.zh}</th>)}</tr>
            </thead>
            <tbody>
              {p.sample.map((r) => (
                <tr><td>{r.line}</td>{props.columns.map((c) => <td>{r.cells[c.key] ?? ''}</td>)}</tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}

export function ResultPage(props: {
  v: ViewCtx;
  community: Community;
  entity: ImportEntity;
  created: number;
  already: boolean;
  passwords?: { username: string; name: string; password: string }[];
  errors?: RowError[];
}) {
  const { t } = props.v;
  const entity = t(`imp.entity.${props.entity}`);
  const listHref = `/admin/c/${props.community.id}/${props.entity}`;
  return (
    <>
      <CommunityTabs t={t} community={props.community} active="import" />
      <section class="card" id="import-result">
        {props.errors ? (
          <>
            <h1>{t('imp.previewTitle', { entity })}</h1>
            <p class="form-error" role="alert">{t('imp.recheckFailed', { n: props.errors.length })}</p>
            <RowErrors t={t} errors={props.errors} />
          </>
        ) : (
          <>
            <h1>{t('imp.resultTitle')}</h1>
            <p class="banner ok" role="status">{t(props.already ? 'imp.already' : 'imp.result', { n: props.created, entity })}</p>
          </>
        )}
        {props.passwords && props.passwords.length > 0 && (
          <>
            <p class="banner warn">{t('imp.passwords')}</p>
            <div class="table-wrap">
              <table class="table">
                <thead><tr><th>{t('adm.staff.name')}</th><th>{t('adm.staff.username')}</th><th>{t('staffLogin.password')}</th></tr></thead>
                <tbody>
                  {props.passwords.map((p) => <tr><td>{p.name}</td><td class="mono">{p.username}</td><td class="mono">{p.password}</td></tr>)}
                </tbody>
              </table>
            </div>
          </>
        )}
        <p>
          <a class="btn" href={listHref}>{t('imp.view', { entity })}</a>
          <a class="btn" href={`/admin/c/${props.community.id}/import`}>{t('adm.nav.import')}</a>
        </p>
      </section>
    </>
  );
}
