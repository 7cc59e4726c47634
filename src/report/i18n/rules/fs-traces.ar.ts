/** ar words of the fs-traces rules, by rule id; merged into the ar rule catalogue. */
import type { RuleCatalogue } from '../types.js';
import { RULES_AR } from '../rules.ar.js';
import { netusageTexts } from './fs-traces.fr.js';

const OWN_AR: RuleCatalogue = {
  'ios.filesystem.file-path': {
    title: 'نسخة نظام الملفات تحتوي على ملف مذكور في مؤشر لبرنامج تجسس',
    explanation:
      'تُدرج نسخة نظام الملفات المدخل ({record.type}) {value}، وهو يطابق مؤشر {malware} «{indicator}» ({bundle}).',
    harmless: [
      'قد يكتب برنامج مشروع ملفًا باسم شائع كهذا؛ تحقّق من المجلد الذي يقع فيه ومن تواريخه.',
      'المؤشر الذي يسمّي مجلدًا يطابق كل مدخل بداخله، فمجلد واحد مزروع يعطي اكتشافًا لكل ملف يحتويه.',
    ],
  },
  'ios.filesystem.process-in-path': {
    title: 'ملف أو مجلد في نسخة نظام الملفات يحمل اسم عملية لبرنامج تجسس',
    explanation:
      'تُدرج نسخة نظام الملفات {record.path}، واسمه «{value}» هو مؤشر العملية لـ{malware} «{indicator}» ({bundle}): تحفظ برمجيات الاختراق ملفاتها التنفيذية باسم عمليتها، في com.apple.xpc.roleaccountd.staging مثلًا.',
    harmless: ['قد يكون اسم عملية قصير أو شائع اسمًا لملف أو مجلد عادي؛ تحقّق من مكانه ومما يحتويه.'],
  },
  'ios.shutdown-log.file-path': {
    title: 'ملف تنفيذي لبرنامج تجسس كان يعمل عند إيقاف تشغيل الهاتف',
    explanation:
      'يُدرج {record.log_file} العملية {value} (pid {record.pid}) التي ظلت تعمل عند إيقاف التشغيل في {record.sigterm_at}، ومسارها يطابق مؤشر {malware} «{indicator}» ({bundle}).',
    harmless: ['قد يكون اسم ملف شائع في مؤشر اسمًا لملف تنفيذي مشروع أيضًا؛ تحقّق من المجلد الذي عملت منه العملية.'],
  },
  'ios.shutdown-log.process-in-path': {
    title: 'عملية لبرنامج تجسس كانت تعمل عند إيقاف تشغيل الهاتف',
    explanation:
      'يُدرج {record.log_file} المسار {value} (pid {record.pid}) الذي ظل يعمل عند إيقاف التشغيل في {record.sigterm_at}؛ وأحد مكوّنات هذا المسار هو مؤشر العملية لـ{malware} «{indicator}» ({bundle}).',
    harmless: ['قد يسمّي اسم عملية قصير أو شائع مجلدًا أو ملفًا تنفيذيًا مشروعًا أيضًا؛ تحقّق من المسار كاملًا.'],
  },
  'ios.shutdown-log.unusual-location': {
    title: 'عملية كانت تعمل من مجلد بيانات عند إيقاف التشغيل',
    explanation:
      'يُدرج {record.log_file} المسار {value} (pid {record.pid}) الذي ظل يعمل عند إيقاف التشغيل في {record.sigterm_at}: ملفات النظام التنفيذية موجودة على وحدة تخزين النظام، أما Pegasus وReign وPredator فشغّلت ملفاتها من ‎/private/var/db/‎ أو ‎/private/var/tmp/‎. هذا خيط للمراجعة وليس اكتشافًا.',
    harmless: [
      'بعض المكوّنات المشروعة تعمل من هذه المجلدات، مثلًا حين يجهّز iOS تحديثًا للنظام؛ وازِن اسم العملية والتاريخ والاكتشافات الأخرى.',
    ],
  },
  'ios.shutdown-log.many-delays': {
    title: 'تأخر إيقاف التشغيل بسبب عمليات لم تتوقف',
    explanation:
      'عند إيقاف التشغيل في {record.sigterm_at}، سجّل {record.log_file} ‏{value} مرات أن عمليات ما زالت تعمل ({record.client_count} عملية، وآخر مرة بعد {record.last_delay_seconds} ثانية): وقد رأت Kaspersky أجهزة iPhone مصابة تؤخر إعادة تشغيلها بهذه الطريقة.',
    harmless: [
      'الهاتف المشغول أو البطيء، أو تحديث النظام، أو خدمة مشروعة عالقة، كلها تؤخر إيقاف التشغيل أيضًا؛ انظر إلى العمليات المذكورة.',
    ],
  },
  'ios.datausage.binary-not-found': {
    title: 'عملية لا تنتمي إلى تطبيق استخدمت الشبكة، ولا يحمل أي ملف في النسخة اسمها',
    explanation:
      'يسجّل DataUsage.sqlite استخدامًا للشبكة من العملية «{value}» (أول استخدام في {record.first_used})، وهي لا تنتمي إلى أي تطبيق، ولا يحمل أي ملف في نسخة نظام الملفات هذا الاسم: وهذا بالضبط ما تتركه برمجية اختراق تعمل من الذاكرة أو تحذف ملفها التنفيذي.',
    harmless: [
      'خدمات النظام التي يوجد ملفها التنفيذي في الذاكرة المشتركة المخبأة (shared cache)، أو على وحدة تخزين للنظام لم تستخرجها النسخة، لا يُعثر عليها أيضًا؛ وازِن اسم العملية والاكتشافات الأخرى.',
    ],
  },
};

export const RULES_FS_TRACES_AR: RuleCatalogue = {
  ...OWN_AR,
  ...netusageTexts({ ...RULES_AR, ...OWN_AR }),
};
