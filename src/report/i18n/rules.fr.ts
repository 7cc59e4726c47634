/**
 * Les règles en français, par identifiant : titre, explication (avec les mêmes
 * {paramètres} que l’anglais, remplis par renderExplanation) et causes anodines dans le
 * même ordre. Un test échoue si une règle de RULES n’a pas son entrée.
 */
import type { RuleCatalogue } from './types.js';

const SPYWARE_LINK_RESEARCH =
  'Ouvrir un lien vers un domaine de logiciel espion connu (par exemple en enquêtant dessus) laisse la même trace sans infection.';
const PAGE_EMBEDS =
  'Une page qui se contente d’intégrer ou de citer le domaine, ou une visite faite en enquêtant dessus, laisse la même trace.';
const ICON_RESEARCH =
  'Une page visitée en enquêtant sur le domaine, ou une page qui intègre une icône hébergée là-bas, laisse la même trace.';
const ANDROID_GENERIC_ID =
  'Quelques identifiants d’application publiés sont assez génériques pour qu’une application légitime les réutilise.';
const COLLIDING_PROCESS =
  'Certains noms de processus publiés coïncident avec des services système légitimes ; la mise en garde à côté du constat le signale quand c’est connu.';
const SHARED_HOSTING =
  'L’hébergement mutualisé réutilise les adresses ; une adresse a pu changer de mains depuis sa publication.';
const ANDROID_APP_ID =
  'Un identifiant d’application publié pour Android peut désigner une application iOS légitime qui porte le même identifiant.';

