// SMS behind an interface: the `console` provider logs that a code was sent — never the number or the code, in any
// mode (demo mode shows the code on the sign-in page instead, to the person who asked for it).
import type { Logger } from '../logger';

export interface SmsProvider {
  readonly name: string;
  sendCode(phone: string, code: string): Promise<void>;
  /** A plain notification text (status changes, replies, 心愿 offers); used only when NOTIFY_SMS is on. */
  sendText(phone: string, text: string): Promise<void>;
}

const masked = (phone: string) => `${phone.slice(0, 3)}****${phone.slice(7)}`;

/** `echoTexts` (demo mode): notification texts are also printed, so a developer sees what would be sent. Codes never are. */
export function consoleSms(logger: Logger, opts: { echoTexts: boolean }): SmsProvider {
  return {
    name: 'console',
    async sendCode(phone) {
      logger.info({ provider: 'console', masked: masked(phone) }, 'sms code sent');
    },
    async sendText(phone, text) {
      // The text may quote a resident's own words: the log keeps only the masked number and the length.
      if (opts.echoTexts) process.stdout.write(`[短信/SMS 演示] ${masked(phone)} ${text}\n`);
      logger.info({ provider: 'console', masked: masked(phone), chars: text.length }, 'sms text sent');
    },
  };
}

/** The provider the config names (boot, the job handlers and the test harness all build it here). */
export function smsFromConfig(config: { SMS_PROVIDER: 'console'; demoMode: boolean }, logger: Logger): SmsProvider {
  return consoleSms(logger, { echoTexts: config.demoMode });
}
