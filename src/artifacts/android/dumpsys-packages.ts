/**
 * Installed packages from the `Packages:` list of `dumpsys package`: installer, flags,
 * permissions and install times (device-local, converted with the device's zone).
 */
import type { Source } from '../../acquisition/source.js';
import type { ExtractContext, Extractor } from '../types.js';
import { makeRecord, originOf } from '../locate.js';
import { parsePackagesList } from './parsers/dumpsys-package.js';
import { isoFromLocal, zoneLabel } from './parsers/local-time.js';
import { DUMPSYS_PATHS } from './dumpsys-text.js';
import { eachSection } from './dumpsys-section-records.js';
import { installerCategory, packageFlags } from './packages-common.js';

export const dumpsysPackagesExtractor: Extractor = {
  id: 'dumpsys_packages',
  title: 'Installed packages (dumpsys package)',
  platform: 'android',
  acquisitions: ['android-androidqf', 'android-bugreport'],
  paths: DUMPSYS_PATHS,
  extract(source: Source, context: ExtractContext) {
    return eachSection(source, context, 'package', function* ({ text, section, lines }) {
      const packages = parsePackagesList(lines);
      if (packages === null) {
        context.issue({ code: 'unsupported-schema', path: text.path, message: `unsupported schema: the dumpsys package section (line ${section.headerLine}) has no Packages: list` });
        return;
      }
      for (const pkg of packages) {
        const system = pkg.flags.includes('SYSTEM');
        yield makeRecord('dumpsys_packages', {
          package_name: pkg.name,
          uid: pkg.userId,
          version_name: pkg.versionName,
          version_code: pkg.versionCode,
          code_path: pkg.codePath,
          installer: pkg.installer,
          installer_category: installerCategory(pkg.installer, pkg.initiatingPackage),
          initiating_package: pkg.initiatingPackage,
          originating_package: pkg.originatingPackage,
          system,
          disabled: pkg.disabledUsers.length > 0,
          ...packageFlags(pkg.name),
          flags: pkg.flags,
          requested_permissions: pkg.requestedPermissions,
          granted_permissions: pkg.grantedPermissions,
          first_install_time_local: pkg.firstInstallTime,
          last_update_time_local: pkg.lastUpdateTime,
          local_time_zone: zoneLabel(text.zone),
        }, originOf(text.digest, { kind: 'line', line: pkg.line }), [
          { at: pkg.firstInstallTime ? isoFromLocal(pkg.firstInstallTime, text.zone) : null, meaning: 'first installed' },
          { at: pkg.lastUpdateTime ? isoFromLocal(pkg.lastUpdateTime, text.zone) : null, meaning: 'last updated' },
        ]);
      }
    });
  },
};
