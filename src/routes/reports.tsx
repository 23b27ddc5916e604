// /staff/reports (grid leaders and admins): the monthly report page and its CSV; the page prints as an A4 report.
import { Hono, type Context } from 'hono';
import type { AppEnv } from '../app-env';
import { attachmentHeader } from '../domain/csv/stringify';
import { notFound } from '../domain/errors';
import { monthlyReport, REPORT_ROLES, reportScope } from '../domain/reports/monthly-report';
import { MONTH, monthOf, monthsEnding, shiftMonth } from '../domain/reports/months';
import { reportCsv } from '../domain/reports/report-csv';
import { requireStaff } from '../middleware/require-role';
import { MonthlyReportPage } from '../../views/pages/reports/monthly';
import { render, viewCtx } from './render';

export const monthlyReportRoutes = new Hono<AppEnv>();
monthlyReportRoutes.use('/staff/reports', requireStaff([...REPORT_ROLES]));
monthlyReportRoutes.use('/staff/reports.csv', requireStaff([...REPORT_ROLES]));

/** Months offered in the picker: the last two years. */
const PICKER_MONTHS = 24;

/** Odd query values ("month=13", "grid=x") fall back to the defaults: last month, the whole community (or my first grid). */
async function load(c: Context<AppEnv>) {
  const tz = c.var.deps.config.DISPLAY_TZ;
  const current = monthOf(new Date(), tz);
  const scopes = reportScope(c.var.staffScope);
  const communityId = Number(c.req.query('community')) || scopes[0]?.communityId;
  if (!communityId) throw notFound();
  const monthQ = c.req.query('month') ?? '';
  // The default is the last full month: what a monthly report is about.
  const month = MONTH.test(monthQ) && monthQ <= current ? monthQ : shiftMonth(current, -1);
  const gridQ = c.req.query('grid') ?? '0';
  const gridId = /^-?\d{1,9}$/.test(gridQ) ? Number(gridQ) : 0;
  const r = await monthlyReport(c.var.deps.db, { scope: c.var.staffScope, communityId, gridId, month });
  return { r, scopes, months: monthsEnding(current, PICKER_MONTHS).reverse() };
}

monthlyReportRoutes.get('/staff/reports', async (c) => {
  const { r, scopes, months } = await load(c);
  return render(c, { title: c.var.t('rep.title', { scope: r.community.name, month: r.month }), body: <MonthlyReportPage v={viewCtx(c)} r={r} months={months} communities={scopes} /> });
});

monthlyReportRoutes.get('/staff/reports.csv', async (c) => {
  const { r } = await load(c);
  const out = reportCsv(r);
  return c.body(out.body, 200, { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': attachmentHeader(out.fileName), 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
});
