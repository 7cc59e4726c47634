/** fr words of the sysdiagnose rules, by rule id; merged into the fr rule catalogue. */
import type { RuleCatalogue, Terms } from '../types.js';

const COLLIDING_PROCESS =
  'Quelques noms de processus publiés coïncident avec des services iOS légitimes ; vérifiez le dossier d’où le processus s’exécutait et les autres constats.';
const GENERIC_FOLDER = 'Un nom de processus court ou générique peut aussi nommer un dossier légitime ; vérifiez le chemin complet.';
const GENERIC_FILE = 'Un nom de fichier générique dans un indicateur peut aussi être celui d’un binaire légitime ; vérifiez le dossier.';
const STAGED_BY_IOS =
  'iOS prépare lui-même certains services XPC sous /private/var/db/ (par exemple pendant l’installation d’une mise à jour) ; pesez le nom du processus, son parent et les autres constats.';
const ANDROID_APP_ID = 'Un identifiant publié pour Android peut désigner une application iOS légitime qui porte le même identifiant.';
const QUOTED_ADDRESS = 'Une ligne de journal peut citer une adresse sans que le téléphone ait rien téléchargé depuis celle-ci.';

export const RULES_SYSDIAGNOSE_FR: RuleCatalogue = {
  'ios.sysdiagnose-ps.process': {
    title: 'Un processus de logiciel espion tournait au moment du sysdiagnose',
    explanation:
      'La liste des processus du sysdiagnose montre « {value} » en cours d’exécution (pid {record.pid}, utilisateur {record.user}, commande {record.command}), qui correspond à l’indicateur de processus {malware} « {indicator} » ({bundle}).',
    harmless: [COLLIDING_PROCESS],
  },
  'ios.sysdiagnose-ps.process-in-path': {
    title: 'Un processus tournait depuis un dossier qui porte le nom d’un logiciel espion',
    explanation:
      'La liste des processus du sysdiagnose montre {record.command} (pid {record.pid}) lancé depuis {value}, un dossier qui porte le nom de l’indicateur de processus {malware} « {indicator} » ({bundle}).',
    harmless: [GENERIC_FOLDER],
  },
  'ios.sysdiagnose-ps.file-path': {
    title: 'Un binaire de logiciel espion tournait au moment du sysdiagnose',
    explanation:
      'La liste des processus du sysdiagnose montre {value} en cours d’exécution (pid {record.pid}, utilisateur {record.user}), et ce chemin correspond à l’indicateur de fichier {malware} « {indicator} » ({bundle}).',
    harmless: [GENERIC_FILE],
  },
  'ios.sysdiagnose-ps.temporary-folder': {
    title: 'Un processus tournait depuis un dossier temporaire ou de données',
    explanation:
      'La liste des processus du sysdiagnose montre {value} en cours d’exécution (pid {record.pid}, utilisateur {record.user}) : iOS lance ses propres binaires depuis le volume système et les paquets d’applications, alors que Pegasus, Reign et Predator lançaient les leurs depuis /private/var/db/ ou /private/var/tmp/. C’est une piste à examiner, pas une détection.',
    harmless: [STAGED_BY_IOS],
  },
  'ios.sysdiagnose-crash.process': {
    title: 'Un rapport de plantage nomme un processus de logiciel espion',
    explanation:
      'Le rapport ({record.bug_type_name}) {record.file_name} nomme « {value} » ({field}), qui correspond à l’indicateur de processus {malware} « {indicator} » ({bundle}) ; les exploits et les implants qui échouent laissent de tels rapports.',
    harmless: ['Quelques noms de processus publiés coïncident avec des services iOS légitimes ; vérifiez le chemin dans le rapport et les autres constats.'],
  },
  'ios.sysdiagnose-crash.listed-process': {
    title: 'Un processus de logiciel espion était en vie quand iOS a écrit un rapport système',
    explanation:
      'Le rapport ({record.bug_type_name}) {record.file_name} cite « {value} » parmi les processus en vie à ce moment, qui correspond à l’indicateur de processus {malware} « {indicator} » ({bundle}).',
    harmless: ['Quelques noms de processus publiés coïncident avec des services iOS légitimes ; vérifiez les autres constats.'],
  },
  'ios.sysdiagnose-crash.file-path': {
    title: 'Un rapport de plantage nomme un binaire de logiciel espion',
    explanation:
      'Le rapport ({record.bug_type_name}) {record.file_name} concerne {value}, un chemin qui correspond à l’indicateur de fichier {malware} « {indicator} » ({bundle}).',
    harmless: [GENERIC_FILE],
  },
  'ios.sysdiagnose-crash.process-in-path': {
    title: 'Un rapport de plantage nomme un binaire rangé dans un dossier au nom d’un logiciel espion',
    explanation:
      'Le rapport ({record.bug_type_name}) {record.file_name} concerne {record.executable_path}, dans le dossier {value} qui porte le nom de l’indicateur de processus {malware} « {indicator} » ({bundle}).',
    harmless: [GENERIC_FOLDER],
  },
  'ios.sysdiagnose-crash.app-id': {
    title: 'Un rapport de plantage nomme une application espionne',
    explanation:
      'Le rapport ({record.bug_type_name}) {record.file_name} nomme l’application {value} ({field}), qui correspond à l’indicateur d’application {malware} « {indicator} » ({bundle}).',
    harmless: [ANDROID_APP_ID],
  },
  'ios.sysdiagnose-crash.temporary-folder': {
    title: 'Un binaire rangé dans un dossier temporaire ou de données a planté',
    explanation:
      'Le rapport ({record.bug_type_name}) {record.file_name} concerne {value} : iOS lance ses propres binaires depuis le volume système et les paquets d’applications, alors que Pegasus, Reign et Predator lançaient les leurs depuis /private/var/db/ ou /private/var/tmp/. C’est une piste à examiner, pas une détection.',
    harmless: [
      'iOS prépare lui-même certains services XPC sous /private/var/db/ (par exemple pendant l’installation d’une mise à jour) ; pesez le nom du processus et les autres constats.',
    ],
  },
  'ios.sysdiagnose-installation.app-id': {
    title: 'Une application espionne a été installée, mise à jour ou supprimée',
    explanation:
      'Le journal de MobileInstallation enregistre « {record.event} » pour l’application {value} le {record.local_time} (heure du téléphone, fuseau {record.time_zone}), qui correspond à l’indicateur d’application {malware} « {indicator} » ({bundle}).',
    harmless: [ANDROID_APP_ID],
  },
  'ios.sysdiagnose-installation.file-path': {
    title: 'Une installation d’application a touché un chemin de logiciel espion',
    explanation:
      'Le journal de MobileInstallation enregistre « {record.event} » pour {record.bundle_id} à {value}, un chemin qui correspond à l’indicateur de fichier {malware} « {indicator} » ({bundle}).',
    harmless: ['Un nom de fichier générique dans un indicateur peut aussi être celui d’un fichier légitime ; vérifiez le chemin complet.'],
  },
  'ios.sysdiagnose-installation.process-in-path': {
    title: 'Une installation d’application a touché un dossier qui porte le nom d’un logiciel espion',
    explanation:
      'Le journal de MobileInstallation enregistre « {record.event} » pour {record.bundle_id} à {value} ; un élément de ce chemin est l’indicateur de processus {malware} « {indicator} » ({bundle}).',
    harmless: [GENERIC_FOLDER],
  },
  'ios.sysdiagnose-installation.requested-by': {
    title: 'Un processus de logiciel espion a demandé à iOS d’installer une application',
    explanation:
      'Le journal de MobileInstallation enregistre une installation demandée par « {value} », qui correspond à l’indicateur de processus {malware} « {indicator} » ({bundle}).',
    harmless: ['Quelques noms de processus publiés coïncident avec des services iOS légitimes ; vérifiez les autres constats.'],
  },
  'ios.sysdiagnose-installation.url': {
    title: 'Une installation d’application nomme une adresse de logiciel espion',
    explanation:
      'L’entrée du journal de MobileInstallation du {record.local_time} (heure du téléphone) nomme {value}, qui correspond à l’indicateur {malware} « {indicator} » ({bundle}).',
    harmless: [QUOTED_ADDRESS],
  },
  'ios.sysdiagnose-activation.url': {
    title: 'Le journal d’activation nomme une adresse de logiciel espion',
    explanation:
      'L’entrée du journal de mobileactivationd du {record.local_time} (heure du téléphone) nomme {value}, qui correspond à l’indicateur {malware} « {indicator} » ({bundle}).',
    harmless: [QUOTED_ADDRESS],
  },
  'ios.sysdiagnose-activation.email': {
    title: 'Le journal d’activation nomme une adresse électronique d’opérateurs de logiciel espion',
    explanation:
      'L’entrée du journal de mobileactivationd du {record.local_time} (heure du téléphone) nomme {value}, qui correspond à l’indicateur d’adresse électronique {malware} « {indicator} » ({bundle}).',
    harmless: ['Une adresse peut être citée dans un journal sans appartenir au propriétaire du téléphone ; vérifiez de quel compte parle l’entrée.'],
  },
};

