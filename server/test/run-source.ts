// One run of a source from a process of its own, with its own store (imports.test.ts starts two at
// once on the same database): prints whether it ran.
import { runSource } from '../src/imports/sources.js';
import { openStore } from '../src/store/index.js';

const [database, id, owner] = process.argv.slice(2);
const store = await openStore(database);
const outcome = await runSource(store.db, Number(id), { owner });
console.log(JSON.stringify(outcome.ran ? { ran: true, status: outcome.status } : { ran: false, reason: outcome.reason }));
await store.close();
