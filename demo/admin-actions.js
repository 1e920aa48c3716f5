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

async function load() {
  status.textContent = 'Chargement des fiches action…';
  const response = await api('api/admin/actions');
  if (!response.ok) {
    status.textContent = response.status === 401 ? 'Jeton refusé.' : `Erreur du serveur (${response.status}).`;
    table.hidden = true;
    return;
  }
  const { actions } = await response.json();
  const body = table.querySelector('tbody');
  body.replaceChildren();
  for (const entry of actions.slice().reverse()) {
    const { pole, action, contact } = entry.proposal;
    const row = document.createElement('tr');
    cell(row, entry.reference);
    cell(row, new Date(entry.receivedAt).toLocaleString('fr-FR'));
    cell(row, entry.poleListed ? pole.name : `${pole.name} (pas dans la liste : ne sera affichée sur aucune fiche)`);
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
        const decided = await api(`api/admin/actions/${encodeURIComponent(entry.reference)}/${verb}`, { method: 'POST' });
        await load();
        if (decided.ok) status.textContent = `Fiche ${entry.reference} : ${labels[(await decided.json()).status]}.`;
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
