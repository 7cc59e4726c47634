/**
 * القواعد بالعربية حسب المعرّف: العنوان، والشرح (بالمتغيرات {…} نفسها التي في الإنجليزية،
 * تملؤها renderExplanation)، والأسباب البريئة بالترتيب نفسه. يفشل اختبار إن غابت قاعدة من RULES.
 */
import type { RuleCatalogue } from './types.js';

const SPYWARE_LINK_RESEARCH =
  'فتح رابط إلى نطاق معروف لبرنامج تجسس (أثناء البحث عنه مثلًا) يترك الأثر نفسه من دون إصابة.';
const PAGE_EMBEDS = 'صفحة تكتفي بتضمين النطاق أو الإشارة إليه، أو زيارة أثناء البحث عنه، تترك الأثر نفسه.';
const ICON_RESEARCH = 'صفحة زيرت أثناء البحث عن النطاق، أو صفحة تضمّن أيقونة مستضافة عليه، تترك الأثر نفسه.';
const ANDROID_GENERIC_ID = 'بعض معرّفات التطبيقات المنشورة عامة بما يكفي ليعيد تطبيق مشروع استخدامها.';
const COLLIDING_PROCESS =
  'بعض أسماء العمليات المنشورة تتطابق مع خدمات نظام مشروعة؛ ويذكر التحذير بجانب الاكتشاف ذلك حين يكون معروفًا.';
const SHARED_HOSTING = 'الاستضافة المشتركة تعيد استخدام العناوين؛ وربما انتقل العنوان إلى جهة أخرى منذ نشره.';
const ANDROID_APP_ID = 'قد يشير معرّف تطبيق منشور لنظام Android إلى تطبيق iOS مشروع يحمل المعرّف نفسه.';

