import type { Message } from '../types.js';

/** French messages of the référentiel's campaigns (answer, compare, over time). */
export const campaign = {
  'campaign.title': 'Campagne « {title} » — {pole}',
  'campaign.dates': 'Ouverte du {from} au {to}',
  'campaign.from': 'Ouverte depuis le {from}',
  'campaign.until': 'Ouverte jusqu’au {to}',
  'campaign.closed': 'Cette campagne est close : elle ne reçoit plus de réponses.',
  'campaign.answers': { zero: 'Aucune réponse pour l’instant.', one: '{count} réponse reçue.', other: '{count} réponses reçues.' },
  'campaign.refresh': 'Actualiser',
  'campaign.refreshed': 'Réponses actualisées.',
  'campaign.publish': 'Publier la synthèse sur la fiche du pôle',
  'campaign.unpublish': 'Retirer la synthèse de la fiche du pôle',
  'campaign.published':
    'Synthèse publiée sur la fiche du pôle le {date} (moyennes par objectif principal et nombre de répondant·es ; jamais les réponses individuelles).',
  'campaign.not-published': 'Synthèse non publiée : les réponses restent privées au pôle.',
  'campaign.export-csv': 'Exporter les réponses (CSV)',
  'campaign.action-failed': 'L’action n’a pas abouti : {reason}',
  'campaign.refused.campaign-code': 'Ce code de campagne n’est pas reconnu. Vérifiez-le auprès de la coordination du pôle.',
  'campaign.refused.coordinator-key':
    'Clé de coordination absente ou refusée : les réponses de cette campagne ne sont lisibles qu’avec la clé remise à sa création.',
  'campaign.refused.campaign-closed':
    'Cette campagne est close : elle ne reçoit plus de réponses. Vos réponses restent enregistrées dans ce navigateur ; vous pouvez les exporter.',
  'campaign.refused.campaign-not-open': 'Cette campagne n’est pas encore ouverte : réessayez à partir de sa date d’ouverture.',
  'campaign.refused.wrong-pole': 'Ces réponses concernent un autre pôle que celui de la campagne.',
  'campaign.refused.too-many-attempts': 'Trop d’essais avec un code ou une clé erronés : réessayez dans un quart d’heure.',
  'campaign.refused.no-answers': 'Rien à publier : cette campagne n’a encore reçu aucune réponse.',
  'campaign.refused.other-campaign-published':
    'La synthèse d’une autre campagne de ce pôle est publiée : elle doit d’abord être retirée, avec la clé de cette campagne.',
  'campaign.refused.campaign-full': 'Cette campagne a reçu toutes les réponses qu’elle peut recevoir.',
  'campaign.refused.referentiel-changed':
    'Le référentiel a changé de version depuis cette campagne : sa synthèse ne peut plus être publiée.',
  'campaign.need-key': 'Indiquez la clé de coordination de la campagne (attribut key).',
  'over.title': 'Évolution entre deux campagnes',
  'over.intro':
    '« {before} » ({countBefore} réponses) puis « {after} » ({countAfter} réponses). Niveau moyen par objectif principal et écart entre les regards des acteurs (plus bas = regards plus proches).',
  'over.moved': 'Ce qui a le plus bougé',
  'over.nothing-moved': 'Aucun objectif principal n’a bougé de plus d’un quart de point.',
  'over.before': 'Avant',
  'over.after': 'Après',
  'over.change': 'Évolution',
  'over.views': 'Regards des acteurs',
  'over.up': 'en hausse ({delta})',
  'over.down': 'en baisse ({delta})',
  'over.steady': 'stable',
  'over.converged': 'rapprochés (écart {before} → {after})',
  'over.diverged': 'éloignés (écart {before} → {after})',
  'over.same-views': 'semblables (écart {before} → {after})',
  'over.unknown': '—',
  'over.other-pole':
    'Ces deux campagnes concernent deux pôles différents : elles ne sont pas comparées (un pôle n’est jamais comparé à un autre).',
  'over.other-version':
    'Ces deux campagnes portent sur deux versions du référentiel ({before} et {after}), et la version {after} ne dit pas à quels objectifs de la version {before} correspondent les siens : elles ne sont pas comparées.',
  'over.mapped':
    'La première campagne a répondu à la version {before} du référentiel, la seconde à la version {after} : elles sont comparées sur les objectifs que la version {after} fait correspondre à ceux de la version {before}.',
  'over.new-objective': 'nouvel objectif, non comparé',
  'over.need-two': 'Indiquez deux campagnes du même pôle (compare-campaigns="ID1 ID2") et leurs clés de coordination (key="CLÉ1 CLÉ2").',
} as const satisfies Record<string, Message>;
