/** ar words of the fs-stores rules, by rule id; merged into the ar rule catalogue. */
import type { RuleCatalogue } from '../types.js';

export const RULES_FS_STORES_AR: RuleCatalogue = {
  'ios.cache-files.url-indicator': {
    title: 'ذاكرة تخزين مؤقت للشبكة تحتوي على ردّ من بنية تحتية لبرنامج تجسس',
    explanation:
      'تحتفظ ذاكرة التخزين المؤقت للشبكة {record.db_path} بردّ على {record.url} (القسم {record.partition})؛ و{value} يطابق مؤشر {malware} «{indicator}» ({bundle}).',
    harmless: [
      'فتح العنوان أثناء البحث عنه، أو صفحة تحمّل موردًا من ذلك الموقع، يخزّن الردّ نفسه مؤقتًا.',
      'ربما قدّم نطاق مشترك أو أُعيد تخصيصه محتوى غير ضار وقت تخزين الردّ.',
    ],
  },
  'ios.keychain-analytics.process': {
    title: 'إحصاءات الأمان تذكر عملية لبرنامج تجسس',
    explanation:
      'لحدث في {record.db_name} ({record.table}) قيمة سمة {value}، وهي تطابق مؤشر العملية {malware} «{indicator}» ({bundle}).',
    harmless: [
      'قد يساوي اسم مؤشر قصير أو شائع قيمة سمة لا علاقة لها به (اسم خدمة أو حساب)؛ تحقّق من مفاتيح السجل لمعرفة السمة التي تحملها.',
    ],
  },
  'ios.keychain-analytics.url-indicator': {
    title: 'إحصاءات الأمان تذكر بنية تحتية لبرنامج تجسس',
    explanation:
      'يذكر حدث في {record.db_name} ({record.table}) القيمة {value}، وهي تطابق مؤشر {malware} «{indicator}» ({bundle}).',
    harmless: [
      'اتصال أُجري أثناء البحث عن النطاق، أو فحص شهادة موقع يكتفي بتضمينه، يُسجَّل بالطريقة نفسها.',
    ],
  },
};
