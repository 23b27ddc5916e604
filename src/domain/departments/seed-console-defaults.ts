// The departments and reply templates a new demo community starts with (seeded by src/cli/seed-data/demo.ts).
import type { DbOrTx } from '../../db/client';
import { departments, replyTemplates } from '../../db/schema';

export const DEMO_DEPARTMENTS = [
  { name: '物业公司', contact: '物业服务中心 028-8761 0001' },
  { name: '城市管理', contact: '街道城管中队 028-8761 0002' },
  { name: '市场监管', contact: '市场监管所 028-8761 0003' },
  { name: '派出所', contact: '清源派出所值班室 028-8761 0110' },
  { name: '街道办事处', contact: '街道社会治理办 028-8761 0004' },
] as const;

export const DEMO_REPLY_TEMPLATES = [
  { title: '已收到', body: '您好,您反映的情况我们已经收到,网格员会在 24 小时内与您联系并核实。感谢您对社区的关心!' },
  { title: '已转派', body: '您好,您反映的问题已转交相关部门处理,我们会跟进办理进度,有结果后第一时间告诉您。' },
  { title: '已办结', body: '您好,您反映的问题已经处理完毕。如果还有不满意的地方,可以在 7 天内点「重新打开」告诉我们。' },
  { title: '需补充信息', body: '您好,为了尽快处理,请补充具体位置(楼栋、单元、楼层)和发现时间,方便的话再拍一张照片。' },
  { title: '已上报派出所', body: '您好,您提供的线索涉及治安问题,已上报社区民警和派出所处理。为保护您的安全,相关情况请勿对外透露。' },
] as const;

export async function seedConsoleDefaults(db: DbOrTx, communityId: number): Promise<void> {
  await db.insert(departments).values(DEMO_DEPARTMENTS.map((d) => ({ communityId, ...d }))).onConflictDoNothing();
  await db.insert(replyTemplates).values(DEMO_REPLY_TEMPLATES.map((t) => ({ communityId, ...t }))).onConflictDoNothing();
}
