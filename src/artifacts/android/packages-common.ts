/**
 * What both package lists (androidqf's packages.json and dumpsys package) say about how an
 * app got onto the phone, and the package lists MVT checks against (root tools, security
 * and update packages that spyware or a tamperer may disable).
 */

/** Root and root-hiding tools (MVT's ROOT_PACKAGES). */
export const ROOT_PACKAGES: readonly string[] = [
  'com.noshufou.android.su',
  'com.noshufou.android.su.elite',
  'eu.chainfire.supersu',
  'eu.chainfire.supersu.pro',
  'com.koushikdutta.superuser',
  'com.thirdparty.superuser',
  'com.yellowes.su',
  'com.koushikdutta.rommanager',
  'com.koushikdutta.rommanager.license',
  'com.dimonvideo.luckypatcher',
  'com.chelpus.lackypatch',
  'com.ramdroid.appquarantine',
  'com.ramdroid.appquarantinepro',
  'com.devadvance.rootcloak',
  'com.devadvance.rootcloakplus',
  'de.robv.android.xposed.installer',
  'com.saurik.substrate',
  'com.zachspong.temprootremovejb',
  'com.amphoras.hidemyroot',
  'com.amphoras.hidemyrootadfree',
  'com.formyhm.hideroot',
  'com.formyhm.hiderootPremium',
  'me.phh.superuser',
  'com.kingouser.com',
  'com.topjohnwu.magisk',
];

/** Vendor security agents; disabling one blinds the vendor's protections (MVT's list). */
export const SECURITY_PACKAGES: readonly string[] = [
  'com.policydm',
  'com.samsung.android.app.omcagent',
  'com.samsung.android.securitylogagent',
  'com.sec.android.soagent',
];

/** System-update agents; disabling one stops security updates (MVT's list). */
export const SYSTEM_UPDATE_PACKAGES: readonly string[] = [
  'com.android.updater',
  'com.google.android.gms',
  'com.huawei.android.hwouc',
  'com.lge.lgdmsclient',
  'com.motorola.ccc.ota',
  'com.oneplus.opbackup',
  'com.oppo.ota',
  'com.transsion.systemupdate',
  'com.wssyncmldm',
];

const PLAY_STORE = ['com.android.vending', 'com.google.android.feedback'];
/** Stores outside Google Play that MVT reports for information. */
const THIRD_PARTY_STORES = ['com.aurora.store', 'org.fdroid.fdroid'];
/** Phone makers' own stores. */
const VENDOR_STORES = [
  'com.sec.android.app.samsungapps',
  'com.huawei.appmarket',
  'com.xiaomi.market',
  'com.xiaomi.mipicks',
  'com.heytap.market',
  'com.oppo.market',
  'com.bbk.appstore',
  'com.amazon.venezia',
];
/** Every app store Exhibit knows: Google Play, the third-party and the vendor stores. */
export const APP_STORES: readonly string[] = ['com.android.vending', ...THIRD_PARTY_STORES, ...VENDOR_STORES];
/** The system package installer: an APK opened from a browser download, a file manager or a chat. */
const PACKAGE_INSTALLERS = ['com.google.android.packageinstaller', 'com.android.packageinstaller'];

export type InstallerCategory = 'play-store' | 'third-party-store' | 'vendor-store' | 'package-installer' | 'adb' | 'none' | 'other';

/**
 * How the app was installed, from its installer and (Android 11+) the package that started
 * the installation: `com.android.shell` is adb.
 */
export function installerCategory(installer: string | null, initiating: string | null = null): InstallerCategory {
  if (installer === 'com.android.shell' || initiating === 'com.android.shell') return 'adb';
  if (installer === null) return 'none';
  if (PLAY_STORE.includes(installer)) return 'play-store';
  if (THIRD_PARTY_STORES.includes(installer)) return 'third-party-store';
  if (VENDOR_STORES.includes(installer)) return 'vendor-store';
  if (PACKAGE_INSTALLERS.includes(installer)) return 'package-installer';
  return 'other';
}

export function packageFlags(name: string): { is_root_package: boolean; is_security_package: boolean; is_update_package: boolean } {
  return {
    is_root_package: ROOT_PACKAGES.includes(name),
    is_security_package: SECURITY_PACKAGES.includes(name),
    is_update_package: SYSTEM_UPDATE_PACKAGES.includes(name),
  };
}