/** fr words the sysdiagnose records carry: artifact titles, time meanings, enumerated values. */
export const SYSDIAGNOSE_TERMS_FR: Pick<Terms, 'artifacts' | 'meanings' | 'fieldValues'> = {
  artifacts: {
    sysdiagnose_info: 'Version d’iOS et nom du sysdiagnose (SystemVersion.plist, sysdiagnose.log)',
    sysdiagnose_ps: 'Processus en cours (ps.txt du sysdiagnose)',
    sysdiagnose_ps_thread: 'Processus en cours et leurs fils d’exécution (ps_thread.txt du sysdiagnose)',
    sysdiagnose_crash_reports: 'Rapports de plantage, de blocage et de ressources (crashes_and_spins du sysdiagnose)',
    sysdiagnose_mobile_installation: 'Installations, mises à jour et suppressions d’applications (journal MobileInstallation)',
    sysdiagnose_mobile_activation: 'Activations et désactivations (journal de mobileactivationd)',
    sysdiagnose_wifi_networks: 'Réseaux Wi-Fi connus (dossier WiFi du sysdiagnose)',
  },
  meanings: {
    'network added': 'réseau ajouté',
    'joined by the user': 'rejoint par l’utilisateur',
    'joined automatically': 'rejoint automatiquement',
    'sysdiagnose taken': 'sysdiagnose réalisé',
  },
  fieldValues: {
    bug_type_name: {
      crash: 'plantage',
      stackshot: 'instantané des piles',
      'jetsam (memory pressure)': 'jetsam, manque de mémoire',
      'CPU resource limit': 'limite de processeur',
      'wakeups resource limit': 'limite de réveils',
      watchdog: 'chien de garde',
      'kernel panic': 'panique du noyau',
    },
    event: {
      'install-requested': 'installation demandée',
      'install-successful': 'installation réussie',
      'container-live': 'conteneur mis en service',
      'container-destroyed': 'conteneur détruit',
      'data-container': 'conteneur de données',
      uninstall: 'désinstallation',
      update: 'mise à jour',
      'url-mention': 'adresse citée',
    },
  },
};
