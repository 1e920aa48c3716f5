// The repository's top folder, from server/src/ (run through tsx) or from the build
// (server/dist/server/src/, `npm run -w server build`): demo pages, demo data, default database.
import { fileURLToPath } from 'node:url';

const built = import.meta.url.endsWith('.js');
export const repo = fileURLToPath(new URL(built ? '../../../../' : '../../', import.meta.url)).replace(/[/\\]$/, '');
