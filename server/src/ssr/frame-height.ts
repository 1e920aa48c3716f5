/**
 * Tells the page framing an embed page how tall its content is, whenever that changes
 * (`{type: 'ptce:height', height}`; README "Embed without a script" has the framing page's side).
 */
export const FRAME_HEIGHT_SCRIPT = `// ptce-widgets: tells the framing page this page's height ({type: 'ptce:height', height}).
if (window.parent !== window) {
  let last = 0;
  const send = () => {
    const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height === last) return;
    last = height;
    window.parent.postMessage({ type: 'ptce:height', height }, '*');
  };
  new ResizeObserver(send).observe(document.documentElement);
  addEventListener('load', send);
  send();
}
`;
