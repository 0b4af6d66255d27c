/**
 * Our own, deliberately small sentiment lexicon: only what the library cannot see. Scores use the scale of
 * NLP.js's polarity dictionaries (-1 very negative .. 1 very positive) so that both add up.
 *
 * Keys ending in `*` match any word that starts with them ("deluden*" matches "deludente", "deludenti"); other
 * keys match the whole word. Words are compared lower-cased and without accents ("piu" for "più").
 */

/**
 * Emoji and emoticons. The library tokenizes emoji as words it has no score for, yet on social media they often
 * are the whole message ("😡😡😡") or flip a neutral one ("ordine arrivato 👎"). Only emoji whose reading is
 * clear in customer care are listed: laughing faces (😂 🤣) are left out because they mock as often as they
 * cheer, and 🙏 counts only mildly positive because it also begs ("rispondete 🙏").
 */
export const EMOJI_SCORES: Readonly<Record<string, number>> = {
  // negative
  '😡': -1, '🤬': -1, '😠': -0.9, '😤': -0.7, '👎': -0.8, '💩': -0.9, '🤮': -0.9, '🤢': -0.7, '😩': -0.6,
  '😫': -0.6, '😒': -0.5, '🙄': -0.5, '😞': -0.6, '😔': -0.5, '😢': -0.6, '😭': -0.6, '💔': -0.7, '😖': -0.6,
  '😣': -0.5, '☹': -0.6, '🙁': -0.5, '😕': -0.4, '😟': -0.4, '😑': -0.3, '🖕': -1, '🤡': -0.6, '😾': -0.5,
  '😪': -0.3, '🤦': -0.5, '😱': -0.4, '😬': -0.3,
  // positive
  '😍': 1, '❤': 0.9, '♥': 0.8, '💕': 0.8, '💖': 0.8, '💗': 0.8, '💙': 0.7, '💚': 0.7, '💛': 0.7, '💜': 0.7,
  '🧡': 0.7, '🤍': 0.6, '😘': 0.7, '🥰': 1, '🤩': 0.9, '👍': 0.8, '👏': 0.7, '👌': 0.6, '💪': 0.6, '🙏': 0.4,
  '🎉': 0.8, '🥳': 0.8, '🎊': 0.7, '😊': 0.7, '☺': 0.7, '🙂': 0.4, '😀': 0.6, '😃': 0.6, '😄': 0.6, '😁': 0.6,
  '😆': 0.5, '🤗': 0.6, '😎': 0.4, '🚀': 0.5, '✨': 0.4, '🌟': 0.6, '⭐': 0.5, '💯': 0.6, '✅': 0.3, '🔝': 0.6,
  '🏆': 0.6, '🥂': 0.5, '🍾': 0.5, '😇': 0.5, '💐': 0.5,
  // emoticons, as parseSocialText names them
  ':)': 0.6, ':(': -0.6, '<3': 0.8,
};

/**
 * English, on top of @nlpjs/lang-en's `senticon` dictionary (about 13,200 stems). The analyzer reads only the
 * library's clear scores, |score| >= 0.6 (about 1,100 stems; see LIBRARY_MIN_SCORE): below that the dictionary is
 * mostly noise for customer care ("order" 0.33, "wait" 0.5) and often has the wrong sign ("bad" +0.25, "worse"
 * +0.375, "late" +0.375, "cancelled" +0.25). So this list holds what the library does not give us: evaluative
 * words it lacks ("terrible", "awful", "worst", "broken", "scam"), scores under the cut ("great" 0.375,
 * "excellent" 0.25, "disappointed" -0.25) or with the wrong sign, and customer-care slang ("ripoff", "wtf").
 * Words the library already scores clearly and with the right sign ("rude", "horrible", "superb", "happy",
 * "hate") are left to it. A listed word replaces the library's score.
 */
