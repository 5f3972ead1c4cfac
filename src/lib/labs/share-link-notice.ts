// Shows a share link's notices (see share-link.ts) in the element ShareLinkNotice.astro renders.
// DOM only; every lab that reads its settings from the URL uses it, so notices look alike.
import { noticeText, type ShareNotice } from './share-link.ts';

export function showShareNotices(element: HTMLElement, notices: readonly ShareNotice[]): void {
  element.hidden = notices.length === 0;
  if (notices.length === 0) {
    element.replaceChildren();
    return;
  }
  const list = document.createElement('ul');
  for (const n of notices) {
    const item = document.createElement('li');
    if (n.key) {
      const code = document.createElement('code');
      code.textContent = `${n.key}=${n.quoted}`;
      item.append(code, `: ${n.message}`);
    } else {
      item.textContent = noticeText(n);
    }
    list.append(item);
  }
  element.replaceChildren('Some settings in the link could not be used, so the lab uses its defaults for them:', list);
}
