// UI strings of one area (zh-CN and English, same keys).
export const zh = {
  'verification.placeholder': '',
} as const;

export const en: Record<keyof typeof zh, string> = {
  'verification.placeholder': '',
};
