// Area catalogues merged into the one catalogue (src/i18n/messages.ts). Each area file exports `zh` and `en` with the same keys.
import * as consoleActions from './console-actions';
import * as consoleItem from './console-item';
import * as consoleQueue from './console-queue';
import * as me from './me';
import * as photos from './photos';
import * as organiser from './organiser';
import * as patrols from './patrols';
import * as places from './places';
import * as points from './points';
import * as qr from './qr';
import * as report from './report';
import * as rewards from './rewards';
import * as rules from './rules';
import * as submissions from './submissions';
import * as verification from './verification';
import * as wayfinding from './wayfinding';
import * as announcements from './announcements';
import * as reports from './reports';

export const areaZh = {
  ...consoleActions.zh, ...consoleItem.zh, ...consoleQueue.zh, ...rules.zh, ...verification.zh,
  ...me.zh, ...photos.zh, ...places.zh, ...points.zh, ...qr.zh, ...report.zh, ...submissions.zh, ...rewards.zh, ...wayfinding.zh, ...announcements.zh, ...reports.zh,
  ...patrols.zh, ...organiser.zh } as const;
export const areaEn: Record<keyof typeof areaZh, string> = {
  ...consoleActions.en, ...consoleItem.en, ...consoleQueue.en, ...rules.en, ...verification.en,
  ...me.en, ...photos.en, ...places.en, ...points.en, ...qr.en, ...report.en, ...submissions.en, ...rewards.en, ...wayfinding.en, ...announcements.en, ...reports.en,
  ...patrols.en, ...organiser.en };
