/** Ce que chaque type d’acquisition ne peut pas montrer, dans l’ordre des phrases anglaises. */
import type { LimitsCatalogue } from './types.js';

export const LIMITS_FR: LimitsCatalogue = {
  'ios-backup': [
    'Une sauvegarde non chiffrée laisse de côté l’historique de Safari, l’historique des appels, les données de santé, le trousseau et plusieurs autres bases de données qu’iOS ne met que dans les sauvegardes chiffrées ; faites une sauvegarde chiffrée pour les voir.',
    'Une sauvegarde ne contient ni les processus en cours, ni les journaux du système, ni les rapports de plantage : une copie du système de fichiers ou une archive sysdiagnose les montre.',
    'Les fichiers qu’un implant écrit hors des dossiers sauvegardés (par exemple sous /private/var/tmp ou /private/var/db) n’apparaissent jamais dans une sauvegarde.',
    'Un logiciel espion qui ne laisse aucune trace dans les bases de données sauvegardées, ou dont les traces ont été effacées avant la sauvegarde, ne peut pas être vu.',
  ],
  'ios-fs': [
    'Une copie du système de fichiers montre les fichiers tels qu’ils étaient au moment où elle a été faite : les traces effacées avant ont disparu, sauf si une base de données les garde encore.',
    'Elle contient ce que l’outil d’extraction a pu atteindre ; une extraction partielle (par exemple sans le trousseau ou sans les conteneurs des applications) manque ce qu’elle a laissé de côté.',
  ],
  'ios-sysdiagnose': [
    'Un sysdiagnose contient des journaux et des résumés du système, pas les bases de données du téléphone : les messages, l’historique de navigation et l’usage des données n’y sont pas ; une sauvegarde les montre.',
    'Ses journaux couvrent de quelques jours à quelques semaines ; l’activité plus ancienne a été effacée par rotation.',
  ],
  'android-androidqf': [
    'Une collecte androidqf contient ce qu’adb peut lire sans droits root : les données des applications, les messages à l’intérieur des applications et la plus grande partie de /data sont hors de portée.',
    'Un logiciel espion qui cache son paquet ou son processus aux outils système qu’androidqf utilise ne peut pas être vu.',
  ],
  'android-bugreport': [
    'Un rapport de bug contient l’état du système et des journaux, pas les données des applications ni les messages ; ses journaux ne couvrent qu’une courte période récente.',
  ],
  'android-backup': [
    'Une sauvegarde Android ne contient que les applications qui autorisent la sauvegarde (souvent seulement les SMS) ; elle ne montre rien de l’état du système ni des paquets installés.',
  ],
};
