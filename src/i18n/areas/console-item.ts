// UI strings of one area (zh-CN and English, same keys).
export const zh = {
  'console-item.placeholder': '',
  'console.err.stale': '这条诉求刚被其他工作人员处理过,请查看最新状态后再操作。',
} as const;

export const en: Record<keyof typeof zh, string> = {
  'console-item.placeholder': '',
  'console.err.stale': 'Someone else acted on this item in the meantime. Check its latest state and try again.',
};
