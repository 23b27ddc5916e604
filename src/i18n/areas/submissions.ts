// UI strings for tips, wishes, 我的诉求, notifications and the 心愿墙 (zh-CN and English, same keys).
export const zh = {
  'rules.err.none': '本社区还没有设置激励规则,暂时无法提交,请联系社区工作人员。',
  'status.received': '已受理',
  'status.verifying': '核实中',
  'status.pending_review': '待审核',
  'status.accepted': '已采纳',
  'status.routed': '已转派',
  'status.in_progress': '处理中',
  'status.resolved': '已办结',
  'status.rejected': '未采纳',
  'status.duplicate': '重复',
  'kind.tip': '线索',
  'kind.wish': '心愿',
} as const;

export const en: Record<keyof typeof zh, string> = {
  'rules.err.none': 'This community has no incentive rules yet, so nothing can be submitted; please contact community staff.',
  'status.received': 'Received',
  'status.verifying': 'Verifying',
  'status.pending_review': 'Awaiting review',
  'status.accepted': 'Accepted',
  'status.routed': 'Routed',
  'status.in_progress': 'In progress',
  'status.resolved': 'Resolved',
  'status.rejected': 'Not accepted',
  'status.duplicate': 'Duplicate',
  'kind.tip': 'Tip',
  'kind.wish': 'Wish',
};