export const ENGLISH_WORDS: Readonly<Record<string, number>> = {
  // positive
  'great': 0.75, 'excellent': 1, 'amazing': 0.9, 'fantastic': 0.9, 'brilliant': 0.8, 'perfect*': 0.8,
  'wonderful': 0.9, 'good': 0.5, 'nice': 0.5, 'lovely': 0.7, 'love': 0.75, 'loved': 0.75, 'loving': 0.6,
  'like': 0.3, 'liked': 0.3, 'pleased': 0.6, 'glad': 0.5, 'satisfied': 0.6, 'delighted': 0.9, 'thrilled': 0.8,
  'impressed': 0.6, 'impressive': 0.6, 'thanks': 0.5, 'thank': 0.5, 'thx': 0.5, 'ty': 0.4, 'cheers': 0.4,
  'grateful': 0.7, 'appreciate*': 0.6, 'helpful': 0.6, 'friendly': 0.6, 'kind': 0.5, 'polite': 0.5,
  'professional': 0.5, 'knowledgeable': 0.5, 'attentive': 0.5, 'patient': 0.3, 'quick': 0.4, 'quickly': 0.4,
  'fast': 0.4, 'speedy': 0.5, 'efficient': 0.5, 'smooth': 0.4, 'reliable': 0.5, 'stable': 0.3, 'easy': 0.4,
  'easier': 0.4, 'best': 0.7, 'better': 0.4, 'top': 0.3, 'recommend*': 0.5, 'flawless': 0.8, 'outstanding': 0.9,
  'solved': 0.4, 'fixed': 0.4, 'resolved': 0.4, 'rock': 0.4, 'rocks': 0.5, 'legend': 0.6, 'wow': 0.5, 'yay': 0.6,
  'congrat*': 0.6, 'enjoy*': 0.5, 'beautiful': 0.6, 'cool': 0.4, 'fair': 0.3, 'worth': 0.4, 'bargain': 0.4,
  'affordable': 0.4, 'pleasure': 0.6, 'pleasant': 0.6, 'gorgeous': 0.6, 'acceptable': 0.4, 'finally': 0.2,
  'works': 0.2, 'working': 0.1,
  // negative
  'bad': -0.6, 'terrible': -0.9, 'terribly': -0.8, 'awful': -0.9, 'worst': -1, 'worse': -0.6, 'poor': -0.5,
  'poorly': -0.5, 'pathetic': -0.8, 'pathetically': -0.8, 'useless': -0.7, 'garbage': -0.8, 'trash': -0.8,
  'crap': -0.8, 'shit': -0.9, 'suck*': -0.8, 'disappoint*': -0.7, 'angry': -0.7, 'annoy*': -0.6,
  'frustrat*': -0.6, 'upset': -0.6, 'unacceptable': -0.8, 'ridiculous': -0.7, 'absurd': -0.6, 'outrageous': -0.8,
  'disgrace*': -0.8, 'disgust*': -0.8, 'shameful': -0.8, 'shame': -0.5, 'scam*': -0.9, 'ripoff': -0.8,
  'fraud*': -0.8, 'incompetent': -0.8, 'clueless': -0.6, 'slow': -0.4, 'late': -0.3, 'delay*': -0.4,
  'cancelled': -0.4, 'canceled': -0.4, 'broken': -0.6, 'faulty': -0.6, 'defective': -0.6, 'lost': -0.4,
  'missing': -0.4, 'wrong': -0.5, 'error': -0.3, 'fail*': -0.6, 'problem*': -0.3, 'issue': -0.2, 'issues': -0.3,
  'complain*': -0.4, 'complaint': -0.3, 'joke': -0.5, 'kidding': -0.3, 'waste*': -0.6, 'nightmare': -0.8,
  'disaster*': -0.8, 'mess': -0.5, 'expensive': -0.3, 'overpriced': -0.6, 'overcharg*': -0.6, 'overbook*': -0.5,
  'unauthori*': -0.5, 'vanished': -0.4, 'disconnect*': -0.3, 'crash*': -0.5, 'freez*': -0.4, 'outage*': -0.5,
  'unreliable': -0.6, 'unhelpful': -0.6, 'dissatisfied': -0.6, 'ugh': -0.4, 'wtf': -0.7, 'smh': -0.4,
  'ffs': -0.6, 'meh': -0.3, 'scandal*': -0.6, 'stuck': -0.4, 'ignor*': -0.5, 'lies': -0.6,
  // Plain words that the library scores clearly through stem collisions or another sense: "become" 0.81,
  // "off" -1 ("turn off"), "ok" 0.75, "able" 0.69, "feel", "meet" and "letter" 0.63. Found by sweeping about
  // 260 common English words and 130 desk topic words ("order", "refund", "delivery", "wait", ...) through the
  // dictionary: no topic word reaches 0.6.
  'become': 0, 'becomes': 0, 'becoming': 0, 'feel': 0, 'feels': 0, 'feeling': 0, 'meet': 0, 'meeting': 0,
  'off': 0, 'ok': 0, 'able': 0, 'letter': 0, 'letters': 0,
};

