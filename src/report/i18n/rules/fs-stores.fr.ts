/** fr words of the fs-stores rules, by rule id; merged into the fr rule catalogue. */
import type { RuleCatalogue } from '../types.js';

export const RULES_FS_STORES_FR: RuleCatalogue = {
  'ios.cache-files.url-indicator': {
    title: 'Un cache réseau contient une réponse de l’infrastructure d’un logiciel espion',
    explanation:
      'Le cache réseau {record.db_path} garde une réponse pour {record.url} (partition {record.partition}) ; {value} correspond à l’indicateur {malware} « {indicator} » ({bundle}).',
    harmless: [
      'Ouvrir l’adresse en enquêtant dessus, ou une page qui charge une ressource de ce site, met la même réponse en cache.',
      'Un domaine partagé ou réattribué a pu servir un contenu anodin au moment où la réponse a été mise en cache.',
    ],
  },
  'ios.keychain-analytics.process': {
    title: 'Les statistiques de sécurité nomment un processus de logiciel espion',
    explanation:
      'Un événement de {record.db_name} ({record.table}) a pour valeur d’attribut {value}, qui correspond à l’indicateur de processus {malware} « {indicator} » ({bundle}).',
    harmless: [
      'Un nom d’indicateur court ou courant peut être égal à une valeur d’attribut sans rapport (un nom de service ou de compte) ; vérifiez dans les clés de l’enregistrement quel attribut la contient.',
    ],
  },
  'ios.keychain-analytics.url-indicator': {
    title: 'Les statistiques de sécurité nomment l’infrastructure d’un logiciel espion',
    explanation:
      'Un événement de {record.db_name} ({record.table}) nomme {value}, qui correspond à l’indicateur {malware} « {indicator} » ({bundle}).',
    harmless: [
      'Une connexion faite en enquêtant sur le domaine, ou la vérification du certificat d’un site qui ne fait que l’intégrer, est enregistrée de la même façon.',
    ],
  },
};
