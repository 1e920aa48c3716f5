import type { Message } from '../types.js';

/** French sentences of the failures and the resources they name: in every element's file, so offline pages can say what failed. */
export const errors = {
  'error.network': 'Le serveur de données est injoignable. Vérifiez votre connexion puis réessayez.',
  'error.chunk': 'Une partie du widget n’a pas pu être téléchargée. Vérifiez votre connexion puis réessayez.',
  'error.timeout': 'Le serveur de données n’a pas répondu dans le délai de {seconds} secondes.',
  'error.http': 'Le serveur de données a répondu par une erreur (code HTTP {status}).',
  'error.not-json': 'Les données reçues ne sont pas au format JSON attendu.',
  'error.not-endpoint': 'Cette adresse ne mène ni à une source de données PTCE ni à une liste de pôles.',
  'error.too-large': 'Les données reçues dépassent la taille maximale acceptée ({size}).',
  'error.invalid': 'Les données reçues ne respectent pas le format attendu.',
  'error.invalid-paths': 'Champs en cause : {paths}.',
  'error.field-missing': 'manquant',
  'error.field-invalid': 'invalide',
  'error.no-endpoint': 'Aucune source de données n’est configurée : ajoutez l’attribut endpoint.',
  'error.no-resource': 'Cette source de données ne publie pas de « {resource} ».',
  'error.unsupported-version': 'Cette source de données utilise une version du format ({version}) que ce composant ne connaît pas.',
  'resource.poles': 'liste des pôles',
  'resource.referentiel': 'référentiel',
  'resource.referentielVersions': 'versions du référentiel',
  'resource.charter': 'charte',
  'resource.signatures': 'adresse d’envoi des signatures',
  'resource.assessments': 'adresse d’envoi des évaluations',
  'resource.campaigns': 'adresse des campagnes',
  'resource.actions': 'adresse d’envoi des fiches action',
} as const satisfies Record<string, Message>;
