/** ar words of the sysdiagnose rules, by rule id; merged into the ar rule catalogue. */
import type { RuleCatalogue, Terms } from '../types.js';

const COLLIDING_PROCESS = 'بعض أسماء العمليات المنشورة تتطابق مع خدمات iOS مشروعة؛ تحقّق من المجلد الذي عملت منه العملية ومن الاكتشافات الأخرى.';
const GENERIC_FOLDER = 'قد يسمّي اسم عملية قصير أو شائع مجلدًا مشروعًا أيضًا؛ تحقّق من المسار كاملًا.';
const GENERIC_FILE = 'قد يكون اسم ملف شائع في مؤشر اسمًا لملف تنفيذي مشروع أيضًا؛ تحقّق من المجلد.';
const STAGED_BY_IOS =
  'يجهّز iOS نفسه بعض خدمات XPC تحت ‎/private/var/db/‎ (أثناء تثبيت تحديث للنظام مثلًا)؛ وازِن اسم العملية والعملية الأم والاكتشافات الأخرى.';
const ANDROID_APP_ID = 'قد يشير معرّف منشور لنظام Android إلى تطبيق iOS مشروع يحمل المعرّف نفسه.';
const QUOTED_ADDRESS = 'قد يذكر سطر في سجل عنوانًا من دون أن يكون الهاتف قد نزّل منه شيئًا.';

