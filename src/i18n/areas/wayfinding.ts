// UI strings for finding one's way: how to report without a poster at hand, the resident's 称呼, the queue search, who
// handles a grid, and the workbench of roles whose own pages are still to come (zh-CN and English, same keys).
export const zh = {
  'howto.title': '怎样反映问题、许个心愿',
  'howto.intro': '线索和心愿都从小区里张贴的「民情收集」二维码开始:扫一扫,就知道是哪个院落、哪栋楼,工作人员能更快找到地方。',
  'howto.where': '二维码海报贴在这些地方',
  'howto.whereHint': '院落出入口、楼栋大堂和单元门口。找不到时可以问网格员或物业。',
  'howto.noPosters': '这个社区还没有张贴「民情收集」二维码,请联系社区居委会。',
  'howto.typeCode': '手边有海报但扫不了?输入海报下方印的编号:',
  'howto.toWishes': '看看邻居的心愿',
  'howto.toMine': '我的诉求',

  'err.name.tooLong': '称呼最多 {max} 个字。',
  'err.name.invalid': '称呼只能是一行文字,不能包含网页代码或特殊控制字符。',


  'team.title': '这个网格由谁负责',
  'team.none': '这个网格还没有网格员,可由网格长或社区管理员分派。',
  'team.noGrid': '这件事没有落在任何网格,由社区统一处理。',
  'team.wholeCommunity': '全社区',
  'team.mark': '本网格',
  'team.you': '(您)',

  'roleHome.soon': '即将开放',
  'roleHome.clerk.title': '积分超市 · 兑换柜台',
  'roleHome.clerk.body': '居民用社区贡献积分兑换公益课程和生活用品。您将在这里核对居民出示的兑换码、确认领取,并查看当天的兑换记录。',
  'roleHome.organiser.title': '巡逻与志愿活动',
  'roleHome.organiser.body': '您将在这里安排夜跑联防、物业联巡和志愿服务,发布活动、管理报名,并用签到二维码记录每位居民的参与情况。',
} as const;

export const en: Record<keyof typeof zh, string> = {
  'howto.title': 'How to report a tip or make a wish',
  'howto.intro': 'Tips and wishes start from the 民情收集 QR posters in the community: scanning one tells staff which courtyard and building it is about, so they find the place faster.',
  'howto.where': 'The posters hang here',
  'howto.whereHint': 'At courtyard gates, building lobbies and unit doors. Ask your grid worker or the property office if you cannot find one.',
  'howto.noPosters': 'This community has not put up 民情收集 QR posters yet; please ask the residents’ committee.',
  'howto.typeCode': 'Poster at hand but cannot scan it? Type the code printed under the QR:',
  'howto.toWishes': 'See neighbours’ wishes',
  'howto.toMine': 'My reports',

  'err.name.tooLong': 'A name has at most {max} characters.',
  'err.name.invalid': 'A name is one line of text, without markup or control characters.',


  'team.title': 'Who handles this grid',
  'team.none': 'This grid has no grid worker yet; a grid leader or the community admin can assign the item.',
  'team.noGrid': 'This item is in no grid; the community handles it.',
  'team.wholeCommunity': 'whole community',
  'team.mark': 'this grid',
  'team.you': ' (you)',

  'roleHome.soon': 'Coming soon',
  'roleHome.clerk.title': 'Points shop · redemption counter',
  'roleHome.clerk.body': 'Residents redeem community points for courses and everyday goods. Here you will check the redemption code a resident shows, confirm the hand-out and see the day’s redemptions.',
  'roleHome.organiser.title': 'Patrols and volunteer activities',
  'roleHome.organiser.body': 'Here you will schedule night-run patrols, joint patrols with the property company and volunteer shifts, publish activities, manage sign-ups and record each resident’s attendance with check-in QR codes.',
};
