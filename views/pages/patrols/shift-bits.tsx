// Small pieces shared by the resident's patrol pages: a shift's time line and its state badge.
import { fmtShiftTime } from '../../../src/domain/patrols/shift-format';
import type { ViewCtx } from '../../view-ctx';

export const ShiftTime = (props: { v: ViewCtx; startsAt: Date; endsAt: Date }) => (
  <span class="shift-time">{fmtShiftTime(props.startsAt, props.endsAt, props.v.timeZone ?? 'Asia/Shanghai')}</span>
);

export const hoursText = (minutes: number) => (Math.round((minutes / 60) * 10) / 10).toString();
