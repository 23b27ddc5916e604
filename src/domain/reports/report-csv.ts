// The monthly report as CSV (UTF-8 with BOM, formula cells neutralised, as every export): one row per month of the
// 12-month trend, the three rates as percentages with one decimal.
import { toCsv } from '../csv/stringify';
import { rates, type MonthlyReport } from './monthly-report';

const COLUMNS = [
  { key: 'month', zh: '月份' },
  { key: 'scope', zh: '范围' },
  { key: 'items', zh: '事项数' },
  { key: 'tips', zh: '线索' },
  { key: 'wishes', zh: '心愿' },
  { key: 'police', zh: '涉警' },
  { key: 'response', zh: '回应率%' },
  { key: 'resolution', zh: '解决率%' },
  { key: 'satisfaction', zh: '满意率%' },
  { key: 'overdue', zh: '超期' },
  { key: 'tier1', zh: '院落调解' },
  { key: 'tier2', zh: '社区调解' },
  { key: 'tier3', zh: '派出所调解' },
  { key: 'answerP50', zh: '首次答复中位(小时)' },
  { key: 'answerP90', zh: '首次答复P90(小时)' },
  { key: 'resolveP50', zh: '办结中位(小时)' },
  { key: 'resolveP90', zh: '办结P90(小时)' },
] as const;

const pct = (v: number | null) => (v === null ? '' : (v * 100).toFixed(1));
const h = (min: number | null) => (min === null ? '' : (min / 60).toFixed(1));

export function reportCsv(r: MonthlyReport): { fileName: string; body: string } {
  const scope = r.gridId === 0 ? r.community.name : `${r.community.name} ${r.gridName ?? ''}`.trim();
  const rows = r.trend.map(({ month, figures: f }) => {
    const x = rates(f);
    return {
      month, scope, items: f.items, tips: f.tips, wishes: f.wishes, police: f.police,
      response: pct(x.response), resolution: pct(x.resolution), satisfaction: pct(x.satisfaction), overdue: f.overdue,
      tier1: f.settledTier1, tier2: f.settledTier2, tier3: f.settledTier3,
      answerP50: h(f.firstAnswerP50Min), answerP90: h(f.firstAnswerP90Min), resolveP50: h(f.resolveP50Min), resolveP90: h(f.resolveP90Min),
    };
  });
  return { fileName: `${scope}-${r.month}-月度报表.csv`, body: toCsv(COLUMNS, rows) };
}
