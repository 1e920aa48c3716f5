// The demo's admin page: lists signatures with the admin API, approves or rejects them, exports CSV.
// Text from the server is inserted with textContent only. Addresses are relative: the page works
// wherever the server is mounted.
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
  const response = await api('api/admin/signatures');
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
    for (const [action, label] of [
      ['approve', 'Approuver'],
      ['reject', 'Refuser'],
    ]) {
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = label;
      button.setAttribute('aria-label', `${label} la signature ${entry.reference}`);
      button.disabled = entry.status !== 'pending';
      button.addEventListener('click', async () => {
        await api(`api/admin/signatures/${encodeURIComponent(entry.reference)}/${action}`, { method: 'POST' });
        await load();
      });
      actions.append(button, ' ');
    }
    body.append(row);
  }
  table.hidden = false;
  csv.hidden = false;
  status.textContent = `${signatures.length} signature(s).`;
  await loadCampaigns();
}

// ——— Campaigns: counts only, never answers; codes shown once, at creation ———

const campaignsSection = document.querySelector('#campaigns-section');
const poleSelect = document.querySelector('#campaign-pole');
const created = document.querySelector('#campaign-created');

async function loadCampaigns() {
  if (!poleSelect.options.length) {
    const { poles } = await (await fetch('poles.json')).json();
    for (const pole of poles) poleSelect.append(new Option(pole.name, pole.id));
  }
  const response = await api('api/admin/campaigns');
  if (!response.ok) return;
  const { campaigns } = await response.json();
  const body = document.querySelector('#campaigns tbody');
  body.replaceChildren();
  for (const campaign of campaigns.slice().reverse()) {
    const row = document.createElement('tr');
    cell(row, campaign.poleName ?? campaign.poleId);
    cell(row, campaign.title);
    cell(row, [campaign.opensOn ?? '…', campaign.closesOn ?? '…'].join(' → '));
    cell(row, String(campaign.answers));
    cell(row, `${campaign.closed ? 'Close' : 'Ouverte'}${campaign.publishedAt ? ', synthèse publiée' : ''}`);
    const actions = cell(row, '');
    const close = document.createElement('button');
    close.type = 'button';
    close.textContent = 'Clore';
    close.setAttribute('aria-label', `Clore la campagne ${campaign.title} (${campaign.poleName ?? campaign.poleId})`);
    close.disabled = campaign.closed;
    close.addEventListener('click', async () => {
      await api(`api/admin/campaigns/${encodeURIComponent(campaign.id)}/close`, { method: 'POST' });
      status.textContent = `Campagne « ${campaign.title} » close.`;
      await loadCampaigns();
    });
    actions.append(close);
    body.append(row);
  }
  campaignsSection.hidden = false;
}

document.querySelector('#new-campaign').addEventListener('submit', async (event) => {
  event.preventDefault();
  const value = (id) => document.querySelector(id).value.trim();
  const body = { poleId: poleSelect.value, title: value('#campaign-title') };
  if (value('#campaign-opens')) body.opensOn = value('#campaign-opens');
  if (value('#campaign-closes')) body.closesOn = value('#campaign-closes');
  const response = await api('api/admin/campaigns', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  const answer = await response.json();
  if (!response.ok) {
    const fields = (answer.errors ?? []).map((e) => `${e.path} : ${e.message}`).join(' ; ');
    status.textContent = `Campagne refusée : ${answer.error}${fields ? ` (${fields})` : ''}.`;
    return;
  }
  const origin = location.origin;
  const script = `<script type="module" src="${origin}/cdn/ptce-widgets.js"></script>`;
  document.querySelector('#created-code').textContent = answer.respondentCode;
  document.querySelector('#created-key').textContent = answer.coordinatorKey;
  document.querySelector('#created-snippet').value =
    `${script}\n<ptce-referentiel endpoint="${origin}/ptce.json" mode="answer" campaign="${answer.respondentCode}"></ptce-referentiel>`;
  // Only the respondent side goes on the pole's site: the coordinator key is typed on /coordination.
  document.querySelector('#created-id').textContent = answer.id;
  document.querySelector('#created-coordination').href = `${origin}/coordination`;
  created.hidden = false;
  status.textContent = `Campagne « ${answer.title} » ouverte pour ${answer.poleName ?? answer.poleId}. Notez ses codes : ils ne seront plus affichés.`;
  await loadCampaigns();
});

created.addEventListener('click', async (event) => {
  const target = event.target.closest('[data-copy]');
  if (!target) return;
  const source = document.getElementById(target.dataset.copy);
  await navigator.clipboard.writeText(source.value ?? source.textContent);
  status.textContent = 'Copié.';
});

csv.addEventListener('click', async (event) => {
  event.preventDefault();
  const response = await api('api/admin/signatures.csv');
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
