/** fr words of the fs-traces rules, by rule id; merged into the fr rule catalogue. */
import type { RuleCatalogue, RuleText } from '../types.js';
import { RULES_FR } from '../rules.fr.js';
import { datausageRules } from '../../../detection/rules/datausage.js';
import { namingNetusage, netusageRuleOf } from '../../../detection/rules/netusage.js';

/**
 * The netusage rules are the DataUsage rules under other ids (detection/rules/netusage.ts),
 * so their words are the DataUsage words naming the other file, in every language.
 */
export function netusageTexts(datausageTexts: RuleCatalogue): Record<string, RuleText> {
  const out: Record<string, RuleText> = {};
  for (const rule of datausageRules) {
    const text = datausageTexts[rule.id];
    if (text === undefined) continue;
    out[netusageRuleOf(rule).id] = {
      title: namingNetusage(text.title),
      explanation: namingNetusage(text.explanation),
      harmless: text.harmless.map(namingNetusage),
    };
  }
  return out;
}

const OWN_FR: RuleCatalogue = {
  'ios.filesystem.file-path': {
    title: 'Le dump contient un fichier nommé dans un indicateur de logiciel espion',
    explanation:
      'Le dump du système de fichiers liste l’entrée ({record.type}) {value}, qui correspond à l’indicateur {malware} « {indicator} » ({bundle}).',
    harmless: [
      'Un nom de fichier générique peut aussi être écrit par un logiciel légitime ; vérifiez le dossier où il se trouve et ses dates.',
      'Un indicateur qui nomme un dossier correspond à chaque entrée qu’il contient : un seul dossier déposé donne un constat par fichier qu’il contient.',
    ],
  },
  'ios.filesystem.process-in-path': {
    title: 'Un fichier ou un dossier du dump porte le nom d’un processus espion',
    explanation:
      'Le dump du système de fichiers liste {record.path}, dont le nom « {value} » est l’indicateur de processus {malware} « {indicator} » ({bundle}) : les implants rangent leurs exécutables sous le nom de leur processus, par exemple dans com.apple.xpc.roleaccountd.staging.',
    harmless: [
      'Un nom de processus court ou générique peut être celui d’un fichier ou d’un dossier ordinaire ; vérifiez où il se trouve et ce qu’il contient.',
    ],
  },
  'ios.shutdown-log.file-path': {
    title: 'Un exécutable espion tournait à l’arrêt du téléphone',
    explanation:
      '{record.log_file} liste le processus {value} (pid {record.pid}) encore en cours à l’arrêt du {record.sigterm_at}, et son chemin correspond à l’indicateur {malware} « {indicator} » ({bundle}).',
    harmless: [
      'Un nom de fichier générique dans un indicateur peut aussi être celui d’un exécutable légitime ; vérifiez le dossier d’où le processus tournait.',
    ],
  },
  'ios.shutdown-log.process-in-path': {
    title: 'Un processus espion tournait à l’arrêt du téléphone',
    explanation:
      '{record.log_file} liste {value} (pid {record.pid}) encore en cours à l’arrêt du {record.sigterm_at} ; un élément de ce chemin est l’indicateur de processus {malware} « {indicator} » ({bundle}).',
    harmless: [
      'Un nom de processus court ou générique peut aussi nommer un dossier ou un exécutable légitime ; vérifiez le chemin complet.',
    ],
  },
  'ios.shutdown-log.unusual-location': {
    title: 'Un processus tournait depuis un dossier de données à l’arrêt',
    explanation:
      '{record.log_file} liste {value} (pid {record.pid}) encore en cours à l’arrêt du {record.sigterm_at} : les exécutables du système se trouvent sur le volume système, alors que Pegasus, Reign et Predator lançaient les leurs depuis /private/var/db/ ou /private/var/tmp/. C’est une piste à examiner, pas une détection.',
    harmless: [
      'Certains composants légitimes tournent depuis ces dossiers, par exemple quand iOS prépare une mise à jour ; pesez le nom du processus, la date et les autres constats.',
    ],
  },
  'ios.shutdown-log.many-delays': {
    title: 'Un arrêt a été retardé par des processus qui ne s’arrêtaient pas',
    explanation:
      'À l’arrêt du {record.sigterm_at}, {record.log_file} note {value} fois que des processus tournaient encore ({record.client_count} au total, la dernière fois après {record.last_delay_seconds} s) : Kaspersky a vu des iPhone infectés retarder ainsi leur redémarrage.',
    harmless: [
      'Un téléphone chargé ou lent, une mise à jour ou un service légitime bloqué retardent aussi un arrêt ; regardez quels processus sont listés.',
    ],
  },
  'ios.datausage.binary-not-found': {
    title: 'Un processus sans application a utilisé le réseau, et aucun fichier du dump ne porte son nom',
    explanation:
      'DataUsage.sqlite enregistre un usage du réseau par le processus « {value} » (première utilisation le {record.first_used}), qui n’appartient à aucune application, et aucun fichier du dump du système de fichiers ne porte ce nom : c’est exactement ce que laisse un implant qui tourne en mémoire ou efface son exécutable.',
    harmless: [
      'Les services système dont l’exécutable se trouve dans le cache partagé, ou sur un volume système que le dump n’a pas extrait, ne sont pas trouvés non plus ; pesez le nom du processus et les autres constats.',
    ],
  },
};

export const RULES_FS_TRACES_FR: RuleCatalogue = {
  ...OWN_FR,
  ...netusageTexts({ ...RULES_FR, ...OWN_FR }),
};
