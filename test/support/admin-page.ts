import { fixture, html } from '@open-wc/testing';
import { click, fill } from './input.js';
import { until } from './wait.js';

/**
 * The real server's admin page in a frame, logged in with `token` as a moderator would: typed and
 * sent with real input. Returns the frame and its document.
 */
export async function loggedInAdminPage(
  token: string,
  size = 'width:1000px;height:600px',
): Promise<{ frame: HTMLIFrameElement; doc: Document }> {
  // The admin page remembers the token for the tab and loads at once with it; an earlier test's
  // token would start a second load racing the one the login starts.
  sessionStorage.removeItem('ptce-admin-token');
  const frame = await fixture<HTMLIFrameElement>(html`<iframe src="/real/admin.html" title="admin" style="${size};border:0"></iframe>`);
  const doc = await until(() => {
    const loaded = frame.contentDocument;
    return loaded?.readyState === 'complete' && loaded.querySelector('#token') ? loaded : undefined;
  }, 'admin page');
  frame.scrollIntoView({ block: 'start' });
  await until(() => doc.querySelector('#token')!.checkVisibility?.() ?? true, 'admin page laid out');
  await fill(doc.querySelector<HTMLInputElement>('#token')!, token);
  await click(doc.querySelector('#login button[type="submit"]')!);
  return { frame, doc };
}