/**
 * Italian, on top of @nlpjs/lang-it's polarity dictionary (about 2,200 stems from a general-language corpus).
 * It misses the slang and the strong words of complaints ("schifo", "ciofeca", "ladri", "incompetente",
 * "rotto"), superlatives its stemmer does not reduce ("gentilissimi") and underrates a few domain words; and a
 * few of its entries are topic words in customer care, not feelings ("valida" in "la promo è valida?", "ancora",
 * "attesa"): those are set to 0 here. A listed word replaces the library's score.
 */
export const ITALIAN_WORDS: Readonly<Record<string, number>> = {
  // negative
  'schif*': -0.8, 'ciofec*': -0.7, 'ladr*': -0.7, 'truff*': -0.8, 'scandal*': -0.7, 'incompetent*': -0.7,
  'arrabbiat*': -0.7, 'incazzat*': -0.8, 'rotto': -0.5, 'rotta': -0.5, 'rotti': -0.5, 'cancellat*': -0.4,
  'guast*': -0.5, 'vergogn*': -0.8, 'pessim*': -0.9, 'inaccettabil*': -0.8, 'inesistent*': -0.5, 'inutil*': -0.6,
  'lento': -0.4, 'lenta': -0.4, 'lenti': -0.4, 'lentissim*': -0.6, 'disservizi*': -0.6, 'disastr*': -0.7,
  'fregatur*': -0.7, 'ingann*': -0.6, 'delus*': -0.7, 'deludent*': -0.6, 'ridicol*': -0.6, 'assurd*': -0.6,
  'odio': -0.8, 'uffa': -0.4, 'bloccat*': -0.3, 'sparit*': -0.4, 'ritard*': -0.4, 'smarrit*': -0.6,
  'crash*': -0.5, 'maleducat*': -0.7, 'scortes*': -0.7, 'squallid*': -0.7, 'penos*': -0.7, 'indecent*': -0.8,
  'basta': -0.3, 'errore': -0.3,
  // positive
  'gentilissim*': 0.8, 'bravissim*': 1, 'grz': 0.5, 'top': 0.5, 'velocissim*': 0.6, 'perfett*': 0.8,
  'consigliatissim*': 0.8, 'risolt*': 0.4, 'impeccabil*': 0.8, 'soddisfatt*': 0.7, 'professional*': 0.5,
  'cortes*': 0.6, 'puntual*': 0.5, 'gentil*': 0.6, 'wow': 0.5, 'evviva': 0.6, 'mitic*': 0.7, 'felicissim*': 0.9,
  'stupend*': 0.9,
  // Topic words of customer care, not feelings, that the library scores through stem collisions or another
  // sense: "pacco" -0.5 (slang for a swindle), "peso" -0.75, "rete" -0.25, "disdetta" -1, "pagare" -0.5,
  // "vale" 0.33. Found by sweeping a list of ~100 desk topic words through the dictionary.
  'valida': 0, 'valido': 0, 'vale': 0, 'ancora': 0, 'attesa': 0, 'sconto': 0, 'saldo': 0, 'saldi': 0,
  'nuovo': 0, 'nuova': 0, 'numero': 0, 'pagare': 0, 'pagat*': 0, 'pagament*': 0, 'disponibil*': 0, 'pacco': 0,
  'pacchi': 0, 'peso': 0, 'pesa': 0, 'pesare': 0, 'rete': 0, 'disdetta': 0, 'sito': 0, 'lavoro': 0,
  'attivazione': 0, 'accesso': 0,
};

/**
 * Phrases, matched as whole words on folded text (see foldText): the complaints and praise of customer care
 * that no single word carries ("ancora nessuna risposta", "still waiting", "on hold", "like a charm"). They add
 * to the words' scores.
 */
