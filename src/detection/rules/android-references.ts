/** Public references the Android rules cite. */
export const MVT_ANDROID = 'https://docs.mvt.re/en/latest/android/methodology/';
export const ANDROIDQF = 'https://github.com/mvt-project/androidqf';
export const AMNESTY_NOVISPY = 'https://www.amnesty.org/en/documents/eur70/8813/2024/en/';
export const GOOGLE_TAG_HERMIT = 'https://blog.google/threat-analysis-group/italian-spyware-vendor-targets-users-in-italy-and-kazakhstan/';
export const LOOKOUT_HERMIT = 'https://www.lookout.com/threat-intelligence/article/hermit-spyware-discovery';
export const LOOKOUT_WYRMSPY = 'https://www.lookout.com/threat-intelligence/article/wyrmspy-dragonegg-surveillanceware-apt41';
export const TALOS_PREDATOR = 'https://blog.talosintelligence.com/mercenary-intellexa-predator/';
export const CITIZEN_LAB_PREDATOR = 'https://citizenlab.ca/2021/12/pegasus-vs-predator-dissidents-doubly-infected-iphone-reveals-cytrox-mercenary-spyware/';
export const GOOGLE_TAG_2023 = 'https://blog.google/threat-analysis-group/spyware-vendors-use-0-days-and-n-days-against-popular-platforms/';
export const ANDROID_BULLETINS = 'https://source.android.com/docs/security/bulletin';
export const ANDROID_SECURITY_LOG = 'https://developer.android.com/reference/android/app/admin/SecurityLog';
export const ANDROID_TOMBSTONES = 'https://source.android.com/docs/core/tests/debug/native-crash';
export const ANDROID_ACCESSIBILITY = 'https://developer.android.com/reference/android/accessibilityservice/AccessibilityService';
export const ANDROID_INSTALL_PERMISSION = 'https://developer.android.com/reference/android/Manifest.permission#REQUEST_INSTALL_PACKAGES';
