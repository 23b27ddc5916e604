// Area catalogues merged into the one catalogue (src/i18n/messages.ts). Each area file exports `zh` and `en` with the same keys.
import * as me from './me';
import * as photos from './photos';
import * as places from './places';
import * as points from './points';
import * as qr from './qr';
import * as report from './report';
import * as submissions from './submissions';

export const areaZh = { ...me.zh, ...photos.zh, ...places.zh, ...points.zh, ...qr.zh, ...report.zh, ...submissions.zh } as const;
export const areaEn: Record<keyof typeof areaZh, string> = { ...me.en, ...photos.en, ...places.en, ...points.en, ...qr.en, ...report.en, ...submissions.en };
