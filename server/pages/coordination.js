// The coordinator's page (GET /coordination): the campaign's answers in <ptce-referentiel
// mode="compare">, the key typed here and held in this module only (never in the page's HTML, its
// URL or the browser's storage), and what the widget does not do: delete, JSON export, a new code.
const status = document.querySelector('#status');
const tools = document.querySelector('#tools');
/** The campaign open on this page: its id and its key, in memory only. */
let current;

const REASONS = {
  'coordinator-key': 'Clé de coordination refusée pour cette campagne.',
  'too-many-attempts': 'Trop d’essais avec une clé erronée : réessayez dans un quart d’heure.',
  'not-found': 'Aucun jeu de réponses avec cette référence dans cette campagne.',
};
const say = (text, error = false) => {
  status.textContent = text;
  status.classList.toggle('error', error);
};

function api(path, init = {}) {
  const url = new URL(`api/campaigns/${encodeURIComponent(current.id)}${path}`, location.href);
  return fetch(url, { ...init, headers: { Authorization: `Bearer ${current.key}`, ...(init.headers ?? {}) } });
}

async function refusal(response) {
  const body = await response.json().catch(() => ({}));
  return REASONS[body.reason] ?? `Refusé par le serveur (${response.status}${body.error ? ` : ${body.error}` : ''}).`;
}

/** The widget, given the campaign's id and key (a property: never an attribute of the page). */
function showAnswers() {
  const element = document.createElement('ptce-referentiel');
  element.setAttribute('endpoint', new URL('ptce.json', location.href).href);
  element.setAttribute('mode', 'compare');
  element.setAttribute('campaign', current.id);
  element.setAttribute('heading-level', '2');
  element.coordinatorKey = current.key;
  document.querySelector('#answers').replaceChildren(element);
}

document.querySelector('#open').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = event.currentTarget;
  const id = form.elements.campaign.value.trim();
  const key = form.elements.key.value.trim();
  current = { id, key };
  // The key is checked once here, for a clear message, before the widget reads the answers.
  const response = await api('/assessments');
  if (!response.ok) {
    current = undefined;
    tools.hidden = true;
    document.querySelector('#answers').replaceChildren();
    say(await refusal(response), true);
    return;
  }
  form.elements.key.value = '';
  tools.hidden = false;
  say(`Campagne ${id} ouverte.`);
  showAnswers();
});

document.querySelector('#delete').addEventListener('submit', async (event) => {
  event.preventDefault();
  const field = event.currentTarget.elements.reference;
  const reference = field.value.trim();
  const response = await api(`/assessments/${encodeURIComponent(reference)}`, { method: 'DELETE' });
  if (!response.ok) return say(await refusal(response), true);
  field.value = '';
  say(`Jeu de réponses ${reference} supprimé.`);
  showAnswers();
});

document.querySelector('#export-json').addEventListener('click', async (event) => {
  event.preventDefault();
  const response = await api('/assessments?download');
  if (!response.ok) return say(await refusal(response), true);
  const url = URL.createObjectURL(await response.blob());
  const link = Object.assign(document.createElement('a'), { href: url, download: `${current.id}.json` });
  link.click();
  URL.revokeObjectURL(url);
});

document.querySelector('#rotate').addEventListener('submit', async (event) => {
  event.preventDefault();
  const response = await api('/respondent-code', { method: 'POST' });
  if (!response.ok) return say(await refusal(response), true);
  const { respondentCode } = await response.json();
  const shown = document.querySelector('#new-code');
  shown.querySelector('code').textContent = respondentCode;
  shown.hidden = false;
  say('Nouveau code de réponse créé : l’ancien est refusé dès maintenant. Mettez à jour le site du pôle.');
});
