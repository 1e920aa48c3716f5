import type { Catalog } from './index.js';

export const en: Catalog = {
  'state.loading': 'Loading…',
  'state.retry': 'Try again',
  'state.empty': 'Nothing to show yet.',
  'error.title': 'The data could not be loaded.',
  'error.network': 'The data server cannot be reached. Check your connection and try again.',
  'error.timeout': 'The data server did not answer within {seconds} seconds.',
  'error.http': 'The data server answered with an error (HTTP status {status}).',
  'error.not-json': 'The data received is not in the expected JSON format.',
  'error.too-large': 'The data received is larger than the accepted maximum ({size}).',
  'error.invalid': 'The data received does not follow the expected format.',
  'error.invalid-paths': 'Fields at fault: {paths}.',
  'error.no-endpoint': 'No data source is configured: add the endpoint attribute.',
  'error.no-resource': 'This data source does not publish a {resource}.',
  'error.unsupported-version':
    'This data source uses a version of the format ({version}) that this widget does not know.',
  'warning.skipped': {
    one: '{count} record skipped because it is invalid.',
    other: '{count} records skipped because they are invalid.',
  },
  'resource.poles': 'list of poles',
  'resource.referentiel': 'référentiel',
  'resource.charter': 'charter',
  'resource.signatures': 'address for signatures',
  'resource.assessments': 'address for assessments',
};