export const PHRASES: Readonly<Record<'it' | 'en', Readonly<Record<string, number>>>> = {
  it: {
    'nessuna risposta': -0.6, 'nessuno risponde': -0.6, 'nessuno mi risponde': -0.6, 'zero risposte': -0.6,
    'ancora in attesa': -0.5, 'sto ancora aspettando': -0.5, 'ancora aspetto': -0.5, 'aspetto ancora': -0.5,
    'non conforme': -0.6,
    'mai piu': -0.7, 'non funziona': -0.6, 'non funzionano': -0.6, 'non va': -0.4, 'non risponde': -0.5,
    'non rispondete': -0.5, 'non rispondono': -0.5, 'mai arrivato': -0.6, 'mai arrivata': -0.6, 'presa in giro': -0.7,
    'prendete in giro': -0.7, 'senza connessione': -0.5, 'senza linea': -0.5, 'senza internet': -0.5,
    'niente linea': -0.5, 'a singhiozzo': -0.4, 'costi nascosti': -0.6, 'in faccia': -0.4, 'fa schifo': -0.3,
    'grazie mille': 0.3, 'alla grande': 0.6, 'a pieni voti': 0.6, 'niente da dire': 0.5, 'tutto ok': 0.4,
    'tutto risolto': 0.5, 'problema risolto': 0.5, 'siete i migliori': 0.4,
  },
  en: {
    'still waiting': -0.6, 'still no': -0.5, 'no reply': -0.6, 'no response': -0.6, 'no answer': -0.5,
    'nobody answers': -0.6, 'won t answer': -0.5, 'don t answer': -0.5, 'doesn t answer': -0.5,
    'not answering': -0.5, 'no one is answering': -0.6, 'nobody is answering': -0.6, 'zero replies': -0.6,
    'on hold': -0.4, 'never again': -0.8, 'never arrived': -0.6, 'doesn t work': -0.6, 'does not work': -0.6,
    'not working': -0.6, 'stopped working': -0.6, 'nothing works': -0.6, 'hung up': -0.6, 'fix this': -0.4,
    'sort it out': -0.4, 'are you kidding': -0.5, 'done with you': -0.6, 'rip off': -0.8, 'a joke': -0.3,
    'waste of time': -0.3, 'waste of money': -0.3, 'fed up': -0.7, 'hidden fees': -0.6, 'charged twice': -0.6,
    'double charged': -0.6, 'no signal': -0.5, 'no internet': -0.5, 'no service': -0.5, 'let down': -0.6,
    'thank you': 0.3, 'like a charm': 0.6, 'well done': 0.6, 'keep up the good work': 0.4, 'saved my day': 0.7,
    'made my day': 0.7, 'all good': 0.4, 'on time': 0.4, 'top notch': 0.7, 'above and beyond': 0.7, 'spot on': 0.5,
  },
};

/** Words that turn the polarity of the next few words ("non mi piace", "not good", "senza problemi"). */
export const NEGATORS: Readonly<Record<'it' | 'en', readonly string[]>> = {
  it: ['non', 'nn', 'mai', 'nessun', 'nessuno', 'nessuna', 'niente', 'nulla', 'neanche', 'nemmeno', 'neppure',
    'senza'],
  en: ['not', 'no', 'never', 'none', 'nobody', 'nothing', 'neither', 'nor', 'without', 'cannot', 'dont', 'doesnt',
    'didnt', 'isnt', 'wasnt', 'werent', 'arent', 'wont', 'cant', 'couldnt', 'wouldnt', 'shouldnt', 'havent',
    'hasnt', 'aint'],
};

/** Words that strengthen the next scored word ("molto gentile", "so disappointing", "veramente deluso"). */
export const INTENSIFIERS: Readonly<Record<'it' | 'en', readonly string[]>> = {
  it: ['molto', 'troppo', 'davvero', 'veramente', 'super', 'proprio', 'tanto', 'cosi', 'assolutamente',
    'totalmente', 'estremamente', 'decisamente', 'particolarmente'],
  en: ['very', 'really', 'so', 'too', 'super', 'extremely', 'totally', 'completely', 'absolutely', 'way', 'truly',
    'incredibly', 'highly', 'such', 'utterly', 'seriously'],
};
