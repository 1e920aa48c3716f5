// Server commands for what @web/test-runner-commands does not cover in every engine: the mouse
// wheel (puppeteer's mouse for Chromium and Firefox, a WebDriver "wheel" action for WebKit), and
// forced colours (Chromium's DevTools emulation; false where the engine has none).
const devtools = new WeakMap();

export function engineCommands() {
  return {
    name: 'ptce-engine-commands',
    async executeCommand({ command, payload, session }) {
      if (command === 'forced-colors') {
        if (session.browser.type !== 'puppeteer' || !/chrom/i.test(session.browser.name ?? '')) return false;
        // Straight through DevTools: puppeteer's emulateMediaFeatures knows no forced-colors.
        // The session stays open: DevTools drops a session's emulation when it detaches.
        const page = session.browser.getPage(session.id);
        if (!devtools.has(page)) devtools.set(page, await page.createCDPSession());
        await devtools
          .get(page)
          .send('Emulation.setEmulatedMedia', { features: [{ name: 'forced-colors', value: payload.active ? 'active' : 'none' }] });
        return true;
      }
      if (command !== 'wheel') return undefined;
      const [x, y] = payload.position;
      if (session.browser.type === 'puppeteer') {
        const page = session.browser.getPage(session.id);
        // Chromium scrolls by wheel through the compositor, which serves the tab in front only.
        await page.bringToFront();
        await page.mouse.move(x, y);
        await page.mouse.wheel({ deltaY: payload.deltaY });
        return true;
      }
      if (session.browser.type === 'webdriver') {
        const manager = session.browser.driverManager;
        await manager.performActions(session.id, [
          {
            type: 'wheel',
            id: 'wheel1',
            actions: [{ type: 'scroll', x, y, deltaX: 0, deltaY: payload.deltaY, duration: 0, origin: 'viewport' }],
          },
        ]);
        return true;
      }
      throw new Error(`no wheel for browser type ${session.browser.type}`);
    },
  };
}
