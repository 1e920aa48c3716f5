// The test runners drive Debian's browsers (scripts/setup.sh): puppeteer's install step must not
// download a browser of its own, on any machine, with or without PUPPETEER_SKIP_DOWNLOAD.
module.exports = {
  skipDownload: true,
  chrome: { skipDownload: true },
  'chrome-headless-shell': { skipDownload: true },
  firefox: { skipDownload: true },
};
