// SMS behind an interface: the `console` provider logs that a code was sent (never the number or code in production logs).
import type { Logger } from '../logger';

export interface SmsProvider {
  readonly name: string;
  sendCode(phone: string, code: string): Promise<void>;
  /** A plain notification text (status changes, replies, 心愿 offers); used only when NOTIFY_SMS is on. */
  sendText(phone: string, text: string): Promise<void>;
}

const masked = (phone: string) => `${phone.slice(0, 3)}****${phone.slice(7)}`;

export function consoleSms(logger: Logger, opts: { revealCodes: boolean }): SmsProvider {
  return {
    name: 'console',
    async sendCode(phone, code) {
      // Only in demo mode does the code reach the log, so a developer can sign in without a phone.
      if (opts.revealCodes) {
        process.stdout.write(`[短信/SMS 演示] ${phone.slice(0, 3)}****${phone.slice(7)} 验证码 ${code}\n`);
      }
      logger.info({ provider: 'console', masked: masked(phone) }, 'sms code sent');
    },
    async sendText(phone, text) {
      // The text may quote a resident's own words: the log keeps only the masked number and the length.
      if (opts.revealCodes) process.stdout.write(`[短信/SMS 演示] ${masked(phone)} ${text}\n`);
      logger.info({ provider: 'console', masked: masked(phone), chars: text.length }, 'sms text sent');
    },
  };
}

/** The provider the config names, for processes that have no AppDeps at hand (job handlers). */
export function smsFromConfig(config: { SMS_PROVIDER: 'console'; demoMode: boolean }, logger: Logger): SmsProvider {
  return consoleSms(logger, { revealCodes: config.demoMode });
}
