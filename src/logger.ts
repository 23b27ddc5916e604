// pino JSON logs; redaction keeps phone numbers, codes and secrets out of every line.
import pino from 'pino';

export function createLogger(level: string) {
  return pino({
    level,
    base: { app: 'anlin' },
    redact: {
      paths: ['phone', '*.phone', 'code', '*.code', 'password', '*.password', 'token', '*.token', 'req.headers.cookie', 'headers.cookie'],
      censor: '[redacted]',
    },
  });
}
export type Logger = ReturnType<typeof createLogger>;
