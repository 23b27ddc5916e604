// The garbage-text heuristic, measured on a table: every real report passes, every garbage line is refused with its reason.
import { describe, expect, it } from 'vitest';
import { garbageReason, normaliseForMatching } from '../../src/domain/verification/garbage-text';

/** Real short reports as residents write them (tips, wishes, with numbers, English, pinyin, emoji, full-width). */
const REAL = [
  '3号楼楼道灯坏了',
  '楼道灯不亮',
  '11栋漏水了',
  '有人偷车',
  '电梯坏了!!!',
  '5栋2单元电梯又停了,老人上不去楼',
  '五号楼消防通道被纸箱堵住了',
  '七号楼灭火器过期很久没换',
  '12栋一单元楼道有电瓶车飞线充电',
  '12栋一单元楼道里有电瓶车在飞线充电!',
  '小区东门的配电箱柜门坏了敞开着',
  '单元门口最近总有陌生人徘徊张望',
  '地下车库有人半夜聚众赌博还吵闹',
  '有人在1栋楼下撬电瓶车,穿灰色外套',
  '希望有人每周陪独居的老人聊聊天',
  '想请邻居帮忙陪老人去医院复查',
  '3栋楼道有电瓶车飞线充电',
  '断网测试第 1 条:楼道灯不亮',
  '楼下垃圾三天没人收了 🤢🤢',
  '路灯不亮,晚上很黑,老人容易摔倒',
  '６栋１单元　水管爆了',
  '好多好多蚊子',
  '哈哈,楼下的狗又叫了一晚上',
  '快递柜坏了',
  '二楼有煤气味',
  '井盖丢了!',
  '小孩在河边玩水很危险',
  '门禁卡刷不开',
  '垃圾桶满了满了',
  '请修一下秋千',
  'The street light at gate 2 is broken',
  'water leak in building 7',
  'lift broken again',
  'dian ti huai le',
  'louDao deng huai le',
  'WiFi没信号',
  'ATM机前有可疑人员',
  'B2车库积水严重',
  'KTV太吵了',
  '8栋302漏水到楼下',
  '99号门面油烟太大',
  '喵喵喵的流浪猫受伤了',
];

const GARBAGE: [string, string][] = [
  ['啊啊啊啊啊', 'repeated'],
  ['哈哈哈哈哈哈哈哈', 'repeated'],
  ['aaaaaaa', 'repeated'],
  ['ababababab', 'repeated'],
  ['1111111', 'no_letters'],
  ['12345678', 'no_letters'],
  ['!!!!!!!', 'no_letters'],
  ['。。。。。。', 'no_letters'],
  ['😀😀😀😀😀', 'no_letters'],
  ['??? 123 ???', 'no_letters'],
  ['asdfghjkl', 'keyboard_mash'],
  ['qwertyuiop', 'keyboard_mash'],
  ['sdfsdfsdfsdf', 'keyboard_mash'],
  ['jkljkljkl', 'keyboard_mash'],
  ['zxcvbnm', 'keyboard_mash'],
  ['hjkhjkhjk hjk', 'keyboard_mash'],
  ['xcvxcvbnbn', 'keyboard_mash'],
  ['好好好好好好坏坏坏坏坏坏好好', 'repeated'],
  ['测测测测测测测', 'repeated'],
  ['ＡＡＡＡＡＡ', 'repeated'],
];

describe('garbageReason', () => {
  it.each(REAL)('lets a real report through: %s', (text) => {
    expect(garbageReason(text)).toBeNull();
  });

  it.each(GARBAGE)('refuses %s as %s', (text, reason) => {
    expect(garbageReason(text)).toBe(reason);
  });

  it('measured: 0 real reports refused, every garbage line refused', () => {
    const falsePositives = REAL.filter((t) => garbageReason(t) !== null);
    const missed = GARBAGE.filter(([t]) => garbageReason(t) === null);
    expect({ real: REAL.length, falsePositives, garbage: GARBAGE.length, missed }).toEqual({ real: 42, falsePositives: [], garbage: 20, missed: [] });
  });
});

describe('normaliseForMatching', () => {
  it('folds full-width characters, case and whitespace', () => {
    expect(normaliseForMatching('  ６栋１单元　\n 水管  爆了 ABC ')).toBe('6栋1单元 水管 爆了 abc');
  });
});
