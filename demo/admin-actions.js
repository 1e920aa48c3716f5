// The admin page's "Fiches action" section: lists the fiches proposed with <ptce-action-form>,
// approves or rejects them. Its own module beside admin.js (the signatures); it shares the token
// field and the login form. Paths are relative to the page; server text goes in with textContent.
const form = document.querySelector('#login');
const tokenInput = document.querySelector('#token');
const status = document.querySelector('#actions-status');
const table = document.querySelector('#actions');
const labels = { pending: 'En attente', approved: 'Approuvée', rejected: 'Refusée' };

const api = (path, init = {}) =>
  fetch(path, { ...init, headers: { Authorization: `Bearer ${tokenInput.value}`, ...(init.headers ?? {}) } });

function cell(row, ...lines) {
  const td = document.createElement('td');
  lines.forEach((line, i) => td.append(...(i ? [document.createElement('br')] : []), line));
  row.append(td);
  return td;
}

/** A name reduced to its words: no accents, case or punctuation ("Domb'Innov" → ["domb", "innov"]). */
const words = (name) =>
  name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
const GENERIC = new Set(['pole', 'ptce', 'de', 'des', 'du', 'la', 'le', 'les', 'et', 'cooperation', 'economique', 'territorial']);

/** The listed poles whose folded name is close to a typed one: same letters, or a distinctive word in common. */
function matches(typed, poles) {
  const typedWords = words(typed);
  const compact = typedWords.join('');
  const score = (pole) => {
    const poleWords = words(pole.name);
    if (compact && poleWords.join('') === compact) return 100;
    return poleWords.filter((word) => !GENERIC.has(word) && word.length > 2 && typedWords.includes(word)).length;
  };
  return poles
    .map((pole) => ({ pole, score: score(pole) }))
    .filter(({ score }) => score > 0)
    .sort((a, b) => b.score - a.score)
    .map(({ pole }) => pole);
}

/** For a fiche whose pole was typed: a choice of listed pole, possible matches first. */
function poleChoice(entry, poles) {
  const id = `pole-${entry.reference}`;
  const label = document.createElement('label');
  label.htmlFor = id;
  label.textContent = `Pôle où afficher la fiche ${entry.reference} :`;
  const select = document.createElement('select');
  select.id = id;
  const option = (value, text) => Object.assign(document.createElement('option'), { value, textContent: text });
  select.append(option('', '— aucun (la fiche ne sera affichée nulle part) —'));
  const close = matches(entry.proposal.pole.name, poles);
  if (close.length) {
    const group = Object.assign(document.createElement('optgroup'), { label: 'Correspondances possibles' });
    group.append(...close.map((pole) => option(pole.id, pole.name)));
    select.append(group);
  }
  const all = Object.assign(document.createElement('optgroup'), { label: 'Tous les pôles' });
  all.append(...poles.map((pole) => option(pole.id, pole.name)).sort((a, b) => a.textContent.localeCompare(b.textContent, 'fr')));
  select.append(all);
  return { label, select };
}

async function listedPoles() {
  const response = await fetch('poles.json');
  return response.ok ? ((await response.json()).poles ?? []) : [];
}

async function load() {
  status.textContent = 'Chargement des fiches action…';
  const response = await api('api/admin/actions');
  if (!response.ok) {
    status.textContent = response.status === 401 ? 'Jeton refusé.' : `Erreur du serveur (${response.status}).`;
    table.hidden = true;
    return;
  }
  const { actions } = await response.json();
  const poles = actions.some((entry) => !entry.poleListed && entry.status === 'pending') ? await listedPoles() : [];
  const body = table.querySelector('tbody');
  body.replaceChildren();
  for (const entry of actions.slice().reverse()) {
    const { pole, action, contact } = entry.proposal;
    const row = document.createElement('tr');
    cell(row, entry.reference);
    cell(row, new Date(entry.receivedAt).toLocaleString('fr-FR'));
    const poleCell = cell(row, entry.poleListed ? entry.poleName : `${pole.name} (pas dans la liste)`);
    const choice = !entry.poleListed && entry.status === 'pending' && poles.length ? poleChoice(entry, poles) : undefined;
    if (choice) poleCell.append(document.createElement('br'), choice.label, ' ', choice.select);
    cell(row, action.title, `Propose : ${action.offer}`);
    cell(row, contact.name, contact.email);
    cell(row, labels[entry.status] ?? entry.status);
    const decision = cell(row);
    for (const [verb, label] of [
      ['approve', 'Approuver'],
      ['reject', 'Refuser'],
    ]) {
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = label;
      button.setAttribute('aria-label', `${label} la fiche ${entry.reference}`);
      button.disabled = entry.status !== 'pending';
      button.addEventListener('click', async () => {
        const poleId = verb === 'approve' && choice?.select.value;
        const decided = await api(
          `api/admin/actions/${encodeURIComponent(entry.reference)}/${verb}`,
          poleId
            ? { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ poleId }) }
            : { method: 'POST' },
        );
        await load();
        if (decided.ok) {
          const view = await decided.json();
          status.textContent = `Fiche ${entry.reference} : ${labels[view.status]}${poleId && view.poleListed ? `, sur le pôle ${view.poleName}` : ''}.`;
        } else status.textContent = `Fiche ${entry.reference} : erreur du serveur (${decided.status}).`;
      });
      decision.append(button, ' ');
    }
    body.append(row);
  }
  table.hidden = false;
  status.textContent = `${actions.length} fiche(s) action.`;
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  void load();
});
if (tokenInput.value) void load();
