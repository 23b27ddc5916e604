// 队长: the join requests of the team a resident leads, to approve or decline.
import type { ledTeamRequests } from '../../../src/domain/patrols/led-team-requests';
import type { ViewCtx } from '../../view-ctx';

export function LedTeamPage(props: { v: ViewCtx; data: Awaited<ReturnType<typeof ledTeamRequests>>; notice?: string }) {
  const { v, data } = props;
  const { t } = v;
  return (
    <>
      {props.notice && <p class="banner ok" role="status">{props.notice}</p>}
      <section class="card" id="led-team">
        <p><a href="/shifts">{t('shift.back')}</a></p>
        <h1>{data.team.name}</h1>
        <h2>{t('org.requests', { n: data.requests.length })}</h2>
        {data.requests.length === 0 ? <p class="muted">{t('org.noRequests')}</p> : (
          <ul class="list">
            {data.requests.map((r) => (
              <li class="row" data-request={r.userId}>
                <span>{r.label}</span>
                <span class="btn-row">
                  <form method="post" action={`/teams/${data.team.id}/requests/${r.userId}/approve`}><button class="btn small" type="submit">{t('org.approve')}</button></form>
                  <form method="post" action={`/teams/${data.team.id}/requests/${r.userId}/decline`}><button class="btn small danger" type="submit">{t('org.decline')}</button></form>
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