export const RULES_FR: RuleCatalogue = {
  'ios.manifest.file-path': {
    title: 'La sauvegarde contient un fichier nommé dans un indicateur de logiciel espion',
    explanation:
      'La sauvegarde liste le fichier {record.domain}/{record.relative_path}, qui correspond à l’indicateur {malware} « {indicator} » ({bundle}).',
    harmless: ['Un nom de fichier générique peut aussi être écrit par une application légitime ; vérifiez le domaine du fichier et ses dates.'],
  },
  'ios.manifest.domain-mention': {
    title: 'Un nom de fichier de la sauvegarde mentionne un domaine de logiciel espion',
    explanation:
      'Le fichier de sauvegarde {record.domain}/{record.relative_path} porte le nom de l’origine web {value}, qui correspond à l’indicateur {malware} « {indicator} » ({bundle}) : une application a stocké des données pour ce site.',
    harmless: ['Visiter une page qui charge du contenu depuis ce domaine, sans être infecté, laisse aussi un tel dossier.'],
  },
  'ios.applications.process': {
    title: 'Une application installée porte le nom d’un processus de logiciel espion',
    explanation:
      'L’application installée {value} (« {record.name} » de {record.artist}, provenant de {record.source_app}) correspond à l’indicateur de processus {malware} « {indicator} » ({bundle}).',
    harmless: ['Quelques noms de processus publiés coïncident avec des composants légitimes.'],
  },
  'ios.applications.app-id': {
    title: 'Une application espionne est installée',
    explanation:
      'L’application installée {value} (« {record.name} » de {record.artist}, provenant de {record.source_app}) correspond à l’indicateur d’application {malware} « {indicator} » ({bundle}).',
    harmless: [ANDROID_APP_ID],
  },
  'ios.applications.sideloaded': {
    title: 'Une application n’a pas été installée par l’App Store ni par un MDM',
    explanation:
      'L’application {record.bundle_id} (« {record.name} » de {record.artist}) a été installée par {value}, et non par l’App Store ou un serveur MDM : elle a été installée en dehors de la boutique, ce qui est la voie des logiciels de harcèlement (stalkerware) et de certains implants sur iPhone.',
    harmless: [
      'Les versions bêta TestFlight, les applications des boutiques alternatives de l’UE (iOS 17.4 et suivants) et les applications internes d’entreprise s’installent de la même façon.',
    ],
  },
  'ios.applications.missing-bundle-id': {
    title: 'Les métadonnées de boutique d’une application n’ont pas d’identifiant',
    explanation:
      'Le fichier iTunesMetadata de l’application listée comme {value} n’a pas de softwareVersionBundleId, que les applications livrées par la boutique ont toujours ; l’application a peut-être été installée hors boutique avec des métadonnées fabriquées à la main.',
    harmless: ['Des métadonnées écrites par de très anciennes versions d’iTunes ou abîmées par une restauration peuvent manquer de cette clé.'],
  },
  'ios.configuration_profiles.profile-id': {
    title: 'Un profil de configuration espion est installé',
    explanation:
      'Le profil de configuration « {record.display_name} » (installé le {record.install_date}) a l’identifiant {value}, qui correspond à l’indicateur de profil de configuration {malware} « {indicator} » ({bundle}).',
    harmless: ['Aucune connue : les UUID des profils sont aléatoires, une correspondance désigne donc ce profil précis.'],
  },
  'ios.configuration_profiles.notification-settings': {
    title: 'Un profil de configuration contrôle les notifications',
    explanation:
      'Le profil de configuration « {record.display_name} » ({record.identifier}) contient une charge com.apple.notificationsettings, qui peut faire taire les alertes qu’une attaque afficherait ; MVT signale ces profils.',
    harmless: ['Les écoles, les employeurs et les services de contrôle parental utilisent ces réglages de notifications par leur MDM.'],
  },
  'ios.configuration_profiles.installed': {
    title: 'Un profil de configuration est installé',
    explanation:
      'Le profil de configuration « {record.display_name} » ({value}, de {record.organization}) est installé avec les charges {record.payload_types} ; les profils survivent aux redémarrages et peuvent installer des certificats, des VPN et des proxys : le propriétaire doit reconnaître chacun d’eux.',
    harmless: [
      'La plupart des profils sont légitimes : inscription au MDM d’un employeur ou d’une école, réglages d’opérateur, configuration VPN et Wi-Fi, profils de logiciels bêta.',
    ],
  },
  'ios.profile_events.process': {
    title: 'Un processus espion a installé ou supprimé un profil',
    explanation:
      'MCProfileEvents.plist indique que le processus « {record.process} » a effectué « {record.operation} » sur le profil {record.profile_id} ; son nom « {value} » correspond à l’indicateur de processus {malware} « {indicator} » ({bundle}).',
    harmless: ['Quelques noms de processus publiés coïncident avec des composants légitimes d’iOS.'],
  },
  'ios.profile_events.file-path': {
    title: 'Un exécutable espion a installé ou supprimé un profil',
    explanation:
      'MCProfileEvents.plist indique que {value} a effectué « {record.operation} » sur le profil {record.profile_id} ; ce chemin correspond à l’indicateur de fichier {malware} « {indicator} » ({bundle}).',
    harmless: ['Un indicateur de nom de fichier générique peut correspondre à un exécutable légitime du même nom ; comparez le chemin complet.'],
  },
  'ios.profile_events.profile-id': {
    title: 'Un profil de configuration espion a été installé ou supprimé',
    explanation:
      'MCProfileEvents.plist enregistre « {record.operation} » du profil {value} par {record.process} ; cet identifiant correspond à l’indicateur de profil de configuration {malware} « {indicator} » ({bundle}), même si le profil a disparu depuis.',
    harmless: ['Aucune connue : les identifiants de profil des indicateurs sont des UUID aléatoires.'],
  },
  'ios.profile_events.event': {
    title: 'Un profil de configuration a été installé ou supprimé',
    explanation:
      'MCProfileEvents.plist indique que « {record.process} » a effectué « {record.operation} » sur le profil {value} ; le propriétaire doit reconnaître chaque opération sur les profils, car les profils permettent de s’installer durablement.',
    harmless: ['L’inscription à un MDM, les mises à jour d’opérateur, les applications VPN et les profils bêta installent et suppriment couramment des profils.'],
  },
  'ios.global_preferences.lockdown-mode-enabled': {
    title: 'Le mode Isolement est activé',
    explanation:
      'Les préférences globales indiquent que le mode Isolement est activé, ce qui bloque l’essentiel des surfaces d’attaque sans clic (pièces jointes, aperçus de liens, appels FaceTime inconnus) depuis son activation.',
    harmless: ['C’est un réglage de protection, signalé pour que le lecteur sache depuis quand le téléphone est renforcé.'],
  },
  'ios.global_preferences.lockdown-mode-disabled': {
    title: 'Le mode Isolement a été désactivé',
    explanation:
      'Les préférences globales indiquent que le mode Isolement a été explicitement désactivé : il a donc été activé à un moment puis désactivé (par le propriétaire ou par quelqu’un qui connaît le code).',
    harmless: ['Les propriétaires désactivent souvent le mode Isolement parce qu’il gêne des sites web, des pièces jointes ou des albums partagés.'],
  },
  'ios.datausage.process': {
    title: 'Un processus espion a utilisé le réseau',
    explanation:
      'DataUsage.sqlite enregistre un usage du réseau par le processus « {value} » (première utilisation le {record.first_used}), qui correspond à l’indicateur de processus {malware} « {indicator} » ({bundle}).',
    harmless: [
      'Quelques noms de processus publiés coïncident avec des services légitimes d’iOS ; comparez le nom avec la version d’iOS et les autres constats.',
      'iOS tronque ici les noms de processus à 16 caractères : un nom de 16 caractères peut donc correspondre à un indicateur plus long par son seul début.',
    ],
  },
  'ios.datausage.app-id': {
    title: 'Une application espionne a utilisé le réseau',
    explanation:
      'DataUsage.sqlite enregistre un usage du réseau par l’application « {value} » (entrée de processus {record.proc_name_raw}), qui correspond à l’indicateur d’application {malware} « {indicator} » ({bundle}).',
    harmless: [ANDROID_APP_ID],
  },
  'ios.datausage.manipulated-process-entry': {
    title: 'Un enregistrement de processus a été retiré de DataUsage',
    explanation:
      'La ligne d’usage en cours {record.live_pk} de DataUsage.sqlite renvoie au processus {value}, qui n’existe plus : son enregistrement a été supprimé alors que sa ligne de trafic est restée, et c’est ainsi qu’un implant qui efface son nom de processus de la base se trahit.',
    harmless: [
      'Une base endommagée ou partiellement restaurée peut aussi laisser une référence orpheline.',
      'iOS ne supprime normalement pas les processus un par un ; considérez ceci comme une piste et cherchez d’autres traces autour de l’heure de cet usage.',
    ],
  },
  'ios.datausage.unlinked-live-usage': {
    title: 'Un usage du réseau n’est lié à aucun processus',
    explanation:
      'La ligne d’usage en cours {value} de DataUsage.sqlite n’est liée à aucun processus : le processus qui a utilisé le réseau ne peut pas être nommé ; MVT signale ces lignes comme manipulées.',
    harmless: ['Core Data laisse ce lien vide quand il supprime lui-même un processus, par exemple quand iOS élague les anciennes entrées.'],
  },
  'ios.datausage.missing-process': {
    title: 'Des enregistrements de processus manquent dans DataUsage',
    explanation:
      'Il manque à DataUsage.sqlite {record.missing_count} enregistrement(s) de processus à partir de Z_PK {value}, après le processus {record.previous_process_pk} ({record.previous_proc_name}) ; supprimer des enregistrements de processus est la façon dont un implant cache ses noms de processus.',
    harmless: ['iOS supprime les anciens processus quand il élague la base, ce qui laisse aussi des trous.'],
  },
  'ios.os_analytics_ad_daily.process': {
    title: 'Un processus espion figure dans la référence quotidienne d’usage du réseau',
    explanation:
      'com.apple.osanalytics.addaily.plist contient une référence d’usage du réseau pour « {record.name_raw} » (datée du {record.baseline_date}), dont le nom « {value} » correspond à l’indicateur de processus {malware} « {indicator} » ({bundle}).',
    harmless: [
      'Certains noms de processus publiés sont aussi des services légitimes d’iOS (le BackupAgent de Triangulation portait un nom légitime sur les anciennes versions d’iOS) ; pesez les autres constats.',
    ],
  },
  'ios.id_status_cache.email': {
    title: 'Le téléphone a recherché le compte d’un opérateur de logiciel espion',
    explanation:
      'Les services d’identité ont recherché l’adresse {value} pour {record.service} le {record.lookup_date} ; elle correspond à l’indicateur d’adresse e-mail {malware} « {indicator} » ({bundle}), un compte utilisé pour envoyer des attaques sans clic par iMessage.',
    harmless: ['Une recherche signifie seulement que ce compte a contacté ce téléphone (ou a été saisi) ; ce n’est pas la preuve qu’une attaque a réussi.'],
  },
  'ios.id_status_cache.double-nul': {
    title: 'Un identifiant recherché contient des octets NUL',
    explanation:
      'Les services d’identité ont gardé en cache la recherche de l’identifiant « {value} » pour {record.service}, qui contient {record.nul_count} octets NUL ; un identifiant saisi ou reçu normalement n’en contient aucun, et MVT considère ce motif comme une trace de l’envoi d’une attaque.',
    harmless: ['Une fiche de contact malformée ou une application défectueuse pourrait en principe produire un tel identifiant.'],
  },
  'ios.tcc.process': {
    title: 'Un processus espion détient une autorisation de confidentialité',
    explanation:
      'TCC.db enregistre une autorisation {record.service} ({record.auth_value}) pour le client « {record.client} », dont le nom « {value} » correspond à l’indicateur de processus {malware} « {indicator} » ({bundle}).',
    harmless: ['Quelques noms de processus publiés coïncident avec des composants légitimes d’iOS ; vérifiez le service et le type de client.'],
  },
  'ios.tcc.file-path': {
    title: 'Un exécutable espion détient une autorisation de confidentialité',
    explanation:
      'TCC.db enregistre une autorisation {record.service} pour l’exécutable {value}, qui correspond à l’indicateur de fichier {malware} « {indicator} » ({bundle}).',
    harmless: ['Un indicateur de nom de fichier générique peut aussi correspondre à un exécutable légitime du même nom ; comparez le chemin complet.'],
  },
  'ios.tcc.app-id': {
    title: 'Une application espionne détient une autorisation de confidentialité',
    explanation:
      'TCC.db enregistre une autorisation {record.service} pour l’application {value}, qui correspond à l’indicateur d’application {malware} « {indicator} » ({bundle}).',
    harmless: [ANDROID_APP_ID],
  },
  'ios.sms.link-indicator': {
    title: 'Un message contient un lien vers l’infrastructure d’un logiciel espion',
    explanation:
      'Un message ({record.direction}, {record.service}, correspondant {record.handle}) contient le lien {value}, qui correspond à l’indicateur {malware} « {indicator} » ({bundle}).',
    harmless: [
      'Recevoir un tel lien ne veut pas dire qu’il a été ouvert ; cherchez une visite de ce lien dans l’historique de navigation à la même période.',
      'Un chercheur ou un collègue a pu transmettre le lien comme exemple.',
    ],
  },
  'ios.sms.apple-threat-notification': {
    title: 'Notification de menace d’Apple : logiciel espion étatique ou commercial',
    explanation:
      'Un message de {record.handle} commence par le texte de la notification de menace d’Apple (« {value} »), qu’Apple envoie aux personnes qu’elle pense avoir été visées individuellement par un logiciel espion commercial.',
    harmless: [
      'N’importe qui peut envoyer un message avec ce texte : une vraie notification arrive aussi par e-mail à l’adresse du compte Apple et s’affiche en haut de account.apple.com.',
      'Une notification dit que la personne a été visée, pas qu’une attaque a réussi.',
    ],
  },
  'ios.sms-attachments.file-path': {
    title: 'Une pièce jointe est stockée à un chemin nommé dans un indicateur de logiciel espion',
    explanation:
      'Le fichier joint {record.filename} ({record.direction}, {record.service}, correspondant {record.handle}) correspond à l’indicateur {malware} « {indicator} » ({bundle}).',
    harmless: ['Un nom de fichier générique peut aussi être envoyé légitimement ; comparez l’heure de la pièce jointe avec les autres traces.'],
  },
  'ios.sms-attachments.temporary-received-attachment': {
    title: 'Pièce jointe iMessage reçue restée dans un dossier temporaire',
    explanation:
      'Une pièce jointe reçue de {record.handle} ({record.service}) est enregistrée à {value}, dans le dossier temporaire du système et avec le suffixe « -1 » vu sur les pièces jointes servant à envoyer des attaques par iMessage, au lieu du dossier des pièces jointes de Messages.',
    harmless: [
      'Une pièce jointe dont le téléchargement a été interrompu peut garder un chemin temporaire.',
      'Ce motif seul est faible : cherchez des processus ou des domaines espions à la même période.',
    ],
  },
  'ios.safari-history.url-indicator': {
    title: 'Safari a visité l’infrastructure d’un logiciel espion',
    explanation:
      'L’historique de Safari enregistre une visite impliquant {value}, qui correspond à l’indicateur {malware} « {indicator} » ({bundle}).',
    harmless: [SPYWARE_LINK_RESEARCH],
  },
  'ios.safari-history.injection-redirect': {
    title: 'Visite en HTTP simple redirigée vers un autre site en moins d’une seconde',
    explanation:
      'Safari a chargé {record.url} en HTTP non chiffré et a été envoyé vers {value} {record.redirect_delay_ms} ms plus tard, une redirection assez rapide pour venir du réseau plutôt que de la personne, comme dans les attaques par injection réseau documentées par Amnesty.',
    harmless: [
      'Beaucoup de sites redirigent aussitôt les visites en HTTP simple vers un autre de leurs serveurs (site mobile ou régional, raccourcisseur de liens, page de connexion).',
      'Les portails captifs du Wi-Fi des hôtels ou des aéroports redirigent la première requête HTTP simple en quelques millisecondes.',
    ],
  },
  'ios.safari-browser-state.url-indicator': {
    title: 'Un onglet de Safari est allé vers l’infrastructure d’un logiciel espion',
    explanation:
      'Un onglet de Safari ({record.title}) contient {value} dans son adresse ou son historique de navigation, qui correspond à l’indicateur {malware} « {indicator} » ({bundle}).',
    harmless: [SPYWARE_LINK_RESEARCH],
  },
  'ios.webkit-resource-load-statistics.domain-indicator': {
    title: 'WebKit a enregistré un chargement depuis l’infrastructure d’un logiciel espion',
    explanation:
      'Les statistiques WebKit de {record.location} enregistrent le site {record.registrable_domain} (valeur trouvée {value}, dans {field}), qui correspond à l’indicateur {malware} « {indicator} » ({bundle}).',
    harmless: [PAGE_EMBEDS],
  },
  'ios.webkit-session-resource-log.domain-indicator': {
    title: 'WebKit a journalisé un chargement depuis l’infrastructure d’un logiciel espion',
    explanation:
      'Le journal de session WebKit de {record.location} cite {value} (dans {field}, pour le site {record.origin}), qui correspond à l’indicateur {malware} « {indicator} » ({bundle}).',
    harmless: [PAGE_EMBEDS],
  },
  'ios.webkit-session-resource-log.redirect-indicator': {
    title: 'Redirection de page impliquant l’infrastructure d’un logiciel espion',
    explanation:
      'WebKit a journalisé la chaîne de redirections de page {record.redirect_chain}, dans laquelle {value} correspond à l’indicateur {malware} « {indicator} » ({bundle}) : c’est le chemin que suit un lien piégé jusqu’à son serveur.',
    harmless: [PAGE_EMBEDS, 'Les services de suivi et de raccourcissement de liens redirigent à travers de nombreux domaines.'],
  },
  'ios.chrome-history.url-indicator': {
    title: 'Chrome a visité l’infrastructure d’un logiciel espion',
    explanation:
      'L’historique de Chrome (profil {record.profile}) enregistre une visite de {value}, qui correspond à l’indicateur {malware} « {indicator} » ({bundle}).',
    harmless: [SPYWARE_LINK_RESEARCH],
  },
  'ios.chrome-favicon.url-indicator': {
    title: 'Chrome a gardé en cache une icône de l’infrastructure d’un logiciel espion',
    explanation:
      'Le cache d’icônes de Chrome relie la page {record.page_url} à l’icône {record.icon_url} ; {value} correspond à l’indicateur {malware} « {indicator} » ({bundle}).',
    harmless: [ICON_RESEARCH],
  },
  'ios.firefox-history.url-indicator': {
    title: 'Firefox a visité l’infrastructure d’un logiciel espion',
    explanation:
      'L’historique de Firefox ({record.location}) enregistre {value}, qui correspond à l’indicateur {malware} « {indicator} » ({bundle}).',
    harmless: [
      SPYWARE_LINK_RESEARCH,
      'Une visite synchronisée depuis un autre appareil (is_local à false) a été faite sur cet appareil, pas sur ce téléphone.',
    ],
  },
  'ios.firefox-favicon.url-indicator': {
    title: 'Firefox a gardé en cache une icône de l’infrastructure d’un logiciel espion',
    explanation:
      'La table des icônes de Firefox ({record.location}) relie l’icône {record.icon_url} à la page {record.page_url} ; {value} correspond à l’indicateur {malware} « {indicator} » ({bundle}).',
    harmless: [ICON_RESEARCH],
  },
  'ios.safari-favicon.url-indicator': {
    title: 'Safari a gardé en cache une icône de l’infrastructure d’un logiciel espion',
    explanation:
      'Le cache d’icônes de Safari de {record.location} (icône {record.kind}) relie la page {record.page_url} à l’icône {record.icon_url} ; {value} correspond à l’indicateur {malware} « {indicator} » ({bundle}).',
    harmless: [ICON_RESEARCH],
  },
  'ios.webkit-website-data.url-indicator': {
    title: 'Une application a stocké des données de site pour l’infrastructure d’un logiciel espion',
    explanation:
      'WebKit dans {record.location} (magasin {record.store}) contient des données {record.data_kinds} du site {record.url}, rangées sous le site principal {record.top_url} ; {value} correspond à l’indicateur {malware} « {indicator} » ({bundle}).',
    harmless: [
      'Visiter le site sans être infecté (par exemple en enquêtant dessus) stocke les mêmes données.',
      'Un cadre tiers (site principal différent du site) stocke des données sans que la personne ait choisi ce site.',
    ],
  },
  'ios.shortcuts.action-url-indicator': {
    title: 'Un raccourci ouvre l’infrastructure d’un logiciel espion',
    explanation:
      'Le raccourci « {record.name} » a une action dont les paramètres contiennent {value}, qui correspond à l’indicateur {malware} « {indicator} » ({bundle}).',
    harmless: ['Un raccourci importé du web peut contenir un lien ajouté par son auteur ; vérifiez quand le raccourci a été créé et si la personne l’a fait elle-même.'],
  },
  'ios.locationd-clients.process-indicator': {
    title: 'Un processus espion a demandé la localisation',
    explanation:
      'locationd liste le client {record.client} ({field} « {value} »), qui correspond à l’indicateur de processus {malware} « {indicator} » ({bundle}).',
    harmless: ['Quelques noms de processus publiés coïncident avec des services ou des applications légitimes d’iOS ; vérifiez le chemin du client et les autres constats.'],
  },
  'ios.locationd-clients.file-path-indicator': {
    title: 'Un exécutable situé à un chemin espion a demandé la localisation',
    explanation:
      'locationd liste le client {record.client} avec le chemin {value} ({field}), qui correspond à l’indicateur de fichier {malware} « {indicator} » ({bundle}).',
    harmless: ['Un nom de fichier générique dans un indicateur peut aussi appartenir à un exécutable légitime ; vérifiez le chemin complet.'],
  },
  'ios.whatsapp.link-indicator': {
    title: 'Un message WhatsApp contient un lien vers l’infrastructure d’un logiciel espion',
    explanation:
      'Un message WhatsApp ({record.direction}, de {record.from_jid} à {record.to_jid}) contient le lien {value} dans son texte, sa légende ou son aperçu, qui correspond à l’indicateur {malware} « {indicator} » ({bundle}).',
    harmless: [
      'Recevoir un tel lien ne veut pas dire qu’il a été ouvert ; cherchez une visite de ce lien dans l’historique de navigation à la même période.',
      'Un chercheur, un journaliste ou un collègue a pu partager le lien comme exemple d’attaque.',
    ],
  },
  'ios.whatsapp_contacts.link-indicator': {
    title: 'Le texte « À propos » ou la note d’un contact WhatsApp renvoie vers l’infrastructure d’un logiciel espion',
    explanation:
      'Le contact WhatsApp {record.whatsapp_id} ({record.full_name}) a le lien {value} dans son texte « À propos » ou ses notes, qui correspond à l’indicateur {malware} « {indicator} » ({bundle}) ; un compte qui affiche un tel lien peut servir à envoyer des liens piégés.',
    harmless: [
      'Un chercheur ou un journaliste qui écrit sur les logiciels espions peut mettre un exemple en lien dans son profil.',
      'Le lien ne dit rien de ce qui a atteint ce téléphone ; cherchez des messages de ce contact dans les enregistrements whatsapp.',
    ],
  },
  'ios.interaction_c.email-indicator': {
    title: 'Le téléphone a enregistré une interaction avec le compte d’un opérateur de logiciel espion',
    explanation:
      'CoreDuet a enregistré une interaction ({record.direction}) par {record.bundle_id} impliquant {value}, qui correspond à l’indicateur d’adresse e-mail {malware} « {indicator} » ({bundle}), un compte utilisé pour envoyer des attaques par iMessage.',
    harmless: [
      'Une interaction montre seulement qu’un message ou un appel a été échangé avec ce compte ; ce n’est pas la preuve qu’une attaque a réussi.',
      'Une personne qui enquête sur ces comptes a pu écrire à l’un d’eux.',
    ],
  },
  'ios.calls.email-indicator': {
    title: 'Un appel avec le compte d’un opérateur de logiciel espion',
    explanation:
      'L’historique des appels contient un appel ({record.direction}, {record.call_type_name}) avec {value}, qui correspond à l’indicateur d’adresse e-mail {malware} « {indicator} » ({bundle}), un compte utilisé pour attaquer des iPhone.',
    harmless: [
      'Un appel montre un contact avec ce compte, pas qu’une attaque a réussi.',
      'Une personne qui enquête sur ces comptes a pu appeler l’un d’eux.',
    ],
  },
  'ios.contacts.email-indicator': {
    title: 'Le carnet d’adresses contient le compte d’un opérateur de logiciel espion',
    explanation:
      'Le contact {record.display_name} a l’adresse {value} ({record.property_name}), qui correspond à l’indicateur d’adresse e-mail {malware} « {indicator} » ({bundle}), un compte utilisé pour envoyer des attaques par iMessage.',
    harmless: [
      'Un journaliste ou un chercheur a pu enregistrer cette adresse en enquêtant sur la campagne.',
      'Cherchez dans les enregistrements calls, interaction_c et id_status_cache un contact avec la même adresse.',
    ],
  },
  'ios.calendar.participant-email': {
    title: 'Une invitation de calendrier implique le compte d’un opérateur de logiciel espion',
    explanation:
      'L’événement de calendrier « {record.summary} » a pour participant {value}, qui correspond à l’indicateur d’adresse e-mail {malware} « {indicator} » ({bundle}) ; des invitations venant de tels comptes ont servi à envoyer des attaques sans clic.',
    harmless: [
      'Une invitation montre seulement que ce compte l’a envoyée ou reçue ; ce n’est pas la preuve qu’une attaque a réussi.',
      'Un chercheur a pu inviter ce compte, ou être invité par lui, délibérément.',
    ],
  },
  'ios.calendar.link-indicator': {
    title: 'Un événement de calendrier contient un lien vers l’infrastructure d’un logiciel espion',
    explanation:
      'L’événement de calendrier « {record.summary} » contient le lien {value}, qui correspond à l’indicateur {malware} « {indicator} » ({bundle}) ; une invitation permet de placer un tel lien sous les yeux de l’utilisateur sans message.',
    harmless: [
      'Contenir le lien ne veut pas dire qu’il a été ouvert ; cherchez une visite dans l’historique de navigation.',
      'L’utilisateur a pu copier le lien dans un événement comme note.',
    ],
  },
  'ios.calendar.quadream-meeting-notes': {
    title: 'Un événement de calendrier ressemble aux invitations ENDOFDAYS de QuaDream',
    explanation:
      'L’événement de calendrier « {value} » avec la note « {record.description} » (organisateur {record.organizer_email}, créé {record.created_after_start_seconds} s après son début) a exactement le titre et la note des invitations invisibles que l’attaque ENDOFDAYS de QuaDream envoyait aux iPhone en 2021.',
    harmless: [
      'Un utilisateur peut créer à la main un événement intitulé « Meeting » avec la note « Notes » ; une invitation ENDOFDAYS était aussi antidatée (créée bien après son début) et venait d’un organisateur inconnu.',
      'ENDOFDAYS visait iOS 14.4 et 14.4.2 ; un tel événement sur un téléphone qui n’a jamais eu ces versions a moins de chances d’être l’attaque.',
    ],
  },
  'android.packages.app-id': {
    title: 'Une application espionne est installée',
    explanation:
      'Le paquet « {value} » est installé (installé par : {record.installer_category}) et correspond à l’indicateur d’application {malware} « {indicator} » ({bundle}).',
    harmless: ['Quelques identifiants d’application publiés sont assez génériques pour qu’une application légitime les réutilise ; comparez le certificat de signature et l’empreinte de l’APK avec le jeu d’indicateurs.'],
  },
  'android.packages.file-hash': {
    title: 'Un APK installé est un fichier espion connu',
    explanation: 'Un APK du paquet « {record.package_name} » a l’empreinte {value}, qui correspond à l’indicateur de fichier {malware} ({bundle}).',
    harmless: ['Une correspondance d’empreinte est exacte ; la seule cause innocente est un chercheur qui a installé un échantillon exprès.'],
  },
  'android.packages.cert-hash': {
    title: 'Une application installée est signée avec un certificat de logiciel espion',
    explanation:
      'Le paquet « {record.package_name} » est signé avec le certificat {value}, qui correspond à l’indicateur de certificat de signature {malware} ({bundle}).',
    harmless: ['Seul le détenteur de la clé de signature peut signer avec elle ; une correspondance signifie que l’application vient du même développeur que le logiciel espion.'],
  },
  'android.packages.root-app': {
    title: 'Une application de rootage ou de dissimulation du root est installée',
    explanation:
      'Le paquet « {value} » est un outil connu de rootage, de gestion du root ou de dissimulation du root ; sur un téléphone rooté, toute application qui obtient le root en prend le contrôle complet.',
    harmless: ['Certaines personnes rootent leur propre téléphone exprès ; demandez si c’est le cas du propriétaire.'],
  },
  'android.packages.package-installer': {
    title: 'Une application a été installée depuis un fichier APK',
    explanation:
      'Le paquet « {value} » a été installé par l’installateur de paquets du système ({record.installer}), c’est-à-dire depuis un fichier APK ouvert dans un navigateur, un gestionnaire de fichiers ou une messagerie plutôt que depuis une boutique : c’est ainsi que les liens piégés attirent leurs cibles.',
    harmless: ['Les applications absentes de Google Play (certaines applications bancaires, VPN ou libres) s’installent ainsi, volontairement.'],
  },
  'android.packages.installed-outside-store': {
    title: 'Une application a été installée par adb ou autrement qu’en passant par une boutique',
    explanation:
      'Le paquet « {value} » n’est pas une application système et aucune boutique ne l’a installé (installé par : {record.installer_category}) : il a été installé par câble USB avec adb ou par une autre méthode, comme le ferait quelqu’un qui a le téléphone en main pour y installer un logiciel espion.',
    harmless: ['Les développeurs et les ateliers de réparation installent des applications par adb ; certains fabricants préinstallent des applications sans enregistrer d’installateur.'],
  },
  'android.packages.third-party-store': {
    title: 'Une application a été installée depuis une autre boutique que Google Play',
    explanation: 'Le paquet « {value} » a été installé depuis {record.installer}, une boutique d’applications alternative.',
    harmless: ['F-Droid et Aurora Store sont des boutiques légitimes utilisées par des personnes soucieuses de leur vie privée.'],
  },
  'android.packages.disabled-security-package': {
    title: 'Un paquet de sécurité du fabricant est désactivé',
    explanation: 'Le paquet de sécurité « {value} » est désactivé, ce qui coupe des protections du fabricant du téléphone.',
    harmless: ['Certaines personnes désactivent les applications du fabricant pour limiter la collecte de données.'],
  },
  'android.packages.disabled-update-package': {
    title: 'Un paquet de mise à jour du système est désactivé',
    explanation:
      'Le paquet de mise à jour « {value} » est désactivé : le téléphone risque de ne plus recevoir les mises à jour de sécurité qui supprimeraient une faille exploitée.',
    harmless: ['Certaines personnes désactivent les mises à jour pour garder une ancienne version du système qu’elles préfèrent.'],
  },
  'android.getprop.property': {
    title: 'Une propriété système posée par un logiciel espion',
    explanation:
      'La propriété système « {value} » (valeur « {record.value} ») existe et correspond à l’indicateur de propriété {malware} « {indicator} » ({bundle}).',
    harmless: ['Le nom d’une propriété est choisi par qui la pose ; une application sans lien pourrait choisir le même nom, même si aucune n’est connue pour le faire.'],
  },
  'android.getprop.old-security-patch': {
    title: 'Le niveau de correctif de sécurité a plus de six mois',
    explanation:
      'Le niveau de correctif de sécurité du téléphone est {value}, {record.patch_age_days} jours avant l’acquisition ({record.reference_date}, d’après {record.reference_date_from}) : il lui manque des correctifs de failles qu’utilisent les attaques.',
    harmless: ['Beaucoup de téléphones ne reçoivent plus de mises à jour de leur fabricant ; un correctif ancien facilite une attaque, ce n’en est pas la trace.'],
  },
  'android.settings.risky-setting': {
    title: 'Un réglage affaiblit les défenses du téléphone',
    explanation: 'Le réglage {record.namespace} {record.key} vaut {value} au lieu de {record.safe_value} : {record.risk}.',
    harmless: ['Les développeurs et certains utilisateurs modifient ces réglages exprès ; certains fabricants livrent d’autres valeurs par défaut.'],
  },
  'android.processes.app-id': {
    title: 'Une application espionne était en cours d’exécution',
    explanation:
      'Le processus « {record.process_name} » (pid {record.pid}) appartient à l’application « {value} », qui correspond à l’indicateur d’application {malware} « {indicator} » ({bundle}).',
    harmless: [ANDROID_GENERIC_ID],
  },
  'android.processes.process': {
    title: 'Un processus espion était en cours d’exécution',
    explanation:
      'Le processus « {value} » (pid {record.pid}, utilisateur {record.user}) était en cours d’exécution et correspond à l’indicateur de processus {malware} « {indicator} » ({bundle}).',
    harmless: [COLLIDING_PROCESS],
  },
  'android.files.path': {
    title: 'Un fichier espion se trouve sur l’appareil',
    explanation: 'Le fichier {value} existe sur l’appareil et correspond à l’indicateur de fichier {malware} « {indicator} » ({bundle}).',
    harmless: ['Un nom de fichier générique peut correspondre par hasard ; une correspondance de chemin exacte est forte.'],
  },
  'android.files.hash': {
    title: 'Un fichier de l’appareil est un fichier espion connu',
    explanation: 'Le fichier {record.path} a l’empreinte {value}, qui correspond à l’indicateur de fichier {malware} ({bundle}).',
    harmless: ['Une correspondance d’empreinte est exacte ; la seule cause innocente est un échantillon copié exprès.'],
  },
  'android.files.data-local-tmp': {
    title: 'Un fichier dans /data/local/tmp',
    explanation:
      'Le fichier {value} (mode {record.mode}, propriétaire {record.user_name}) se trouve dans /data/local/tmp, un dossier où seuls adb et le root peuvent écrire, et où des attaques comme celles de Predator déposent leurs charges.',
    harmless: ['Les développeurs, les outils de rootage et certains outils d’analyse ou de débogage y laissent des fichiers ; le collecteur d’androidqf lui-même est déjà écarté.'],
  },
  'android.root-binaries.present': {
    title: 'Un outil de root se trouve sur l’appareil',
    explanation:
      'L’outil de root {value} ({record.description}) se trouve sur l’appareil : le téléphone est rooté ou a été préparé pour l’être, ce qui permet à toute application qui obtient le root d’en prendre le contrôle complet.',
    harmless: ['Certaines personnes rootent leur propre téléphone exprès ; certaines ROM personnalisées incluent busybox.'],
  },
  'android.mounts.path': {
    title: 'Un point de montage cite un chemin espion',
    explanation:
      'Le montage de {record.device} sur {record.mount_point} cite {value}, qui correspond à l’indicateur de fichier {malware} « {indicator} » ({bundle}).',
    harmless: ['Un indicateur de chemin générique peut correspondre à un point de montage ordinaire ; lisez-le avec les autres constats.'],
  },
  'android.mounts.system-read-write': {
    title: 'Une partition système est montée en lecture-écriture',
    explanation:
      'La partition système {value} est montée en lecture-écriture ({record.mount_options}) ; elle est en lecture seule sur un téléphone qui n’a été ni rooté ni trafiqué.',
    harmless: ['Les téléphones rootés et les versions de développement montent le système en lecture-écriture exprès.'],
  },
  'android.mounts.system-suspicious-options': {
    title: 'Une partition système a été remontée',
    explanation: 'La partition système {value} porte les options de montage {record.suspicious_options}, que laisse un remontage manuel.',
    harmless: ['Certains fabricants utilisent des options de montage inhabituelles sur leurs propres partitions.'],
  },
  'android.dumpsys-receivers.app-id': {
    title: 'Une application espionne figure parmi les récepteurs de diffusion',
    explanation:
      'L’application « {value} » enregistre le récepteur {record.receiver} pour {record.intent} et correspond à l’indicateur d’application {malware} « {indicator} » ({bundle}).',
    harmless: [ANDROID_GENERIC_ID],
  },
  'android.dumpsys-activities.app-id': {
    title: 'Une application espionne figure parmi les activités',
    explanation:
      'L’application « {value} » traite {record.intent} avec {record.activity} et correspond à l’indicateur d’application {malware} « {indicator} » ({bundle}).',
    harmless: [ANDROID_GENERIC_ID],
  },
  'android.dumpsys-accessibility.app-id': {
    title: 'Une application espionne figure parmi les services d’accessibilité',
    explanation:
      'Le service d’accessibilité {record.service} ({record.states}) appartient à « {value} », qui correspond à l’indicateur d’application {malware} « {indicator} » ({bundle}).',
    harmless: [ANDROID_GENERIC_ID],
  },
  'android.dumpsys-accessibility.service': {
    title: 'Un service d’accessibilité est installé',
    explanation:
      'Le service d’accessibilité {value} ({record.states}) peut lire tout ce qui s’affiche à l’écran et agir à la place de l’utilisateur, ce sur quoi reposent des logiciels espions comme NoviSpy.',
    harmless: ['Les lecteurs d’écran, les gestionnaires de mots de passe, les applications d’automatisation et les lanceurs utilisent légitimement ces services ; vérifiez que le propriétaire connaît l’application.'],
  },
  'android.dumpsys-appops.app-id': {
    title: 'Une application espionne figure dans les opérations des applications',
    explanation:
      'L’application « {value} » a utilisé {record.permission} ({record.mode}) et correspond à l’indicateur d’application {malware} « {indicator} » ({bundle}).',
    harmless: [ANDROID_GENERIC_ID],
  },
  'android.dumpsys-appops.install-packages': {
    title: 'Une application peut installer d’autres applications',
    explanation:
      'L’application « {value} » détient l’opération REQUEST_INSTALL_PACKAGES ({record.mode} ; {record.entry_times_local}) : elle peut installer d’autres applications, comme le font les installateurs de logiciels espions.',
    harmless: ['Les navigateurs, les gestionnaires de fichiers et les messageries la demandent pour ouvrir les fichiers APK téléchargés.'],
  },
  'android.dumpsys-appops.store-install-packages': {
    title: 'Une boutique d’applications peut installer des applications',
    explanation:
      'La boutique d’applications « {value} » détient l’opération REQUEST_INSTALL_PACKAGES ({record.mode}), ce qui est sa raison d’être ; MVT la signale comme toute autre application.',
    harmless: ['Installer des applications est le rôle d’une boutique.'],
  },
  'android.dumpsys-appops.shell': {
    title: 'Le shell adb a utilisé une opération d’application',
    explanation:
      'Le shell adb (com.android.shell) a utilisé l’opération {value} ({record.mode} ; {record.entry_times_local}) : quelqu’un a lancé des commandes sur le téléphone par câble USB ou par débogage sans fil.',
    harmless: ['Les développeurs et les outils d’acquisition (androidqf lui-même) utilisent le shell adb.'],
  },
  'android.dumpsys-battery-daily.app-id': {
    title: 'Une application espionne figure dans les changements de paquets',
    explanation:
      'Les statistiques de batterie enregistrent le changement « {record.action} » de « {value} » (version {record.vers}) entre {record.period_from_local} et {record.period_to_local}, et le paquet correspond à l’indicateur d’application {malware} « {indicator} » ({bundle}).',
    harmless: [ANDROID_GENERIC_ID],
  },
  'android.dumpsys-battery-daily.uninstall': {
    title: 'Une application a été désinstallée',
    explanation:
      'L’application « {value} » a été désinstallée entre {record.period_from_local} et {record.period_to_local} ; les logiciels espions et les agents d’analyse se retirent après usage.',
    harmless: ['On désinstalle des applications tous les jours ; cela ne compte qu’à côté d’autres constats sur la même application ou la même période.'],
  },
  'android.dumpsys-battery-daily.downgrade': {
    title: 'Une application a été rétrogradée',
    explanation:
      'L’application « {value} » est passée de la version {record.previous_vers} à la version {record.vers}, plus ancienne, entre {record.period_from_local} et {record.period_to_local} ; installer une ancienne version vulnérable est une façon de l’exploiter.',
    harmless: ['Revenir en arrière après une mise à jour défectueuse, ou un programme bêta, rétrograde aussi une application.'],
  },
  'android.dumpsys-battery-history.app-id': {
    title: 'Une application espionne figure dans l’historique de la batterie',
    explanation:
      'L’historique de la batterie enregistre « {record.event} » pour « {value} » ({record.tag}), qui correspond à l’indicateur d’application {malware} « {indicator} » ({bundle}).',
    harmless: [ANDROID_GENERIC_ID],
  },
  'android.dbinfo.app-id': {
    title: 'Une application espionne figure dans l’activité des bases de données',
    explanation:
      'La base de données {record.path} a été utilisée par « {value} » ({record.action}), qui correspond à l’indicateur d’application {malware} « {indicator} » ({bundle}).',
    harmless: [ANDROID_GENERIC_ID],
  },
  'android.dumpsys-platform-compat.app-id': {
    title: 'Une application espionne figure dans les dérogations de compatibilité',
    explanation:
      'Le changement de compatibilité {record.change_name} cite le paquet « {value} », qui correspond à l’indicateur d’application {malware} « {indicator} » ({bundle}) ; le paquet a peut-être été désinstallé depuis.',
    harmless: [ANDROID_GENERIC_ID],
  },
  'android.dumpsys-adb-state.invalid-key': {
    title: 'Une clé adb de confiance est illisible',
    explanation:
      'Le téléphone fait confiance à une clé adb ({record.user}) qui n’est pas du base64 valide : l’ordinateur auquel elle appartient ne peut pas être identifié.',
    harmless: ['Un fichier de clés endommagé ou une copie tronquée donnent le même résultat.'],
  },
  'android.dumpsys-adb-state.other-computer': {
    title: 'Un autre ordinateur est autorisé pour adb',
    explanation:
      'En plus de l’ordinateur qui a fait cette collecte, le téléphone fait confiance à la clé adb {value} ({record.user}) : cet ordinateur peut lancer des commandes et installer des applications par USB ou par débogage sans fil.',
    harmless: ['L’ordinateur d’un développeur, un atelier de réparation ou une acquisition antérieure laissent leur clé.'],
  },
  'android.dumpsys-adb-state.no-acquisition-key': {
    title: 'Clé adb de confiance non comparée à l’ordinateur de collecte',
    explanation:
      'Le téléphone fait confiance à la clé adb {value} ({record.user}), et la collecte n’enregistre pas la clé de l’ordinateur qui l’a faite : on ne peut donc pas dire s’il s’agit de cet ordinateur.',
    harmless: ['Les anciennes versions d’androidqf n’enregistrent pas leur clé adb.'],
  },
  'android.dumpsys-adb-state.acquisition-key-used-before': {
    title: 'L’ordinateur de collecte s’était déjà connecté',
    explanation:
      'L’ordinateur qui a fait cette collecte s’était connecté par adb pour la dernière fois {record.days_before_acquisition} jour(s) avant l’acquisition : il était donc déjà autorisé.',
    harmless: ['Le même analyste a pu examiner le téléphone auparavant.'],
  },
  'android.tombstones.process': {
    title: 'Un processus espion a planté',
    explanation:
      'Le rapport de plantage {record.file_name} enregistre un plantage de « {value} » (pid {record.pid}, uid {record.uid}, {record.signal}), qui correspond à l’indicateur de processus {malware} « {indicator} » ({bundle}).',
    harmless: [COLLIDING_PROCESS],
  },
  'android.tombstones.privileged-crash': {
    title: 'Un processus privilégié a planté',
    explanation:
      'Le rapport de plantage {record.file_name} enregistre un plantage de {value}, exécuté avec l’uid {record.uid} (root, system ou shell), avec {record.signal} ; une tentative d’exploitation ratée d’un processus privilégié laisse de tels plantages.',
    harmless: ['Les processus système plantent aussi à cause de bogues ordinaires ; regardez l’heure et les autres constats autour.'],
  },
  'android.backup-sms.link': {
    title: 'Un SMS contient un lien vers l’infrastructure d’un logiciel espion',
    explanation:
      'Un message {record.kind} ({record.direction}, {record.address}) contient le lien {value}, qui correspond à l’indicateur {malware} « {indicator} » ({bundle}).',
    harmless: ['Recevoir un tel lien ne veut pas dire qu’il a été ouvert.', 'Un chercheur ou un collègue a pu transmettre le lien comme exemple.'],
  },
  'android.dns-event.domain': {
    title: 'Le téléphone a recherché un domaine de logiciel espion',
    explanation: 'L’application {record.package_name} a recherché {value}, qui correspond à l’indicateur {malware} « {indicator} » ({bundle}).',
    harmless: ['Une application de sécurité ou un chercheur peut rechercher un tel domaine exprès.'],
  },
  'android.dns-event.ip': {
    title: 'Une recherche DNS a renvoyé l’adresse d’un serveur espion',
    explanation:
      'La recherche de {record.hostname} par {record.package_name} a renvoyé {value}, qui correspond à l’indicateur d’adresse {malware} « {indicator} » ({bundle}).',
    harmless: [SHARED_HOSTING],
  },
  'android.dns-event.app-id': {
    title: 'Une application espionne a fait une recherche DNS',
    explanation:
      'L’application « {value} » a recherché {record.hostname} et correspond à l’indicateur d’application {malware} « {indicator} » ({bundle}).',
    harmless: [ANDROID_GENERIC_ID],
  },
  'android.connect-event.ip': {
    title: 'Le téléphone s’est connecté à un serveur espion',
    explanation:
      'L’application {record.package_name} s’est connectée à {value} sur le port {record.port}, qui correspond à l’indicateur d’adresse {malware} « {indicator} » ({bundle}).',
    harmless: [SHARED_HOSTING],
  },
  'android.connect-event.app-id': {
    title: 'Une application espionne a ouvert une connexion',
    explanation:
      'L’application « {value} » s’est connectée à {record.ip_address} et correspond à l’indicateur d’application {malware} « {indicator} » ({bundle}).',
    harmless: [ANDROID_GENERIC_ID],
  },
  'android.security-event.app-id': {
    title: 'Un événement de sécurité cite une application espionne',
    explanation:
      'L’événement de sécurité {record.tag} cite « {value} », qui correspond à l’indicateur d’application {malware} « {indicator} » ({bundle}).',
    harmless: [ANDROID_GENERIC_ID],
  },
  'android.security-event.file-path': {
    title: 'Un fichier espion a été transféré par adb',
    explanation:
      'L’événement de sécurité {record.tag} enregistre un transfert par adb de {value}, qui correspond à l’indicateur de fichier {malware} « {indicator} » ({bundle}).',
    harmless: ['Un chercheur peut copier exprès un échantillon sur un téléphone de test.'],
  },
  'android.security-event.integrity': {
    title: 'Un événement de sécurité qui peut suivre une manipulation',
    explanation:
      'Le journal d’intrusion enregistre l’événement de sécurité {value} ({record.data}) : l’installation d’une autorité de certification, un échec d’intégrité d’un certificat ou d’une clé, un effacement raté ou un autotest cryptographique raté peuvent suivre une tentative d’interception du trafic ou de manipulation du téléphone.',
    harmless: ['La gestion des appareils d’entreprise installe des autorités de certification ; la validation des certificats échoue sur les portails captifs et les serveurs mal configurés.'],
  },
};
