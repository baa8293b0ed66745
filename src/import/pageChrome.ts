/**
 * The old site's page chrome: the links and switches around an article that
 * are not part of it, in English and Chinese.
 */
const CHROME_PHRASES = [
  'add to favorites', 'add to favourites', 'back to top', 'bookmark', 'close', 'close window', 'contact us', 'english',
  'font size', 'home', 'homepage', 'large', 'log in', 'log out', 'login', 'logout', 'medium', 'print', 'register',
  'search', 'set as homepage', 'set as home page', 'share', 'site map', 'sitemap', 'small', 'sign in', 'sign out',
  '中文', '简体', '繁體', '繁体', '首页', '登录', '登陆', '注册', '退出', '设为首页', '加入收藏', '收藏本站', '联系我们',
  '网站地图', '打印', '打印本页', '关闭', '关闭窗口', '返回顶部', '分享', '搜索', '字体', '字号', '大', '中', '小',
]

/** Longest first, so "set as homepage" is taken whole before "home". */
const CHROME = new RegExp(
  `(${[...CHROME_PHRASES].sort((a, b) => b.length - a.length).map((phrase) => phrase.replace(/\s+/g, '\\s*')).join('|')})`,
  'giu',
)

/** Links to the neighbouring articles: "Previous: …", "下一篇：…". */
const NEIGHBOUR_LINK = /^(?:previous|next|prev\.?|上一篇|下一篇|上一条|下一条)\s*[:：]/i

/** A line made of chrome only: "Login Set as Homepage Contact us", "中文 English", "【打印】【关闭】". */
export function isChromeLine(line: string): boolean {
  if (NEIGHBOUR_LINK.test(line)) return true
  const rest = line.replace(CHROME, ' ').replace(/[\s|｜·•/\\\-–—[\]【】()（）<>《》:：,，.。]+/g, '')
  return rest.length === 0
}

/** "Your location:Home > Journals > …", "当前位置：首页 > 期刊 > …". */
const BREADCRUMB_PREFIX = /^(?:your\s+(?:current\s+)?(?:location|position)|current\s+location|location|you\s+are\s+here|当前位置|您的位置|您现在的位置|所在位置|现在位置)\s*[:：]\s*/i
const CRUMB_SEPARATOR = /\s*(?:>|›|»|＞|→|»)\s*/
const HOME = /^(?:home|homepage|home page|首页|主页|网站首页)$/i

/** The crumbs of a breadcrumb line, "Home" first, or undefined when the line is not one. */
export function breadcrumbOf(line: string): string[] | undefined {
  const prefixed = BREADCRUMB_PREFIX.exec(line)
  const trail = prefixed ? line.slice(prefixed[0].length) : line
  const crumbs = trail.split(CRUMB_SEPARATOR).map((crumb) => crumb.trim()).filter(Boolean)
  if (prefixed && crumbs.length > 0) return crumbs
  return crumbs.length >= 2 && HOME.test(crumbs[0]) ? crumbs : undefined
}

export function isHomeCrumb(crumb: string): boolean {
  return HOME.test(crumb)
}

/** Where the site's footer begins: the address block, or the copyright line. */
export function isFooterStart(line: string): boolean {
  return (
    /^(?:address|地\s*址)\s*[:：]/i.test(line) ||
    /(?:^|\s)(?:tel|电\s*话)\s*[:：].*(?:fax|传\s*真)\s*[:：]/i.test(line) ||
    /^(?:copyright|©|\(c\)|版权所有)/i.test(line)
  )
}

/** Footer lines that are not directory entries. */
export function isCopyrightLine(line: string): boolean {
  return /copyright|©|版权所有|all rights reserved|icp备|京icp/i.test(line)
}
