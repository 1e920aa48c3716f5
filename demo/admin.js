// The demo's admin page: lists signatures with the admin API, approves or rejects them, exports CSV.
// Text from the server is inserted with textContent only.
const form = document.querySelector('#login');
const tokenInput = document.querySelector('#token');
const status = document.querySelector('#status');
const table = document.querySelector('#signatures');
const csv = document.querySelector('#csv');
const labels = { pending: 'En attente', approved: 'Approuvée', rejected: 'Refusée' };

tokenInput.value = sessionStorage.getItem('ptce-admin-token') ?? '';

const api = (path, init = {}) =>
  fetch(path, { ...init, headers: { Authorization: `Bearer ${tokenInput.value}`, ...(init.headers ?? {}) } });

function cell(row, text) {
  const td = document.createElement('td');
  td.textContent = text;
  row.append(td);
  return td;
}

async function load() {
  status.textContent = 'Chargement…';
  const response = await api('/api/admin/signatures');
  if (response.status === 401) {
    status.textContent = 'Jeton refusé.';
    table.hidden = true;
    csv.hidden = true;
    return;
  }
  if (!response.ok) {
    status.textContent = `Erreur du serveur (${response.status}).`;
    return;
  }
  sessionStorage.setItem('ptce-admin-token', tokenInput.value);
  const { signatures } = await response.json();
  const body = table.querySelector('tbody');
  body.replaceChildren();
  for (const entry of signatures.slice().reverse()) {
    const s = entry.signature;
    const row = document.createElement('tr');
    cell(row, entry.reference);
    cell(row, new Date(entry.receivedAt).toLocaleString('fr-FR'));
    cell(row, `${s.pole.name} — ${s.pole.postcode} ${s.pole.city}`);
    cell(row, `${s.representative.firstName} ${s.representative.lastName} (${s.representative.email}, ${s.representative.phone})`);
    cell(row, `${s.place}, ${s.date}`);
    cell(row, entry.consentToList ? 'oui' : 'non');
    cell(row, labels[entry.status] ?? entry.status);
    const actions = cell(row, '');
    for (const [action, label] of [['approve', 'Approuver'], ['reject', 'Refuser']]) {
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = label;
      button.setAttribute('aria-label', `${label} la signature ${entry.reference}`);
      button.disabled = entry.status !== 'pending';
      button.addEventListener('click', async () => {
        await api(`/api/admin/signatures/${encodeURIComponent(entry.reference)}/${action}`, { method: 'POST' });
        await load();
      });
      actions.append(button, ' ');
    }
    body.append(row);
  }
  table.hidden = false;
  csv.hidden = false;
  status.textContent = `${signatures.length} signature(s).`;
}

csv.addEventListener('click', async (event) => {
  event.preventDefault();
  const response = await api('/api/admin/signatures.csv');
  const url = URL.createObjectURL(await response.blob());
  const link = Object.assign(document.createElement('a'), { href: url, download: 'signatures-charte-ptce.csv' });
  link.click();
  URL.revokeObjectURL(url);
});

form.addEventListener('submit', (event) => {
  event.preventDefault();
  void load();
});
if (tokenInput.value) void load();
