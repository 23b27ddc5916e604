// UI strings of one area (zh-CN and English, same keys).
export const zh = {
  'rules.placeholder': '',
} as const;

export const en: Record<keyof typeof zh, string> = {
  'rules.placeholder': '',
};
