import { expect } from '@open-wc/testing';
import { axeViolations, find, loggedInAdminPage } from '../support/admin-page.js';
import { realServer } from '../support/mock.js';
import { choose, click, fill } from '../support/input.js';
import { until } from '../support/wait.js';

// Imports, sources and the référentiel through the admin page against the real server, typed and
// clicked as an admin would. Imports read URLs (no file chooser in a test): a GoGoCarto export the
// test runner serves, previewed then discarded, and the server's own poles.json, applied (it
// changes nothing, so the other test files' poles stay as they are).

const text = (root: ParentNode, selector: string) => find(root, selector)?.textContent?.replace(/\s+/g, ' ') ?? '';

describe('admin page: imports, sources and référentiel on the real server', () => {
  it('previews a GoGoCarto export and discards it, then applies our poles JSON', async () => {
    const server = await realServer();
    const { frame, doc } = await loggedInAdminPage(server.token);
    await click(find(doc, 'nav button[data-section="imports"]')!);
    const imports = () => find(doc, 'ptce-admin-imports')!.shadowRoot!;
    const url = await until(() => find<HTMLInputElement>(imports(), '#import-url'), 'the import form');
    expect(find<HTMLInputElement>(imports(), '#import-file')!.type, 'a real file input').to.equal('file');
    expect(await axeViolations(frame), 'import form').to.deep.equal([]);

    // Neither a file nor a URL: said, nothing sent.
    await click(find(imports(), '#new-import button[type="submit"]')!);
    await until(() => text(imports(), '#imports-status').includes('Choisissez un fichier ou donnez une adresse'), 'file or URL');

    await fill(url, `${location.origin}/test/fixtures/gogocarto-sample.json`);
    await choose(find<HTMLSelectElement>(imports(), '#import-format')!, 'gogocarto');
    await click(find(imports(), '#new-import button[type="submit"]')!);
    await until(() => find(imports(), '#import-preview'), 'the preview');
    expect(text(imports(), '#imports-status')).to.match(/Aperçu prêt : \d+ lignes lues\./);
    expect(text(imports(), '#import-counts')).to.match(/\d+ lignes lues/);
    expect(text(imports(), '#import-state')).to.equal('En attente de décision.');
    expect(pageNames(imports()), 'the rows are listed by name').to.contain('Les Écosolies');
    expect(await axeViolations(frame), 'preview').to.deep.equal([]);
    await click(find(imports(), '#import-decision button:not(.primary)')!);
    await until(() => text(imports(), '#imports-status').includes('Import écarté : rien n’a été écrit.'), 'discarded');
    expect(text(imports(), '#import-state')).to.equal('Écarté.');
    expect(find(imports(), '#import-decision'), 'no decision left').to.equal(null);

    // Our own poles JSON back into the directory: no new pole, and applying writes exactly the poles
    // the preview shows as changed (none on a fresh server; the test files before this one, on the
    // same shared server, leave a few poles whose public document differs from their record).
    await fill(url, `${server.url}/poles.json`);
    await choose(find<HTMLSelectElement>(imports(), '#import-format')!, 'ptce');
    await click(find(imports(), '#new-import button[type="submit"]')!);
    await until(() => text(imports(), '#import-state') === 'En attente de décision.', 'the second preview');
    const counts = text(imports(), '#import-counts');
    expect(counts).to.match(/aucun nouveau pôle.*\d+ pôles inchangés/);
    const changed = Number(/(\d+) pôles? modifiés?/.exec(counts)?.[1] ?? 0);
    await click(find(imports(), '#import-decision button.primary')!);
    await until(() => text(imports(), '#imports-status').includes('Import appliqué.'), 'applied');
    expect(text(imports(), '#imports-status')).to.match(new RegExp(`Lignes lues : \\d+, rapprochées : \\d+, écrites : ${changed}\\.`));
    expect(await axeViolations(frame), 'applied').to.deep.equal([]);

    // In English.
    await choose(find<HTMLSelectElement>(doc, 'header select')!, 'en');
    await until(() => text(imports(), '#import-state') === 'Applied.', 'English');
    expect(text(imports(), '#import-counts')).to.match(/no new poles.*\d+ unchanged poles/);
  });

  it('adds a source, runs it, shows its last success, edits and deletes it', async () => {
    const server = await realServer();
    const { frame, doc } = await loggedInAdminPage(server.token);
    await click(find(doc, 'nav button[data-section="sources"]')!);
    const sources = () => find(doc, 'ptce-admin-sources')!.shadowRoot!;
    const name = `Annuaire ${Date.now().toString(36)}`;
    await fill(await until(() => find<HTMLInputElement>(sources(), '#source-name'), 'the source form'), name);
    await fill(find<HTMLInputElement>(sources(), '#source-url')!, `${server.url}/poles.json`);
    await click(find(sources(), '#source-form button[type="submit"]')!);
    await until(() => text(sources(), '#sources-status').includes(`Source ${name} ajoutée.`), 'added');
    await until(() => text(sources(), '#sources').includes(name), 'listed');
    expect(await axeViolations(frame), 'sources').to.deep.equal([]);

    await click(await until(() => buttonNamed(sources(), `Lancer ${name} maintenant`), 'the run button'));
    await until(() => text(sources(), '#sources-status').includes(`Source ${name} importée.`), 'ran');
    const row = () => [...sources().querySelectorAll('#sources tbody tr')].find((tr) => tr.textContent!.includes(name))!;
    await until(() => row().querySelectorAll('td')[1].textContent!.trim() !== 'jamais', 'its last success');
    expect(row().querySelectorAll('td')[2].textContent!.trim(), 'no failure').to.equal('jamais');

    await click(buttonNamed(sources(), `Modifier ${name}`)!);
    const period = find<HTMLInputElement>(sources(), '#source-period')!;
    await until(() => period.value === '1440', 'the form filled');
    await fill(period, '60');
    await click(find(sources(), '#source-form button[type="submit"]')!);
    await until(() => text(sources(), '#sources-status').includes(`Source ${name} enregistrée.`), 'saved');
    await until(() => row()?.textContent!.includes('toutes les 60 min'), 'the new period');
    expect(await axeViolations(frame), 'edited').to.deep.equal([]);

    await click(buttonNamed(sources(), `Supprimer ${name}`)!);
    await until(() => text(sources(), '#sources-status').includes(`Source ${name} supprimée`), 'deleted');
    await until(() => !text(sources(), 'table').includes(name) || !find(sources(), '#sources'), 'gone from the list');
  });

  it('says why a référentiel version is refused', async () => {
    const server = await realServer();
    const { frame, doc } = await loggedInAdminPage(server.token);
    await click(find(doc, 'nav button[data-section="referentiel"]')!);
    const section = () => find(doc, 'ptce-admin-referentiel')!.shadowRoot!;
    await until(() => text(section(), '#referentiel-versions').includes('en cours'), 'the versions');
    expect(await axeViolations(frame), 'versions').to.deep.equal([]);

    // The current version again: refused, in a sentence.
    const url = find<HTMLInputElement>(section(), '#referentiel-url')!;
    await fill(url, 'referentiel.json');
    await click(find(section(), '#referentiel-form button[type="submit"]')!);
    await until(() => text(section(), '#referentiel-status').includes('Cette version existe déjà sur ce serveur'), 'refused');
    // Not JSON at all.
    await fill(url, 'admin.html');
    await click(find(section(), '#referentiel-form button[type="submit"]')!);
    await until(() => text(section(), '#referentiel-status').includes('n’est pas du JSON lisible'), 'not JSON');
    expect(await axeViolations(frame), 'refused').to.deep.equal([]);
  });
});

function pageNames(root: ParentNode): string {
  return [...root.querySelectorAll('#import-preview li')].map((li) => li.textContent).join(' ');
}

function buttonNamed(root: ParentNode, name: string): HTMLButtonElement | undefined {
  return [...root.querySelectorAll('button')].find((button) => button.textContent!.trim() === name);
}