export const RULES_SYSDIAGNOSE_AR: RuleCatalogue = {
  'ios.sysdiagnose-ps.process': {
    title: 'عملية لبرنامج تجسس كانت تعمل عند أخذ sysdiagnose',
    explanation:
      'تُظهر قائمة العمليات في sysdiagnose العملية «{value}» وهي تعمل (pid {record.pid}، المستخدم {record.user}، الأمر {record.command})، وهي تطابق مؤشر العملية لـ{malware} «{indicator}» ({bundle}).',
    harmless: [COLLIDING_PROCESS],
  },
  'ios.sysdiagnose-ps.process-in-path': {
    title: 'عملية كانت تعمل من مجلد يحمل اسم برنامج تجسس',
    explanation:
      'تُظهر قائمة العمليات في sysdiagnose الأمر {record.command} (pid {record.pid}) يعمل من {value}، وهو مجلد يحمل اسم مؤشر العملية لـ{malware} «{indicator}» ({bundle}).',
    harmless: [GENERIC_FOLDER],
  },
  'ios.sysdiagnose-ps.file-path': {
    title: 'ملف تنفيذي لبرنامج تجسس كان يعمل عند أخذ sysdiagnose',
    explanation:
      'تُظهر قائمة العمليات في sysdiagnose الملف {value} وهو يعمل (pid {record.pid}، المستخدم {record.user})، وهذا المسار يطابق مؤشر الملف لـ{malware} «{indicator}» ({bundle}).',
    harmless: [GENERIC_FILE],
  },
  'ios.sysdiagnose-ps.temporary-folder': {
    title: 'عملية كانت تعمل من مجلد مؤقت أو مجلد بيانات',
    explanation:
      'تُظهر قائمة العمليات في sysdiagnose الملف {value} وهو يعمل (pid {record.pid}، المستخدم {record.user}): يشغّل iOS ملفاته التنفيذية من وحدة تخزين النظام ومن حزم التطبيقات، أما Pegasus وReign وPredator فشغّلت ملفاتها من ‎/private/var/db/‎ أو ‎/private/var/tmp/‎. هذا خيط للمراجعة وليس اكتشافًا.',
    harmless: [STAGED_BY_IOS],
  },
  'ios.sysdiagnose-crash.process': {
    title: 'تقرير انهيار يذكر عملية لبرنامج تجسس',
    explanation:
      'يذكر التقرير ({record.bug_type_name}) {record.file_name} الاسم «{value}» ({field})، وهو يطابق مؤشر العملية لـ{malware} «{indicator}» ({bundle})؛ فالثغرات وبرمجيات الاختراق التي تفشل تترك تقارير كهذه.',
    harmless: ['بعض أسماء العمليات المنشورة تتطابق مع خدمات iOS مشروعة؛ تحقّق من المسار في التقرير ومن الاكتشافات الأخرى.'],
  },
  'ios.sysdiagnose-crash.listed-process': {
    title: 'عملية لبرنامج تجسس كانت حيّة حين كتب iOS تقريرًا للنظام',
    explanation:
      'يذكر التقرير ({record.bug_type_name}) {record.file_name} العملية «{value}» بين العمليات الحيّة في تلك اللحظة، وهي تطابق مؤشر العملية لـ{malware} «{indicator}» ({bundle}).',
    harmless: ['بعض أسماء العمليات المنشورة تتطابق مع خدمات iOS مشروعة؛ تحقّق من الاكتشافات الأخرى.'],
  },
  'ios.sysdiagnose-crash.file-path': {
    title: 'تقرير انهيار يذكر ملفًا تنفيذيًا لبرنامج تجسس',
    explanation:
      'يخصّ التقرير ({record.bug_type_name}) {record.file_name} الملف {value}، وهو مسار يطابق مؤشر الملف لـ{malware} «{indicator}» ({bundle}).',
    harmless: [GENERIC_FILE],
  },
  'ios.sysdiagnose-crash.process-in-path': {
    title: 'تقرير انهيار يذكر ملفًا تنفيذيًا في مجلد يحمل اسم برنامج تجسس',
    explanation:
      'يخصّ التقرير ({record.bug_type_name}) {record.file_name} الملف {record.executable_path}، الموجود في المجلد {value} الذي يحمل اسم مؤشر العملية لـ{malware} «{indicator}» ({bundle}).',
    harmless: [GENERIC_FOLDER],
  },
  'ios.sysdiagnose-crash.app-id': {
    title: 'تقرير انهيار يذكر تطبيق تجسس',
    explanation:
      'يذكر التقرير ({record.bug_type_name}) {record.file_name} التطبيق {value} ({field})، وهو يطابق مؤشر التطبيق لـ{malware} «{indicator}» ({bundle}).',
    harmless: [ANDROID_APP_ID],
  },
  'ios.sysdiagnose-crash.temporary-folder': {
    title: 'انهار ملف تنفيذي موجود في مجلد مؤقت أو مجلد بيانات',
    explanation:
      'يخصّ التقرير ({record.bug_type_name}) {record.file_name} الملف {value}: يشغّل iOS ملفاته التنفيذية من وحدة تخزين النظام ومن حزم التطبيقات، أما Pegasus وReign وPredator فشغّلت ملفاتها من ‎/private/var/db/‎ أو ‎/private/var/tmp/‎. هذا خيط للمراجعة وليس اكتشافًا.',
    harmless: ['يجهّز iOS نفسه بعض خدمات XPC تحت ‎/private/var/db/‎ (أثناء تثبيت تحديث للنظام مثلًا)؛ وازِن اسم العملية والاكتشافات الأخرى.'],
  },
  'ios.sysdiagnose-installation.app-id': {
    title: 'تطبيق تجسس ثُبّت أو حُدّث أو أُزيل',
    explanation:
      'يسجّل سجل MobileInstallation الحدث «{record.event}» للتطبيق {value} في {record.local_time} (بتوقيت الهاتف، المنطقة الزمنية {record.time_zone})، وهو يطابق مؤشر التطبيق لـ{malware} «{indicator}» ({bundle}).',
    harmless: [ANDROID_APP_ID],
  },
  'ios.sysdiagnose-installation.file-path': {
    title: 'تثبيت تطبيق مسّ مسارًا لبرنامج تجسس',
    explanation:
      'يسجّل سجل MobileInstallation الحدث «{record.event}» لـ{record.bundle_id} في {value}، وهو مسار يطابق مؤشر الملف لـ{malware} «{indicator}» ({bundle}).',
    harmless: ['قد يكون اسم ملف شائع في مؤشر اسمًا لملف مشروع أيضًا؛ تحقّق من المسار كاملًا.'],
  },
  'ios.sysdiagnose-installation.process-in-path': {
    title: 'تثبيت تطبيق مسّ مجلدًا يحمل اسم برنامج تجسس',
    explanation:
      'يسجّل سجل MobileInstallation الحدث «{record.event}» لـ{record.bundle_id} في {value}؛ وأحد مكوّنات هذا المسار هو مؤشر العملية لـ{malware} «{indicator}» ({bundle}).',
    harmless: [GENERIC_FOLDER],
  },
  'ios.sysdiagnose-installation.requested-by': {
    title: 'عملية لبرنامج تجسس طلبت من iOS تثبيت تطبيق',
    explanation:
      'يسجّل سجل MobileInstallation تثبيتًا طلبته العملية «{value}»، وهي تطابق مؤشر العملية لـ{malware} «{indicator}» ({bundle}).',
    harmless: ['بعض أسماء العمليات المنشورة تتطابق مع خدمات iOS مشروعة؛ تحقّق من الاكتشافات الأخرى.'],
  },
  'ios.sysdiagnose-installation.url': {
    title: 'تثبيت تطبيق يذكر عنوانًا لبرنامج تجسس',
    explanation:
      'يذكر مدخل سجل MobileInstallation في {record.local_time} (بتوقيت الهاتف) العنوان {value}، وهو يطابق مؤشر {malware} «{indicator}» ({bundle}).',
    harmless: [QUOTED_ADDRESS],
  },
  'ios.sysdiagnose-activation.url': {
    title: 'سجل التفعيل يذكر عنوانًا لبرنامج تجسس',
    explanation:
      'يذكر مدخل سجل mobileactivationd في {record.local_time} (بتوقيت الهاتف) العنوان {value}، وهو يطابق مؤشر {malware} «{indicator}» ({bundle}).',
    harmless: [QUOTED_ADDRESS],
  },
  'ios.sysdiagnose-activation.email': {
    title: 'سجل التفعيل يذكر عنوان بريد إلكتروني يستخدمه مشغّلو برنامج تجسس',
    explanation:
      'يذكر مدخل سجل mobileactivationd في {record.local_time} (بتوقيت الهاتف) العنوان {value}، وهو يطابق مؤشر البريد الإلكتروني لـ{malware} «{indicator}» ({bundle}).',
    harmless: ['قد يُذكر عنوان في سجل من دون أن يكون لصاحب الهاتف؛ تحقّق من الحساب الذي يتحدث عنه المدخل.'],
  },
};

