import { COUNTIES, County } from '@app/contracts';

/**
 * Townships (乡/镇/街道) of each county that producers are placed in. Names are real townships of the
 * county as far as we know them; villages are made up from common local place-name parts.
 */
export const TOWNSHIPS: Record<County, readonly string[]> = {
  zhaoyang: ['北闸镇', '洒渔镇', '苏家院镇', '永丰镇', '乐居镇', '靖安镇', '旧圃镇', '盘河镇', '炎山镇', '大山包镇', '守望乡', '田坝乡'],
  ludian: ['文屏镇', '龙头山镇', '水磨镇', '火德红镇', '小寨镇', '江底镇', '乐红镇', '梭山镇', '茨院乡', '桃源乡', '龙树镇'],
  qiaojia: ['白鹤滩镇', '蒙姑镇', '大寨镇', '药山镇', '老店镇', '茂租镇', '金塘镇', '小河镇', '东坪镇', '马树镇', '包谷垴乡'],
  yanjin: ['盐井镇', '豆沙镇', '普洱镇', '中和镇', '庙坝镇', '柿子镇', '兴隆乡', '落雁乡', '滩头乡', '牛寨乡'],
  daguan: ['翠华镇', '天星镇', '吉利镇', '玉碗镇', '寿山镇', '木杆镇', '悦乐镇', '高桥镇', '上高桥乡'],
  yongshan: ['溪洛渡街道', '务基镇', '桧溪镇', '黄华镇', '大兴镇', '茂林镇', '莲峰镇', '码口镇', '团结乡', '马楠乡', '水竹乡'],
  suijiang: ['中城镇', '南岸镇', '新滩镇', '会仪镇', '板栗镇'],
  zhenxiong: ['乌峰街道', '以勒镇', '泼机镇', '塘房镇', '中屯镇', '木卓镇', '芒部镇', '雨河镇', '母享镇', '赤水源镇', '坡头镇', '场坝镇', '花山乡', '果珠乡'],
  yiliang: ['角奎镇', '小草坝镇', '龙海镇', '洛泽河镇', '发界镇', '海子镇', '牛街镇', '钟鸣镇', '两河镇', '洛旺乡', '柳溪乡', '奎香乡'],
  weixin: ['扎西镇', '双河乡', '旧城镇', '罗布镇', '麟凤镇', '长安镇', '庙沟镇', '水田镇', '三桃乡', '高田乡'],
  shuifu: ['向家坝镇', '太平镇', '两碗镇', '云富街道'],
};

/** How many producers a county gets relative to the others (bigger farming counties list more). */
export const COUNTY_WEIGHT: Record<County, number> = {
  zhaoyang: 12, ludian: 11, qiaojia: 8, yanjin: 6, daguan: 7, yongshan: 7, suijiang: 4, zhenxiong: 11, yiliang: 11, weixin: 6, shuifu: 3,
};

/** 鲁甸县 → 鲁甸, 昭阳区 → 昭阳, 水富市 → 水富: the short form used in product titles. */
export function countyShort(county: County): string {
  return COUNTIES[county].zh.replace(/[县区市]$/, '');
}

/** 龙头山镇 → 龙头山, 溪洛渡街道 → 溪洛渡. */
export function townshipShort(township: string): string {
  return township.replace(/(街道|镇|乡)$/, '');
}

const VILLAGE_HEADS = ['大坪', '河坝', '中坝', '营盘', '石门', '青杠', '红岩', '海坝', '官寨', '新店', '松林', '龙井', '白泥', '黄泥', '柏杨', '田坝', '银厂', '水井', '凉风', '桂花', '光明', '团结', '坪上', '杉木', '核桃', '三岔', '双龙', '梨园', '沙坝', '箐口'];
const VILLAGE_TAILS = ['村', '社区'];

/** A plausible village (村) name. */
export function villageName(pick: <T>(items: readonly T[]) => T, chance: (p: number) => boolean): string {
  return `${pick(VILLAGE_HEADS)}${chance(0.9) ? VILLAGE_TAILS[0] : VILLAGE_TAILS[1]}`;
}

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '马', '朱', '胡', '郭', '何', '罗', '高', '林', '邓', '陆', '余', '龙', '肖', '唐', '蒋', '潘', '曾', '聂', '申', '禄', '安', '苏'];
const GIVEN = ['建国', '国华', '德明', '正富', '成芬', '永红', '光荣', '金花', '春梅', '兴华', '学文', '志强', '家贵', '应才', '会英', '仕林', '开明', '朝兵', '丽萍', '明芬', '绍云', '德彬', '廷芳', '文秀', '朝富', '启龙', '从友', '顺昌', '体仁', '大勇', '秀英', '玉兰', '海军', '加林', '正伟'];

export function personName(pick: <T>(items: readonly T[]) => T): { surname: string; full: string } {
  const surname = pick(SURNAMES);
  return { surname, full: `${surname}${pick(GIVEN)}` };
}
