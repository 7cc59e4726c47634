/**
 * Names the generator draws from: benign sites, apps and words, chosen so that no bulk
 * value can match a shipped indicator by accident (the planted ones are the only hits).
 */

export const SITES: readonly string[] = [
  'www.apple.com', 'www.google.com', 'en.wikipedia.org', 'fr.wikipedia.org', 'www.youtube.com', 'www.lemonde.fr',
  'www.bbc.co.uk', 'www.theguardian.com', 'www.nytimes.com', 'www.reddit.com', 'github.com', 'stackoverflow.com',
  'www.amazon.com', 'www.booking.com', 'www.airbnb.com', 'maps.google.com', 'www.lefigaro.fr', 'www.liberation.fr',
  'www.aljazeera.com', 'www.reuters.com', 'apnews.com', 'www.spiegel.de', 'www.elpais.com', 'www.corriere.it',
  'www.imdb.com', 'www.allocine.fr', 'www.leboncoin.fr', 'www.sncf-connect.com', 'www.ratp.fr', 'meteofrance.com',
  'www.weather.com', 'www.linkedin.com', 'www.instagram.com', 'twitter.com', 'www.facebook.com', 'mail.google.com',
  'www.protonmail.com', 'signal.org', 'www.eff.org', 'www.amnesty.org', 'citizenlab.ca', 'www.hrw.org',
  'www.marmiton.org', 'www.doctolib.fr', 'www.ameli.fr', 'www.impots.gouv.fr', 'www.service-public.fr', 'www.laposte.fr',
  'www.fnac.com', 'www.decathlon.fr', 'www.ikea.com', 'www.spotify.com', 'www.deezer.com', 'www.netflix.com',
  'news.ycombinator.com', 'arstechnica.com', 'www.wired.com', 'www.lequipe.fr', 'www.francetvinfo.fr', 'www.arte.tv',
];

export const SECTIONS: readonly string[] = [
  'article', 'news', 'world', 'politics', 'culture', 'sport', 'tech', 'science', 'video', 'search', 'product', 'travel',
];

export const WORDS: readonly string[] = [
  'the', 'a', 'meeting', 'tomorrow', 'call', 'me', 'when', 'you', 'can', 'see', 'photo', 'thanks', 'ok', 'dinner',
  'tonight', 'train', 'late', 'minutes', 'office', 'home', 'love', 'happy', 'birthday', 'weekend', 'plan', 'project',
  'report', 'draft', 'review', 'coffee', 'lunch', 'school', 'kids', 'doctor', 'appointment', 'flight', 'hotel', 'ticket',
  'price', 'market', 'weather', 'rain', 'sun', 'news', 'story', 'interview', 'source', 'document', 'send', 'received',
  'later', 'now', 'soon', 'yes', 'no', 'maybe', 'great', 'sorry', 'sure', 'why', 'where', 'what', 'how', 'good', 'night',
];

/** App bundle identifiers of an ordinary phone (none is in an indicator set). */
export const APPS: readonly string[] = [
  'net.whatsapp.WhatsApp', 'org.whispersystems.signal', 'ph.telegra.Telegraph', 'com.burbn.instagram', 'com.facebook.Facebook',
  'com.spotify.client', 'com.google.chrome.ios', 'com.google.Gmail', 'com.google.Maps', 'com.microsoft.Office.Outlook',
  'com.linkedin.LinkedIn', 'com.atebits.Tweetie2', 'com.netflix.Netflix', 'com.deezer.Deezer', 'fr.lemonde.LeMonde',
  'com.airbnb.app', 'com.booking.BookingApp', 'com.ubercab.UberClient', 'com.duolingo.DuolingoMobile', 'com.zhiliaoapp.musically',
  'com.dropbox.Dropbox', 'com.getdropbox.Dropbox', 'org.mozilla.ios.Firefox', 'com.skype.skype', 'us.zoom.videomeetings',
  'com.toyopagroup.picaboo', 'com.amazon.Amazon', 'com.sncf.connect', 'fr.doctolib.pro', 'com.shazam.Shazam',
];

/** System daemons whose DataUsage rows look like `<process>/<bundle>`. */
export const DAEMONS: readonly string[] = [
  'nsurlsessiond/com.apple.nsurlsessiond', 'mDNSResponder/com.apple.mDNSResponder', 'apsd/com.apple.apsd',
  'itunesstored/com.apple.itunesstored', 'cloudd/com.apple.cloudd', 'assetsd/com.apple.assetsd', 'akd/com.apple.ak',
  'com.apple.WebKit.Networking/com.apple.mobilesafari', 'mobileassetd/com.apple.mobileassetd', 'identityservicesd/com.apple.identityservicesd',
  'locationd/com.apple.locationd', 'parsecd/com.apple.parsecd', 'softwareupdateservicesd/com.apple.softwareupdateservicesd',
  'imagent/com.apple.imagent', 'timed/com.apple.timed', 'geod/com.apple.geod', 'trustd/com.apple.trustd', 'nehelper/com.apple.nehelper',
];

export function sentence(pick: <T>(items: readonly T[]) => T, words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(pick(WORDS));
  const text = out.join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}
