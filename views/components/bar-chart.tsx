// A server-rendered bar chart that a screen reader can read: role="img" with a title and a description, and the same
// numbers in a table beside it (the chart is only a picture of the table). No script, no third party.
export interface BarSeries {
  name: string;
  values: (number | null)[];
  /** Shown in the table; the bars use the raw value. */
  format: (v: number | null) => string;
  cls: string;
}

const W = 320;
const H = 140;
const PAD = { top: 10, right: 6, bottom: 22, left: 6 };

export function BarChart(props: { id: string; title: string; desc: string; labels: string[]; series: BarSeries[]; max?: number; tableCaption: string; rowHeader: string }) {
  const { labels, series } = props;
  const all = series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  const max = props.max ?? Math.max(1, ...all);
  const innerW = W - PAD.left - PAD.right;
  const innerH = H - PAD.top - PAD.bottom;
  const slot = innerW / Math.max(1, labels.length);
  const bar = Math.max(2, (slot - 4) / series.length);
  return (
    <figure class="chart" aria-labelledby={`${props.id}-t`}>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={`${props.id}-t ${props.id}-d`} class="chart-svg">
        <title id={`${props.id}-t`}>{props.title}</title>
        <desc id={`${props.id}-d`}>{props.desc}</desc>
        <line x1={PAD.left} y1={H - PAD.bottom} x2={W - PAD.right} y2={H - PAD.bottom} class="axis" />
        {labels.map((label, i) => (
          <g>
            {series.map((s, j) => {
              const v = s.values[i];
              const h = v === null ? 0 : (Math.min(v, max) / max) * innerH;
              return <rect x={PAD.left + i * slot + 2 + j * bar} y={H - PAD.bottom - h} width={bar - 1} height={h} class={s.cls} />;
            })}
            {(labels.length <= 6 || i % 2 === labels.length % 2) && (
              <text x={PAD.left + i * slot + slot / 2} y={H - 6} text-anchor="middle" class="tick">{label.slice(5)}</text>
            )}
          </g>
        ))}
      </svg>
      <figcaption id={`${props.id}-t-cap`} class="legend">
        {series.map((s) => <span class={`key ${s.cls}`}>{s.name}</span>)}
      </figcaption>
      <div class="table-wrap">
        <table class="data">
          <caption>{props.tableCaption}</caption>
          <thead>
            <tr><th scope="col">{props.rowHeader}</th>{series.map((s) => <th scope="col">{s.name}</th>)}</tr>
          </thead>
          <tbody>
            {labels.map((label, i) => (
              <tr><th scope="row">{label}</th>{series.map((s) => <td>{s.format(s.values[i])}</td>)}</tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