export const RULES_AR: RuleCatalogue = {
  'ios.manifest.file-path': {
    title: 'النسخة الاحتياطية تحتوي على ملف مذكور في مؤشر لبرنامج تجسس',
    explanation:
      'تُدرج النسخة الاحتياطية الملف {record.domain}/{record.relative_path}، وهو يطابق مؤشر {malware} «{indicator}» ({bundle}).',
    harmless: ['قد يكتب تطبيق مشروع ملفًا باسم شائع كهذا؛ تحقّق من نطاق الملف وتواريخه.'],
  },
  'ios.manifest.domain-mention': {
    title: 'اسم ملف في النسخة الاحتياطية يذكر نطاقًا لبرنامج تجسس',
    explanation:
      'ملف النسخة الاحتياطية {record.domain}/{record.relative_path} مسمّى باسم أصل الويب {value}، الذي يطابق مؤشر {malware} «{indicator}» ({bundle}): أي أن تطبيقًا خزّن بيانات لهذا الموقع.',
    harmless: ['زيارة صفحة تحمّل محتوى من هذا النطاق، من دون إصابة، تترك مجلدًا كهذا أيضًا.'],
  },
  'ios.applications.process': {
    title: 'تطبيق مثبت يحمل اسم عملية لبرنامج تجسس',
    explanation:
      'التطبيق المثبت {value} («{record.name}» من {record.artist}، مصدره {record.source_app}) يطابق مؤشر العملية لـ{malware} «{indicator}» ({bundle}).',
    harmless: ['بعض أسماء العمليات المنشورة تتطابق مع مكوّنات مشروعة.'],
  },
  'ios.applications.app-id': {
    title: 'تطبيق تجسس مثبت على الهاتف',
    explanation:
      'التطبيق المثبت {value} («{record.name}» من {record.artist}، مصدره {record.source_app}) يطابق مؤشر التطبيق لـ{malware} «{indicator}» ({bundle}).',
    harmless: [ANDROID_APP_ID],
  },
  'ios.applications.sideloaded': {
    title: 'تطبيق لم يُثبَّت من App Store ولا عبر نظام إدارة الأجهزة',
    explanation:
      'التطبيق {record.bundle_id} («{record.name}» من {record.artist}) ثبّته {value}، لا App Store ولا خادم إدارة أجهزة (MDM): أي أنه ثُبّت من خارج المتجر، وهي الطريقة التي تصل بها برامج التجسس على الشريك وبعض برمجيات الاختراق إلى iPhone.',
    harmless: [
      'نسخ TestFlight التجريبية وتطبيقات المتاجر البديلة في الاتحاد الأوروبي (iOS 17.4 وما بعده) وتطبيقات الشركات الداخلية تُثبَّت بالطريقة نفسها.',
    ],
  },
  'ios.applications.missing-bundle-id': {
    title: 'بيانات المتجر الوصفية لتطبيق ما بلا معرّف حزمة',
    explanation:
      'ملف iTunesMetadata للتطبيق المُدرج باسم {value} يخلو من softwareVersionBundleId، وهو موجود دائمًا في التطبيقات الآتية من المتجر؛ فربما ثُبّت التطبيق من خارج المتجر ببيانات وصفية مصنوعة يدويًا.',
    harmless: ['قد تخلو من هذا المفتاح بيانات وصفية كتبتها إصدارات قديمة جدًا من iTunes أو أتلفتها عملية استعادة.'],
  },
  'ios.configuration_profiles.profile-id': {
    title: 'ملف تعريف إعدادات خاص ببرنامج تجسس مثبت',
    explanation:
      'ملف تعريف الإعدادات «{record.display_name}» (المثبت في {record.install_date}) يحمل المعرّف {value}، الذي يطابق مؤشر ملف التعريف لـ{malware} «{indicator}» ({bundle}).',
    harmless: ['لا شيء معروف: معرّفات UUID لملفات التعريف عشوائية، فالتطابق يعني هذا الملف بعينه.'],
  },
  'ios.configuration_profiles.notification-settings': {
    title: 'ملف تعريف إعدادات يتحكم في الإشعارات',
    explanation:
      'ملف تعريف الإعدادات «{record.display_name}» ({record.identifier}) يحمل حمولة com.apple.notificationsettings، التي قد تُسكت التنبيهات التي كان سيُظهرها هجوم؛ وتنبّه أداة MVT إلى ملفات كهذه.',
    harmless: ['تستخدم المدارس وجهات العمل وخدمات الرقابة الأبوية إعدادات الإشعارات هذه عبر أنظمة إدارة الأجهزة.'],
  },
  'ios.configuration_profiles.installed': {
    title: 'ملف تعريف إعدادات مثبت',
    explanation:
      'ملف تعريف الإعدادات «{record.display_name}» ({value}، من {record.organization}) مثبت بالحمولات {record.payload_types}؛ ملفات التعريف تبقى بعد إعادة التشغيل ويمكنها تثبيت شهادات وشبكات VPN ووكلاء، لذا ينبغي أن يتعرّف صاحب الهاتف على كل واحد منها.',
    harmless: [
      'معظم ملفات التعريف مشروعة: تسجيل في نظام إدارة أجهزة لدى جهة عمل أو مدرسة، إعدادات شركة الاتصالات، إعداد VPN وWi-Fi، ملفات البرامج التجريبية.',
    ],
  },
  'ios.profile_events.process': {
    title: 'عملية لبرنامج تجسس ثبّتت ملف تعريف أو أزالته',
    explanation:
      'يسجّل MCProfileEvents.plist أن العملية «{record.process}» نفّذت «{record.operation}» على ملف التعريف {record.profile_id}؛ واسمها «{value}» يطابق مؤشر العملية لـ{malware} «{indicator}» ({bundle}).',
    harmless: ['بعض أسماء العمليات المنشورة تتطابق مع مكوّنات مشروعة في iOS.'],
  },
  'ios.profile_events.file-path': {
    title: 'ملف تنفيذي لبرنامج تجسس ثبّت ملف تعريف أو أزاله',
    explanation:
      'يسجّل MCProfileEvents.plist أن {value} نفّذ «{record.operation}» على ملف التعريف {record.profile_id}؛ وهذا المسار يطابق مؤشر الملف لـ{malware} «{indicator}» ({bundle}).',
    harmless: ['قد يطابق مؤشرٌ لاسم ملف شائع ملفًا تنفيذيًا مشروعًا بالاسم نفسه؛ قارن المسار الكامل.'],
  },
  'ios.profile_events.profile-id': {
    title: 'ثُبّت ملف تعريف إعدادات خاص ببرنامج تجسس أو أُزيل',
    explanation:
      'يسجّل MCProfileEvents.plist عملية «{record.operation}» لملف التعريف {value} بواسطة {record.process}؛ وهذا المعرّف يطابق مؤشر ملف التعريف لـ{malware} «{indicator}» ({bundle})، حتى لو اختفى الملف بعد ذلك.',
    harmless: ['لا شيء معروف: معرّفات ملفات التعريف في المؤشرات هي UUID عشوائية.'],
  },
  'ios.profile_events.event': {
    title: 'ثُبّت ملف تعريف إعدادات أو أُزيل',
    explanation:
      'يسجّل MCProfileEvents.plist أن «{record.process}» نفّذ «{record.operation}» على ملف التعريف {value}؛ ينبغي أن يتعرّف صاحب الهاتف على كل عملية على ملفات التعريف، لأنها وسيلة للبقاء على الجهاز.',
    harmless: ['تسجيل أنظمة إدارة الأجهزة وتحديثات شركات الاتصالات وتطبيقات VPN وملفات البرامج التجريبية تثبّت ملفات التعريف وتزيلها باستمرار.'],
  },
  'ios.global_preferences.lockdown-mode-enabled': {
    title: 'نمط القفل مفعّل',
    explanation:
      'تقول التفضيلات العامة إن نمط القفل مفعّل، وهو يغلق معظم منافذ الهجوم التي لا تحتاج إلى نقرة (مرفقات الرسائل، معاينات الروابط، مكالمات FaceTime من مجهولين) منذ لحظة تفعيله.',
    harmless: ['هذا إعداد حماية، يُذكر ليعرف القارئ منذ متى صار الهاتف محصّنًا.'],
  },
  'ios.global_preferences.lockdown-mode-disabled': {
    title: 'أُوقف نمط القفل',
    explanation:
      'تسجّل التفضيلات العامة أن نمط القفل معطّل صراحةً، أي أنه فُعّل في وقت ما ثم أُوقف (من صاحب الهاتف أو من شخص يعرف رمز الدخول).',
    harmless: ['كثيرًا ما يوقف أصحاب الهواتف نمط القفل لأنه يعطّل بعض المواقع والمرفقات والألبومات المشتركة.'],
  },
  'ios.datausage.process': {
    title: 'عملية لبرنامج تجسس استخدمت الشبكة',
    explanation:
      'يسجّل DataUsage.sqlite استخدامًا للشبكة من العملية «{value}» (أول استخدام في {record.first_used})، وهي تطابق مؤشر العملية لـ{malware} «{indicator}» ({bundle}).',
    harmless: [
      'بعض أسماء العمليات المنشورة تتطابق مع خدمات مشروعة في iOS؛ قارن الاسم بإصدار iOS وبالاكتشافات الأخرى.',
      'يقتطع iOS أسماء العمليات هنا عند 16 حرفًا، فقد يطابق اسمٌ من 16 حرفًا مؤشرًا أطول ببدايته فقط.',
    ],
  },
  'ios.datausage.app-id': {
    title: 'تطبيق تجسس استخدم الشبكة',
    explanation:
      'يسجّل DataUsage.sqlite استخدامًا للشبكة من التطبيق «{value}» (مدخل العملية {record.proc_name_raw})، وهو يطابق مؤشر التطبيق لـ{malware} «{indicator}» ({bundle}).',
    harmless: [ANDROID_APP_ID],
  },
  'ios.datausage.manipulated-process-entry': {
    title: 'حُذف سجل عملية من DataUsage',
    explanation:
      'يشير صف الاستخدام الجاري {record.live_pk} في DataUsage.sqlite إلى العملية {value}، التي لم تعد موجودة: حُذف سجلها وبقي صف حركة بياناتها، وهكذا تنكشف برمجية اختراق تمحو اسم عمليتها من قاعدة البيانات.',
    harmless: [
      'قد تترك قاعدة بيانات تالفة أو مستعادة جزئيًا مرجعًا معلّقًا كهذا أيضًا.',
      'لا يحذف iOS عادةً صفوف العمليات واحدًا واحدًا؛ اعتبر هذا خيطًا وابحث عن آثار أخرى حول وقت هذا الاستخدام.',
    ],
  },
  'ios.datausage.unlinked-live-usage': {
    title: 'استخدام للشبكة غير مرتبط بأي عملية',
    explanation:
      'صف الاستخدام الجاري {value} في DataUsage.sqlite غير مرتبط بأي عملية، فلا يمكن تسمية العملية التي استخدمت الشبكة؛ وتعدّ أداة MVT صفوفًا كهذه متلاعبًا بها.',
    harmless: ['يترك Core Data هذا الرابط فارغًا حين يحذف صف عملية بنفسه، كأن ينظّف iOS المدخلات القديمة.'],
  },
  'ios.datausage.missing-process': {
    title: 'سجلات عمليات مفقودة من DataUsage',
    explanation:
      'ينقص DataUsage.sqlite عدد {record.missing_count} من سجلات العمليات ابتداءً من Z_PK {value}، بعد العملية {record.previous_process_pk} ({record.previous_proc_name})؛ وحذف سجلات العمليات هو طريقة برمجية الاختراق لإخفاء أسماء عملياتها.',
    harmless: ['يحذف iOS سجلات العمليات القديمة حين ينظّف قاعدة البيانات، وهذا يترك فجوات أيضًا.'],
  },
  'ios.os_analytics_ad_daily.process': {
    title: 'عملية لبرنامج تجسس تظهر في خط الأساس اليومي لاستخدام الشبكة',
    explanation:
      'يحتوي com.apple.osanalytics.addaily.plist على خط أساس لاستخدام الشبكة للعملية «{record.name_raw}» (بتاريخ {record.baseline_date})، واسمها «{value}» يطابق مؤشر العملية لـ{malware} «{indicator}» ({bundle}).',
    harmless: [
      'بعض أسماء العمليات المنشورة هي أيضًا خدمات مشروعة في iOS (عمل BackupAgent الخاص بـTriangulation باسم مشروع في إصدارات iOS القديمة)؛ وازن الأمر بالاكتشافات الأخرى.',
    ],
  },
  'ios.id_status_cache.email': {
    title: 'بحث الهاتف عن حساب يستخدمه مشغّلو برنامج تجسس',
    explanation:
      'بحثت خدمات الهوية عن العنوان {value} لخدمة {record.service} في {record.lookup_date}؛ وهو يطابق مؤشر البريد الإلكتروني لـ{malware} «{indicator}» ({bundle})، وهو حساب استُخدم لإرسال هجمات لا تحتاج إلى نقرة عبر iMessage.',
    harmless: ['البحث يعني فقط أن هذا الحساب تواصل مع هذا الهاتف (أو كُتب فيه)؛ وليس دليلًا على نجاح الهجوم.'],
  },
  'ios.id_status_cache.double-nul': {
    title: 'معرّف بحث يحتوي على بايتات NUL',
    explanation:
      'خزّنت خدمات الهوية بحثًا عن المعرّف «{value}» لخدمة {record.service}، وهو يحتوي على {record.nul_count} من بايتات NUL؛ المعرّفات المكتوبة أو المستلمة عادةً لا تحتوي على أي منها، وتعدّ أداة MVT هذا النمط أثرًا لإرسال هجوم.',
    harmless: ['قد تنتج بطاقة اتصال مشوّهة أو تطبيق معيب معرّفًا كهذا من حيث المبدأ.'],
  },
  'ios.tcc.process': {
    title: 'عملية لبرنامج تجسس تملك إذن خصوصية',
    explanation:
      'يسجّل TCC.db إذن {record.service} ({record.auth_value}) للعميل «{record.client}»، واسمه «{value}» يطابق مؤشر العملية لـ{malware} «{indicator}» ({bundle}).',
    harmless: ['بعض أسماء العمليات المنشورة تتطابق مع مكوّنات مشروعة في iOS؛ تحقّق من الخدمة ونوع العميل.'],
  },
  'ios.tcc.file-path': {
    title: 'ملف تنفيذي لبرنامج تجسس يملك إذن خصوصية',
    explanation:
      'يسجّل TCC.db إذن {record.service} للملف التنفيذي {value}، الذي يطابق مؤشر الملف لـ{malware} «{indicator}» ({bundle}).',
    harmless: ['قد يطابق مؤشرٌ لاسم ملف شائع ملفًا تنفيذيًا مشروعًا بالاسم نفسه؛ قارن المسار الكامل.'],
  },
  'ios.tcc.app-id': {
    title: 'تطبيق تجسس يملك إذن خصوصية',
    explanation:
      'يسجّل TCC.db إذن {record.service} للتطبيق {value}، الذي يطابق مؤشر التطبيق لـ{malware} «{indicator}» ({bundle}).',
    harmless: [ANDROID_APP_ID],
  },
  'ios.sms.link-indicator': {
    title: 'رسالة تحتوي على رابط إلى بنية تحتية لبرنامج تجسس',
    explanation:
      'رسالة ({record.direction}، {record.service}، الطرف {record.handle}) تحتوي على الرابط {value}، الذي يطابق مؤشر {malware} «{indicator}» ({bundle}).',
    harmless: [
      'استلام رابط كهذا لا يعني أنه فُتح؛ ابحث عن زيارة له في سجل التصفح في الوقت نفسه تقريبًا.',
      'ربما أعاد باحث أو زميل إرسال الرابط على سبيل المثال.',
    ],
  },
  'ios.sms.apple-threat-notification': {
    title: 'إشعار تهديد من Apple بشأن برمجيات تجسس حكومية أو مأجورة',
    explanation:
      'رسالة من {record.handle} تبدأ بنص إشعار التهديد من Apple («{value}»)، الذي ترسله Apple إلى من تعتقد أنهم استُهدفوا شخصيًا ببرمجيات تجسس مأجورة.',
    harmless: [
      'يستطيع أي شخص إرسال رسالة بهذا النص: الإشعار الحقيقي يصل أيضًا بالبريد الإلكتروني إلى عنوان حساب Apple ويظهر في أعلى account.apple.com.',
      'الإشعار يقول إن الشخص استُهدف، لا إن الهجوم نجح.',
    ],
  },
  'ios.sms-attachments.file-path': {
    title: 'مرفق رسالة مخزّن في مسار مذكور في مؤشر لبرنامج تجسس',
    explanation:
      'ملف المرفق {record.filename} ({record.direction}، {record.service}، الطرف {record.handle}) يطابق مؤشر {malware} «{indicator}» ({bundle}).',
    harmless: ['قد يُرسل ملف باسم شائع بشكل مشروع؛ قارن وقت المرفق بالآثار الأخرى.'],
  },
  'ios.sms-attachments.temporary-received-attachment': {
    title: 'مرفق iMessage مستلم بقي في مجلد مؤقت',
    explanation:
      'مرفق مستلم من {record.handle} ({record.service}) مسجّل في {value}، داخل المجلد المؤقت للنظام وبالبادئة اللاحقة «-1» التي شوهدت في المرفقات المستخدمة لإرسال هجمات عبر iMessage، بدلًا من مخزن مرفقات تطبيق الرسائل.',
    harmless: [
      'قد يحتفظ مرفق انقطع تنزيله بمسار مؤقت.',
      'هذا النمط وحده ضعيف: ابحث عن عمليات أو نطاقات لبرامج تجسس في الوقت نفسه تقريبًا.',
    ],
  },
  'ios.safari-history.url-indicator': {
    title: 'زار Safari بنية تحتية لبرنامج تجسس',
    explanation: 'يسجّل سجل تصفح Safari زيارة تتضمن {value}، الذي يطابق مؤشر {malware} «{indicator}» ({bundle}).',
    harmless: [SPYWARE_LINK_RESEARCH],
  },
  'ios.safari-history.injection-redirect': {
    title: 'زيارة عبر HTTP غير مشفّر أُعيد توجيهها إلى موقع آخر في أقل من ثانية',
    explanation:
      'حمّل Safari الصفحة {record.url} عبر HTTP غير مشفّر ثم أُرسل إلى {value} بعد {record.redirect_delay_ms} جزءًا من الألف من الثانية، وهي إعادة توجيه أسرع من أن يقوم بها الشخص، وتأتي على الأرجح من الشبكة، كما في هجمات الحقن عبر الشبكة التي وثّقتها منظمة العفو الدولية.',
    harmless: [
      'كثير من المواقع تعيد توجيه زيارات HTTP غير المشفّرة فورًا إلى خادم آخر تملكه (موقع للهاتف أو موقع إقليمي، خدمة اختصار روابط، صفحة تسجيل دخول).',
      'بوابات شبكات Wi-Fi في الفنادق والمطارات تعيد توجيه أول طلب HTTP غير مشفّر خلال أجزاء من الثانية.',
    ],
  },
  'ios.safari-browser-state.url-indicator': {
    title: 'علامة تبويب في Safari ذهبت إلى بنية تحتية لبرنامج تجسس',
    explanation:
      'علامة تبويب في Safari ({record.title}) تحتوي على {value} في عنوانها أو في سجل تنقّلها، وهو يطابق مؤشر {malware} «{indicator}» ({bundle}).',
    harmless: [SPYWARE_LINK_RESEARCH],
  },
  'ios.webkit-resource-load-statistics.domain-indicator': {
    title: 'سجّل WebKit تحميلًا من بنية تحتية لبرنامج تجسس',
    explanation:
      'تسجّل إحصاءات WebKit الخاصة بـ{record.location} الموقع {record.registrable_domain} (القيمة المطابِقة {value}، في الحقل {field})، وهو يطابق مؤشر {malware} «{indicator}» ({bundle}).',
    harmless: [PAGE_EMBEDS],
  },
  'ios.webkit-session-resource-log.domain-indicator': {
    title: 'سجّل WebKit في جلسة تصفح تحميلًا من بنية تحتية لبرنامج تجسس',
    explanation:
      'يذكر سجل جلسة WebKit الخاص بـ{record.location} القيمة {value} (في الحقل {field}، للموقع {record.origin})، وهي تطابق مؤشر {malware} «{indicator}» ({bundle}).',
    harmless: [PAGE_EMBEDS],
  },
  'ios.webkit-session-resource-log.redirect-indicator': {
    title: 'إعادة توجيه للصفحة تمرّ ببنية تحتية لبرنامج تجسس',
    explanation:
      'سجّل WebKit سلسلة إعادة توجيه الصفحة {record.redirect_chain}، وفيها {value} يطابق مؤشر {malware} «{indicator}» ({bundle})، وهو المسار الذي يسلكه رابط الهجوم إلى خادمه.',
    harmless: [PAGE_EMBEDS, 'خدمات التتبع واختصار الروابط تعيد التوجيه عبر نطاقات كثيرة.'],
  },
  'ios.chrome-history.url-indicator': {
    title: 'زار Chrome بنية تحتية لبرنامج تجسس',
    explanation:
      'يسجّل سجل تصفح Chrome (الملف الشخصي {record.profile}) زيارة إلى {value}، الذي يطابق مؤشر {malware} «{indicator}» ({bundle}).',
    harmless: [SPYWARE_LINK_RESEARCH],
  },
  'ios.chrome-favicon.url-indicator': {
    title: 'خزّن Chrome أيقونة من بنية تحتية لبرنامج تجسس',
    explanation:
      'تربط ذاكرة أيقونات Chrome الصفحة {record.page_url} بالأيقونة {record.icon_url}؛ و{value} يطابق مؤشر {malware} «{indicator}» ({bundle}).',
    harmless: [ICON_RESEARCH],
  },
  'ios.firefox-history.url-indicator': {
    title: 'زار Firefox بنية تحتية لبرنامج تجسس',
    explanation:
      'يسجّل سجل تصفح Firefox ({record.location}) القيمة {value}، التي تطابق مؤشر {malware} «{indicator}» ({bundle}).',
    harmless: [SPYWARE_LINK_RESEARCH, 'الزيارة المزامنة من جهاز آخر (is_local تساوي false) جرت على ذلك الجهاز، لا على هذا الهاتف.'],
  },
  'ios.firefox-favicon.url-indicator': {
    title: 'خزّن Firefox أيقونة من بنية تحتية لبرنامج تجسس',
    explanation:
      'يربط جدول أيقونات Firefox ({record.location}) الأيقونة {record.icon_url} بالصفحة {record.page_url}؛ و{value} يطابق مؤشر {malware} «{indicator}» ({bundle}).',
    harmless: [ICON_RESEARCH],
  },
  'ios.safari-favicon.url-indicator': {
    title: 'خزّن Safari أيقونة من بنية تحتية لبرنامج تجسس',
    explanation:
      'تربط ذاكرة أيقونات Safari الخاصة بـ{record.location} (أيقونة {record.kind}) الصفحة {record.page_url} بالأيقونة {record.icon_url}؛ و{value} يطابق مؤشر {malware} «{indicator}» ({bundle}).',
    harmless: [ICON_RESEARCH],
  },
  'ios.webkit-website-data.url-indicator': {
    title: 'خزّن تطبيق بيانات موقع لبنية تحتية لبرنامج تجسس',
    explanation:
      'يحتوي WebKit في {record.location} (المخزن {record.store}) على بيانات من نوع {record.data_kinds} للموقع {record.url}، محفوظة تحت الموقع الرئيسي {record.top_url}؛ و{value} يطابق مؤشر {malware} «{indicator}» ({bundle}).',
    harmless: [
      'زيارة الموقع من دون إصابة (أثناء البحث عنه مثلًا) تخزّن البيانات نفسها.',
      'إطار من طرف ثالث (موقع رئيسي يختلف عن الموقع) يخزّن بيانات من دون أن يختار الشخص ذلك الموقع.',
    ],
  },
  'ios.shortcuts.action-url-indicator': {
    title: 'اختصار يفتح بنية تحتية لبرنامج تجسس',
    explanation:
      'للاختصار «{record.name}» إجراء تحتوي معاملاته على {value}، الذي يطابق مؤشر {malware} «{indicator}» ({bundle}).',
    harmless: ['قد يحمل اختصار مستورد من الويب رابطًا أضافه كاتبه؛ تحقّق من وقت إنشاء الاختصار ومن أن الشخص أنشأه بنفسه.'],
  },
  'ios.locationd-clients.process-indicator': {
    title: 'عملية لبرنامج تجسس طلبت الموقع',
    explanation:
      'يُدرج locationd العميل {record.client} (الحقل {field} «{value}»)، وهو يطابق مؤشر العملية لـ{malware} «{indicator}» ({bundle}).',
    harmless: ['بعض أسماء العمليات المنشورة تتطابق مع خدمات أو حزم مشروعة في iOS؛ تحقّق من مسار العميل ومن الاكتشافات الأخرى.'],
  },
  'ios.locationd-clients.file-path-indicator': {
    title: 'ملف تنفيذي في مسار خاص ببرنامج تجسس طلب الموقع',
    explanation:
      'يُدرج locationd العميل {record.client} بالمسار {value} (الحقل {field})، وهو يطابق مؤشر الملف لـ{malware} «{indicator}» ({bundle}).',
    harmless: ['قد ينتمي اسم ملف شائع في مؤشرٍ إلى ملف تنفيذي مشروع أيضًا؛ تحقّق من المسار الكامل.'],
  },
  'ios.whatsapp.link-indicator': {
    title: 'رسالة WhatsApp تحتوي على رابط إلى بنية تحتية لبرنامج تجسس',
    explanation:
      'رسالة WhatsApp ({record.direction}، من {record.from_jid} إلى {record.to_jid}) تحمل الرابط {value} في نصها أو تعليقها أو معاينة الرابط، وهو يطابق مؤشر {malware} «{indicator}» ({bundle}).',
    harmless: [
      'استلام رابط كهذا لا يعني أنه فُتح؛ ابحث عن زيارة له في سجل التصفح في الوقت نفسه تقريبًا.',
      'ربما شارك باحث أو صحفي أو زميل الرابط مثالًا على هجوم.',
    ],
  },
  'ios.whatsapp_contacts.link-indicator': {
    title: 'نص «نبذة» أو ملاحظة لجهة اتصال في WhatsApp يشير إلى بنية تحتية لبرنامج تجسس',
    explanation:
      'لجهة الاتصال في WhatsApp {record.whatsapp_id} ({record.full_name}) الرابط {value} في نص «نبذة» أو في الملاحظات، وهو يطابق مؤشر {malware} «{indicator}» ({bundle})؛ وقد يُستخدم حساب يعرض رابطًا كهذا لإرسال روابط الهجوم.',
    harmless: [
      'قد يضع باحث أو صحفي يكتب عن برامج التجسس رابطًا لمثال في ملفه الشخصي.',
      'لا يقول الرابط شيئًا عمّا وصل إلى هذا الهاتف؛ ابحث عن رسائل من جهة الاتصال هذه في سجلات whatsapp.',
    ],
  },
  'ios.interaction_c.email-indicator': {
    title: 'سجّل الهاتف تفاعلًا مع حساب يستخدمه مشغّلو برنامج تجسس',
    explanation:
      'سجّل CoreDuet تفاعلًا ({record.direction}) عبر {record.bundle_id} يتضمن {value}، الذي يطابق مؤشر البريد الإلكتروني لـ{malware} «{indicator}» ({bundle})، وهو حساب استُخدم لإرسال هجمات عبر iMessage.',
    harmless: [
      'التفاعل يُظهر فقط تبادل رسالة أو مكالمة مع الحساب؛ وليس دليلًا على نجاح الهجوم.',
      'ربما كتب شخص يحقق في هذه الحسابات إلى أحدها.',
    ],
  },
  'ios.calls.email-indicator': {
    title: 'مكالمة مع حساب يستخدمه مشغّلو برنامج تجسس',
    explanation:
      'يحتوي سجل المكالمات على مكالمة ({record.direction}، {record.call_type_name}) مع {value}، الذي يطابق مؤشر البريد الإلكتروني لـ{malware} «{indicator}» ({bundle})، وهو حساب استُخدم لمهاجمة أجهزة iPhone.',
    harmless: ['سجل المكالمة يُظهر تواصلًا مع الحساب، لا نجاح الهجوم.', 'ربما اتصل شخص يحقق في هذه الحسابات بأحدها.'],
  },
  'ios.contacts.email-indicator': {
    title: 'دفتر العناوين يحتوي على حساب يستخدمه مشغّلو برنامج تجسس',
    explanation:
      'لجهة الاتصال {record.display_name} العنوان {value} ({record.property_name})، الذي يطابق مؤشر البريد الإلكتروني لـ{malware} «{indicator}» ({bundle})، وهو حساب استُخدم لإرسال هجمات عبر iMessage.',
    harmless: [
      'ربما حفظ صحفي أو باحث هذا العنوان أثناء التحقيق في الحملة.',
      'ابحث في سجلات calls وinteraction_c وid_status_cache عن تواصل مع العنوان نفسه.',
    ],
  },
  'ios.calendar.participant-email': {
    title: 'دعوة تقويم تتضمن حسابًا يستخدمه مشغّلو برنامج تجسس',
    explanation:
      'لحدث التقويم «{record.summary}» المشارك {value}، الذي يطابق مؤشر البريد الإلكتروني لـ{malware} «{indicator}» ({bundle})؛ وقد استُخدمت دعوات تقويم من حسابات كهذه لإرسال هجمات لا تحتاج إلى نقرة.',
    harmless: ['الدعوة تُظهر فقط أن الحساب أرسلها أو استلمها؛ وليست دليلًا على نجاح الهجوم.', 'ربما دعا باحث هذا الحساب أو دُعي منه عمدًا.'],
  },
  'ios.calendar.link-indicator': {
    title: 'حدث في التقويم يحتوي على رابط إلى بنية تحتية لبرنامج تجسس',
    explanation:
      'يحمل حدث التقويم «{record.summary}» الرابط {value}، الذي يطابق مؤشر {malware} «{indicator}» ({bundle})؛ والدعوات وسيلة لوضع رابط كهذا أمام المستخدم من دون رسالة.',
    harmless: ['وجود الرابط لا يعني أنه فُتح؛ ابحث عن زيارة له في سجل التصفح.', 'ربما نسخ المستخدم الرابط إلى حدث بوصفه ملاحظة.'],
  },
  'ios.calendar.quadream-meeting-notes': {
    title: 'حدث في التقويم يشبه دعوات ENDOFDAYS من QuaDream',
    explanation:
      'لحدث التقويم «{value}» ذي الملاحظة «{record.description}» (المنظِّم {record.organizer_email}، أُنشئ بعد {record.created_after_start_seconds} ثانية من بدايته) العنوان والملاحظة نفسيهما للدعوات الخفية التي كان هجوم ENDOFDAYS من QuaDream يرسلها إلى أجهزة iPhone في 2021.',
    harmless: [
      'يستطيع المستخدم أن ينشئ بيده حدثًا عنوانه «Meeting» وملاحظته «Notes»؛ أما دعوة ENDOFDAYS فكانت أيضًا مؤرّخة بتاريخ سابق (أُنشئت بعد بدايتها بوقت طويل) وآتية من منظِّم مجهول.',
      'استهدف ENDOFDAYS الإصدارين iOS 14.4 و14.4.2؛ فحدث كهذا على هاتف لم يعمل بهذين الإصدارين قط أقل احتمالًا أن يكون هو الهجوم.',
    ],
  },
  'android.packages.app-id': {
    title: 'تطبيق تجسس مثبت على الهاتف',
    explanation:
      'الحزمة «{value}» مثبتة (ثبّتها: {record.installer_category})، وهي تطابق مؤشر التطبيق لـ{malware} «{indicator}» ({bundle}).',
    harmless: ['بعض معرّفات التطبيقات المنشورة عامة بما يكفي ليعيد تطبيق مشروع استخدامها؛ قارن شهادة التوقيع وبصمة ملف APK بمجموعة المؤشرات.'],
  },
  'android.packages.file-hash': {
    title: 'ملف APK مثبت هو ملف تجسس معروف',
    explanation: 'لأحد ملفات APK للحزمة «{record.package_name}» البصمة {value}، التي تطابق مؤشر الملف لـ{malware} ({bundle}).',
    harmless: ['تطابق البصمة دقيق؛ والسبب البريء الوحيد باحث ثبّت عيّنة عمدًا.'],
  },
  'android.packages.cert-hash': {
    title: 'تطبيق مثبت موقّع بشهادة برنامج تجسس',
    explanation: 'الحزمة «{record.package_name}» موقّعة بالشهادة {value}، التي تطابق مؤشر شهادة التوقيع لـ{malware} ({bundle}).',
    harmless: ['لا يستطيع التوقيع بمفتاح التوقيع إلا حائزه؛ فالتطابق يعني أن التطبيق من مطوّر برنامج التجسس نفسه.'],
  },
  'android.packages.root-app': {
    title: 'تطبيق لكسر حماية الجذر (root) أو لإخفائه مثبت',
    explanation:
      'الحزمة «{value}» أداة معروفة لكسر حماية الجذر أو لإدارته أو لإخفائه؛ وفي هاتف مكسور الحماية يستطيع أي تطبيق يحصل على صلاحيات الجذر أن يتحكم فيه تمامًا.',
    harmless: ['بعض الناس يكسرون حماية هواتفهم عمدًا؛ اسأل إن كان صاحب الهاتف قد فعل ذلك.'],
  },
  'android.packages.package-installer': {
    title: 'تطبيق ثُبّت من ملف APK',
    explanation:
      'ثبّت مثبّت الحزم في النظام ({record.installer}) الحزمة «{value}»، أي من ملف APK فُتح في متصفح أو مدير ملفات أو تطبيق محادثة لا من متجر، وهكذا تستدرج روابط التجسس ضحاياها.',
    harmless: ['التطبيقات غير الموجودة في Google Play (بعض تطبيقات المصارف وVPN والتطبيقات الحرة) تُثبَّت بهذه الطريقة عمدًا.'],
  },
  'android.packages.installed-outside-store': {
    title: 'تطبيق ثُبّت عبر adb أو بطريقة أخرى خارج المتاجر',
    explanation:
      'الحزمة «{value}» ليست تطبيق نظام ولم يثبّتها أي متجر (ثبّتها: {record.installer_category}): ثُبّتت بكابل USB عبر adb أو بطريقة أخرى، كما قد يثبّت برنامج تجسس من يمسك الهاتف بيده.',
    harmless: ['يثبّت المطوّرون ومحلات الصيانة تطبيقات عبر adb؛ وبعض الشركات المصنّعة تثبّت تطبيقات مسبقًا دون تسجيل جهة التثبيت.'],
  },
  'android.packages.third-party-store': {
    title: 'تطبيق ثُبّت من متجر غير Google Play',
    explanation: 'ثُبّتت الحزمة «{value}» من {record.installer}، وهو متجر تطبيقات بديل.',
    harmless: ['F-Droid وAurora Store متجران مشروعان يستخدمهما المهتمون بخصوصيتهم.'],
  },
  'android.packages.disabled-security-package': {
    title: 'حزمة أمان تابعة للشركة المصنّعة معطّلة',
    explanation: 'حزمة الأمان «{value}» معطّلة، وهذا يوقف حمايات وضعتها الشركة المصنّعة للهاتف.',
    harmless: ['يعطّل بعض الناس تطبيقات الشركة المصنّعة للحد من جمع البيانات.'],
  },
  'android.packages.disabled-update-package': {
    title: 'حزمة تحديث النظام معطّلة',
    explanation: 'حزمة التحديث «{value}» معطّلة، فقد لا يتلقى الهاتف بعد الآن التحديثات الأمنية التي تسدّ ثغرة مستغلّة.',
    harmless: ['يعطّل بعض الناس التحديثات للإبقاء على إصدار أقدم من النظام يفضّلونه.'],
  },
  'android.getprop.property': {
    title: 'خاصية نظام يضعها برنامج تجسس',
    explanation: 'خاصية النظام «{value}» (قيمتها «{record.value}») موجودة، وهي تطابق مؤشر الخاصية لـ{malware} «{indicator}» ({bundle}).',
    harmless: ['يختار اسمَ الخاصية من يضعها؛ وقد يختار تطبيق لا علاقة له الاسم نفسه، وإن لم يُعرف تطبيق يفعل ذلك.'],
  },
  'android.getprop.old-security-patch': {
    title: 'مستوى التصحيح الأمني أقدم من ستة أشهر',
    explanation:
      'مستوى التصحيح الأمني للهاتف هو {value}، أي قبل {record.patch_age_days} يومًا من الاستخراج ({record.reference_date}، بحسب {record.reference_date_from})، فتنقصه إصلاحات لثغرات تستغلها الهجمات.',
    harmless: ['كثير من الهواتف توقفت شركاتها عن تحديثها؛ والتصحيح القديم يسهّل الهجوم لكنه ليس أثرًا له.'],
  },
  'android.settings.risky-setting': {
    title: 'إعداد يُضعف دفاعات الهاتف',
    explanation: 'الإعداد {record.key} من {record.namespace} قيمته {value} بدلًا من {record.safe_value}: {record.risk}.',
    harmless: ['يغيّر المطوّرون وبعض المستخدمين هذه الإعدادات عمدًا؛ وبعض الشركات المصنّعة تعتمد قيمًا افتراضية أخرى.'],
  },
  'android.processes.app-id': {
    title: 'تطبيق تجسس كان يعمل',
    explanation:
      'العملية «{record.process_name}» (pid {record.pid}) تابعة للتطبيق «{value}»، الذي يطابق مؤشر التطبيق لـ{malware} «{indicator}» ({bundle}).',
    harmless: [ANDROID_GENERIC_ID],
  },
  'android.processes.process': {
    title: 'عملية لبرنامج تجسس كانت تعمل',
    explanation:
      'كانت العملية «{value}» (pid {record.pid}، المستخدم {record.user}) تعمل، وهي تطابق مؤشر العملية لـ{malware} «{indicator}» ({bundle}).',
    harmless: [COLLIDING_PROCESS],
  },
  'android.files.path': {
    title: 'ملف تجسس موجود على الجهاز',
    explanation: 'الملف {value} موجود على الجهاز، وهو يطابق مؤشر الملف لـ{malware} «{indicator}» ({bundle}).',
    harmless: ['قد يتطابق اسم ملف شائع مصادفةً؛ أما تطابق المسار الكامل فقوي.'],
  },
  'android.files.hash': {
    title: 'ملف على الجهاز هو ملف تجسس معروف',
    explanation: 'للملف {record.path} البصمة {value}، التي تطابق مؤشر الملف لـ{malware} ({bundle}).',
    harmless: ['تطابق البصمة دقيق؛ والسبب البريء الوحيد عيّنة نُسخت عمدًا.'],
  },
  'android.files.data-local-tmp': {
    title: 'ملف في ‎/data/local/tmp',
    explanation:
      'الملف {value} (الصلاحيات {record.mode}، المالك {record.user_name}) موجود في ‎/data/local/tmp، وهو مجلد لا يكتب فيه إلا adb وصلاحيات الجذر، وتضع فيه هجمات مثل Predator حمولاتها.',
    harmless: ['يترك المطوّرون وأدوات كسر الحماية وبعض أدوات التحليل أو التنقيح ملفات هناك؛ وقد استُبعد جامع androidqf نفسه.'],
  },
  'android.root-binaries.present': {
    title: 'أداة لصلاحيات الجذر موجودة على الجهاز',
    explanation:
      'أداة الجذر {value} ({record.description}) موجودة على الجهاز: الهاتف مكسور الحماية أو جُهّز لذلك، وهذا يتيح لأي تطبيق يحصل على صلاحيات الجذر أن يتحكم فيه تمامًا.',
    harmless: ['بعض الناس يكسرون حماية هواتفهم عمدًا؛ وبعض أنظمة ROM المعدّلة تتضمن busybox.'],
  },
  'android.mounts.path': {
    title: 'نقطة تركيب تذكر مسارًا لبرنامج تجسس',
    explanation: 'تركيب {record.device} على {record.mount_point} يذكر {value}، الذي يطابق مؤشر الملف لـ{malware} «{indicator}» ({bundle}).',
    harmless: ['قد يطابق مؤشرُ مسارٍ عام نقطةَ تركيب عادية؛ اقرأه مع الاكتشافات الأخرى.'],
  },
  'android.mounts.system-read-write': {
    title: 'قسم النظام مركّب للقراءة والكتابة',
    explanation: 'قسم النظام {value} مركّب للقراءة والكتابة ({record.mount_options})؛ وهو للقراءة فقط في هاتف لم تُكسر حمايته ولم يُعبث به.',
    harmless: ['الهواتف المكسورة الحماية وإصدارات التطوير تركّب النظام للقراءة والكتابة عمدًا.'],
  },
  'android.mounts.system-suspicious-options': {
    title: 'أُعيد تركيب قسم النظام',
    explanation: 'يحمل قسم النظام {value} خيارات التركيب {record.suspicious_options}، التي تتركها إعادة تركيب يدوية.',
    harmless: ['تستخدم بعض الشركات المصنّعة خيارات تركيب غير معتادة على أقسامها.'],
  },
  'android.dumpsys-receivers.app-id': {
    title: 'تطبيق تجسس يظهر بين مستقبلات البث',
    explanation:
      'يسجّل التطبيق «{value}» المستقبِل {record.receiver} لـ{record.intent}، وهو يطابق مؤشر التطبيق لـ{malware} «{indicator}» ({bundle}).',
    harmless: [ANDROID_GENERIC_ID],
  },
  'android.dumpsys-activities.app-id': {
    title: 'تطبيق تجسس يظهر بين الأنشطة',
    explanation: 'يعالج التطبيق «{value}» ‏{record.intent} بالنشاط {record.activity}، وهو يطابق مؤشر التطبيق لـ{malware} «{indicator}» ({bundle}).',
    harmless: [ANDROID_GENERIC_ID],
  },
  'android.dumpsys-accessibility.app-id': {
    title: 'تطبيق تجسس يظهر بين خدمات تسهيل الاستخدام',
    explanation:
      'خدمة تسهيل الاستخدام {record.service} ({record.states}) تابعة لـ«{value}»، الذي يطابق مؤشر التطبيق لـ{malware} «{indicator}» ({bundle}).',
    harmless: [ANDROID_GENERIC_ID],
  },
  'android.dumpsys-accessibility.service': {
    title: 'خدمة تسهيل استخدام مثبتة',
    explanation:
      'تستطيع خدمة تسهيل الاستخدام {value} ({record.states}) قراءة كل ما يظهر على الشاشة والتصرف نيابةً عن المستخدم، وعلى ذلك تعتمد برامج تجسس مثل NoviSpy.',
    harmless: ['قارئات الشاشة ومديرو كلمات المرور وتطبيقات الأتمتة والواجهات تستخدم هذه الخدمات استخدامًا مشروعًا؛ تحقّق من أن صاحب الهاتف يعرف التطبيق.'],
  },
  'android.dumpsys-appops.app-id': {
    title: 'تطبيق تجسس يظهر في عمليات التطبيقات',
    explanation: 'استخدم التطبيق «{value}» ‏{record.permission} ({record.mode})، وهو يطابق مؤشر التطبيق لـ{malware} «{indicator}» ({bundle}).',
    harmless: [ANDROID_GENERIC_ID],
  },
  'android.dumpsys-appops.install-packages': {
    title: 'تطبيق يستطيع تثبيت تطبيقات أخرى',
    explanation:
      'يملك التطبيق «{value}» العملية REQUEST_INSTALL_PACKAGES ({record.mode}؛ {record.entry_times_local})، فيستطيع تثبيت تطبيقات أخرى كما تفعل أدوات زرع برامج التجسس.',
    harmless: ['تطلبها المتصفحات ومديرو الملفات وتطبيقات المحادثة لفتح ملفات APK المنزّلة.'],
  },
  'android.dumpsys-appops.store-install-packages': {
    title: 'متجر تطبيقات يستطيع تثبيت تطبيقات',
    explanation:
      'يملك متجر التطبيقات «{value}» العملية REQUEST_INSTALL_PACKAGES ({record.mode})، وهي الغاية منه؛ وتذكره أداة MVT كأي تطبيق آخر.',
    harmless: ['تثبيت التطبيقات هو عمل المتجر.'],
  },
  'android.dumpsys-appops.shell': {
    title: 'استخدمت صدفة adb عملية تطبيق',
    explanation:
      'استخدمت صدفة adb ‏(com.android.shell) العملية {value} ({record.mode}؛ {record.entry_times_local}): شخصٌ ما شغّل أوامر على الهاتف بكابل USB أو بالتنقيح اللاسلكي.',
    harmless: ['يستخدم المطوّرون وأدوات الاستخراج (ومنها androidqf نفسها) صدفة adb.'],
  },
  'android.dumpsys-battery-daily.app-id': {
    title: 'تطبيق تجسس يظهر في تغييرات الحزم',
    explanation:
      'تسجّل إحصاءات البطارية التغيير «{record.action}» لـ«{value}» (الإصدار {record.vers}) بين {record.period_from_local} و{record.period_to_local}، وهو يطابق مؤشر التطبيق لـ{malware} «{indicator}» ({bundle}).',
    harmless: [ANDROID_GENERIC_ID],
  },
  'android.dumpsys-battery-daily.uninstall': {
    title: 'أُزيل تثبيت تطبيق',
    explanation:
      'أُزيل تثبيت التطبيق «{value}» بين {record.period_from_local} و{record.period_to_local}؛ وبرامج التجسس وأدوات التحليل تزيل نفسها بعد الاستخدام.',
    harmless: ['يزيل الناس تطبيقات كل يوم؛ ولا أهمية لهذا إلا بجانب اكتشافات أخرى عن التطبيق نفسه أو الوقت نفسه.'],
  },
  'android.dumpsys-battery-daily.downgrade': {
    title: 'خُفّض إصدار تطبيق',
    explanation:
      'انتقل التطبيق «{value}» من الإصدار {record.previous_vers} إلى الإصدار الأقدم {record.vers} بين {record.period_from_local} و{record.period_to_local}؛ وتثبيت إصدار قديم فيه ثغرة طريقةٌ لاستغلاله.',
    harmless: ['التراجع عن تحديث معيب، أو برنامج تجريبي، يخفّض إصدار التطبيق أيضًا.'],
  },
  'android.dumpsys-battery-history.app-id': {
    title: 'تطبيق تجسس يظهر في سجل البطارية',
    explanation: 'يسجّل سجل البطارية «{record.event}» لـ«{value}» ({record.tag})، وهو يطابق مؤشر التطبيق لـ{malware} «{indicator}» ({bundle}).',
    harmless: [ANDROID_GENERIC_ID],
  },
  'android.dbinfo.app-id': {
    title: 'تطبيق تجسس يظهر في نشاط قواعد البيانات',
    explanation: 'استخدم «{value}» قاعدة البيانات {record.path} ({record.action})، وهو يطابق مؤشر التطبيق لـ{malware} «{indicator}» ({bundle}).',
    harmless: [ANDROID_GENERIC_ID],
  },
  'android.dumpsys-platform-compat.app-id': {
    title: 'تطبيق تجسس يظهر في استثناءات التوافق',
    explanation:
      'يذكر تغيير التوافق {record.change_name} الحزمة «{value}»، التي تطابق مؤشر التطبيق لـ{malware} «{indicator}» ({bundle})؛ وربما أُزيل تثبيتها منذ ذلك الحين.',
    harmless: [ANDROID_GENERIC_ID],
  },
  'android.dumpsys-adb-state.invalid-key': {
    title: 'مفتاح adb موثوق لا تمكن قراءته',
    explanation: 'يثق الهاتف بمفتاح adb ‏({record.user}) ليس بصيغة base64 صالحة، فلا يمكن تحديد الحاسوب الذي يملكه.',
    harmless: ['ملف مفاتيح تالف أو نسخة مقتطعة تعطي النتيجة نفسها.'],
  },
  'android.dumpsys-adb-state.other-computer': {
    title: 'حاسوب آخر موثوق لاتصالات adb',
    explanation:
      'إضافةً إلى الحاسوب الذي جمع هذه البيانات، يثق الهاتف بمفتاح adb ‏{value} ({record.user}): يستطيع ذلك الحاسوب تشغيل أوامر وتثبيت تطبيقات عبر USB أو التنقيح اللاسلكي.',
    harmless: ['حاسوب المطوّر نفسه أو محل صيانة أو عملية استخراج سابقة تترك مفتاحها.'],
  },
  'android.dumpsys-adb-state.no-acquisition-key': {
    title: 'لم يُقارَن مفتاح adb الموثوق بحاسوب الجمع',
    explanation:
      'يثق الهاتف بمفتاح adb ‏{value} ({record.user})، ولا تسجّل عملية الجمع مفتاح الحاسوب الذي قام بها، فلا يمكن معرفة إن كان هو ذلك الحاسوب.',
    harmless: ['الإصدارات القديمة من androidqf لا تسجّل مفتاح adb الخاص بها.'],
  },
  'android.dumpsys-adb-state.acquisition-key-used-before': {
    title: 'سبق لحاسوب الجمع أن اتصل',
    explanation:
      'آخر اتصال عبر adb للحاسوب الذي جمع هذه البيانات كان قبل {record.days_before_acquisition} يومًا من الاستخراج، أي أنه كان موثوقًا من قبل.',
    harmless: ['ربما فحص المحلل نفسه الهاتف من قبل.'],
  },
  'android.tombstones.process': {
    title: 'تعطّلت عملية لبرنامج تجسس',
    explanation:
      'يسجّل تقرير التعطل {record.file_name} تعطّل «{value}» (pid {record.pid}، uid {record.uid}، {record.signal})، وهي تطابق مؤشر العملية لـ{malware} «{indicator}» ({bundle}).',
    harmless: [COLLIDING_PROCESS],
  },
  'android.tombstones.privileged-crash': {
    title: 'تعطّلت عملية ذات صلاحيات عالية',
    explanation:
      'يسجّل تقرير التعطل {record.file_name} تعطّل {value} الذي يعمل بالمعرّف uid {record.uid} (root أو system أو shell) مع {record.signal}؛ ومحاولة فاشلة لاستغلال عملية ذات صلاحيات تترك تعطلات كهذه.',
    harmless: ['تتعطل عمليات النظام أيضًا بسبب أخطاء عادية؛ انظر إلى الوقت وإلى الاكتشافات الأخرى حوله.'],
  },
  'android.backup-sms.link': {
    title: 'رسالة نصية تحتوي على رابط إلى بنية تحتية لبرنامج تجسس',
    explanation:
      'رسالة {record.kind} ({record.direction}، {record.address}) تحتوي على الرابط {value}، الذي يطابق مؤشر {malware} «{indicator}» ({bundle}).',
    harmless: ['استلام رابط كهذا لا يعني أنه فُتح.', 'ربما أعاد باحث أو زميل إرسال الرابط على سبيل المثال.'],
  },
  'android.dns-event.domain': {
    title: 'بحث الهاتف عن نطاق لبرنامج تجسس',
    explanation: 'بحث التطبيق {record.package_name} عن {value}، الذي يطابق مؤشر {malware} «{indicator}» ({bundle}).',
    harmless: ['قد يبحث تطبيق أمان أو باحث عن نطاق كهذا عمدًا.'],
  },
  'android.dns-event.ip': {
    title: 'أعاد بحثٌ عنوان خادم لبرنامج تجسس',
    explanation:
      'أعاد البحث عن {record.hostname} الذي أجراه {record.package_name} العنوان {value}، الذي يطابق مؤشر العنوان لـ{malware} «{indicator}» ({bundle}).',
    harmless: [SHARED_HOSTING],
  },
  'android.dns-event.app-id': {
    title: 'تطبيق تجسس أجرى بحث DNS',
    explanation: 'بحث التطبيق «{value}» عن {record.hostname}، وهو يطابق مؤشر التطبيق لـ{malware} «{indicator}» ({bundle}).',
    harmless: [ANDROID_GENERIC_ID],
  },
  'android.connect-event.ip': {
    title: 'اتصل الهاتف بخادم لبرنامج تجسس',
    explanation:
      'اتصل التطبيق {record.package_name} بالعنوان {value} على المنفذ {record.port}، الذي يطابق مؤشر العنوان لـ{malware} «{indicator}» ({bundle}).',
    harmless: [SHARED_HOSTING],
  },
  'android.connect-event.app-id': {
    title: 'تطبيق تجسس فتح اتصالًا',
    explanation: 'اتصل التطبيق «{value}» بالعنوان {record.ip_address}، وهو يطابق مؤشر التطبيق لـ{malware} «{indicator}» ({bundle}).',
    harmless: [ANDROID_GENERIC_ID],
  },
  'android.security-event.app-id': {
    title: 'حدث أمني يذكر تطبيق تجسس',
    explanation: 'يذكر الحدث الأمني {record.tag} ‏«{value}»، الذي يطابق مؤشر التطبيق لـ{malware} «{indicator}» ({bundle}).',
    harmless: [ANDROID_GENERIC_ID],
  },
  'android.security-event.file-path': {
    title: 'نُقل ملف تجسس عبر adb',
    explanation: 'يسجّل الحدث الأمني {record.tag} نقل {value} عبر adb، وهو يطابق مؤشر الملف لـ{malware} «{indicator}» ({bundle}).',
    harmless: ['قد ينسخ باحث عيّنة إلى هاتف اختبار عمدًا.'],
  },
  'android.security-event.integrity': {
    title: 'حدث أمني قد يلي عبثًا بالهاتف',
    explanation:
      'يسجّل سجل التسلل الحدث الأمني {value} ({record.data}): تثبيت جهة إصدار شهادات، أو فشل سلامة شهادة أو مفتاح، أو فشل مسح، أو فشل اختبار ذاتي للتشفير، كلها قد تلي محاولةً لاعتراض حركة البيانات أو العبث بالهاتف.',
    harmless: ['تثبّت أنظمة إدارة أجهزة الشركات جهات إصدار شهادات؛ ويفشل التحقق من الشهادات في بوابات الشبكات العامة وعلى الخوادم سيئة الإعداد.'],
  },
};