/** ar words the sysdiagnose records carry: artifact titles, time meanings, enumerated values. */
export const SYSDIAGNOSE_TERMS_AR: Pick<Terms, 'artifacts' | 'meanings' | 'fieldValues'> = {
  artifacts: {
    sysdiagnose_info: 'إصدار iOS واسم sysdiagnose ‏(SystemVersion.plist وsysdiagnose.log)',
    sysdiagnose_ps: 'العمليات الجارية (ps.txt في sysdiagnose)',
    sysdiagnose_ps_thread: 'العمليات الجارية وخيوط تنفيذها (ps_thread.txt في sysdiagnose)',
    sysdiagnose_crash_reports: 'تقارير الانهيار والتعليق والموارد (crashes_and_spins في sysdiagnose)',
    sysdiagnose_mobile_installation: 'تثبيت التطبيقات وتحديثها وإزالتها (سجل MobileInstallation)',
    sysdiagnose_mobile_activation: 'أحداث التفعيل وإلغاء التفعيل (سجل mobileactivationd)',
    sysdiagnose_wifi_networks: 'شبكات Wi-Fi المعروفة (مجلد WiFi في sysdiagnose)',
  },
  meanings: {
    'network added': 'أضيفت الشبكة',
    'joined by the user': 'انضم إليها المستخدم',
    'joined automatically': 'انضمام تلقائي',
    'sysdiagnose taken': 'أُخذ sysdiagnose',
  },
  fieldValues: {
    bug_type_name: {
      crash: 'انهيار',
      stackshot: 'لقطة المكدّسات',
      'jetsam (memory pressure)': 'jetsam، نقص الذاكرة',
      'CPU resource limit': 'حدّ المعالج',
      'wakeups resource limit': 'حدّ مرات الإيقاظ',
      watchdog: 'المراقب (watchdog)',
      'kernel panic': 'ذعر النواة (kernel panic)',
    },
    event: {
      'install-requested': 'طلب تثبيت',
      'install-successful': 'تثبيت ناجح',
      'container-live': 'تفعيل الحاوية',
      'container-destroyed': 'إتلاف الحاوية',
      'data-container': 'حاوية البيانات',
      uninstall: 'إزالة التثبيت',
      update: 'تحديث',
      'url-mention': 'ذكر عنوان',
    },
  },
};
