import { classifyText, influenceOf } from './index';
import { parseSocialText } from './social-text';

describe('classifyText', () => {
  it('answers language, sentiment and a score in -1..1', () => {
    const c = classifyText('Servizio pessimo, nessuno mi risponde da giorni');
    expect(c).toEqual({ language: 'it', sentiment: 'negative', sentimentScore: expect.any(Number) });
    expect(c.sentimentScore).toBeLessThan(0);
    expect(c.sentimentScore).toBeGreaterThanOrEqual(-1);
  });

  it('gives the same answer for the same text', () => {
    const text = 'Grazie mille, tutto risolto 🙏';
    expect(classifyText(text)).toEqual(classifyText(text));
  });

  describe('empty and wordless texts', () => {
    it.each(['', '   ', '\n\t'])('%j has no language and no feeling', (text) => {
      expect(classifyText(text)).toEqual({ language: null, sentiment: 'neutral', sentimentScore: 0 });
    });

    it.each(['https://t.co/abc123', '@AirCo @ShopCo', '???', '12345 !!!', '#123'])(
      '%j has no language and is neutral',
      (text) => {
        expect(classifyText(text)).toEqual({ language: null, sentiment: 'neutral', sentimentScore: 0 });
      },
    );

    it.each([
      ['😡😡😡', 'negative'],
      ['🤬', 'negative'],
      ['👎', 'negative'],
      ['💩', 'negative'],
      ['😍', 'positive'],
      ['❤️❤️', 'positive'],
      ['👍🏽', 'positive'],
      ['🙏', 'positive'],
      ['🎉🎉', 'positive'],
      [':)', 'positive'],
      [':-(', 'negative'],
      ['@ShopIt 👎', 'negative'],
      ['https://t.co/x 😡', 'negative'],
    ])('emoji only: %s has no language and is %s', (text, sentiment) => {
      const c = classifyText(text);
      expect(c.language).toBeNull();
      expect(c.sentiment).toBe(sentiment);
    });
  });

  describe('emoji in text', () => {
    it.each([
      ['Il pacco è arrivato 👎', 'negative'],
      ['Il pacco è arrivato 😍', 'positive'],
      ['My parcel arrived today 🤬', 'negative'],
      ['My parcel arrived today 🥰', 'positive'],
    ])('%s is %s: the emoji decides when the words are plain', (text, sentiment) => {
      expect(classifyText(text).sentiment).toBe(sentiment);
    });

    it('counts a repeated emoji as stronger, with diminishing returns', () => {
      const one = classifyText('👎').sentimentScore;
      const two = classifyText('👎👎').sentimentScore;
      const ten = classifyText('👎👎👎👎👎👎👎👎👎👎').sentimentScore;
      expect(two).toBeLessThan(one);
      expect(ten).toBeLessThanOrEqual(two);
      expect(ten).toBeGreaterThanOrEqual(-1);
    });

    it('leaves laughing faces out: they mock as often as they cheer', () => {
      expect(classifyText('😂😂').sentiment).toBe('neutral');
    });
  });

  describe('negation', () => {
    it.each([
      ['mi piace', 'positive', 'non mi piace', 'negative'],
      ['good', 'positive', 'not good', 'negative'],
      ['è male', 'negative', 'non è male', 'positive'],
      ['bad', 'negative', 'not bad', 'positive'],
      ['I like the new app', 'positive', "I don't like the new app", 'negative'],
      ['consiglio questo negozio', 'positive', 'non consiglio questo negozio', 'negative'],
      ['would recommend', 'positive', 'would not recommend', 'negative'],
    ])('%j is %s, %j is %s', (plain, plainSentiment, negated, negatedSentiment) => {
      expect(classifyText(plain).sentiment).toBe(plainSentiment);
      expect(classifyText(negated).sentiment).toBe(negatedSentiment);
    });

    it('stops at the end of the clause', () => {
      expect(classifyText('Non è arrivato ieri, ma il servizio è ottimo').sentiment).toBe('positive');
    });

    it('reads "senza problemi" as good news', () => {
      expect(classifyText('Consegna arrivata senza problemi').sentiment).toBe('positive');
    });
  });

  describe('intensity', () => {
    it.each([
      ['gentile', 'molto gentile'],
      ['deluso', 'veramente deluso'],
      ['disappointing', 'so disappointing'],
      ['helpful', 'really helpful'],
    ])('%j is weaker than %j', (plain, strong) => {
      expect(Math.abs(classifyText(strong).sentimentScore)).toBeGreaterThan(
        Math.abs(classifyText(plain).sentimentScore),
      );
    });
  });

  describe('typical complaints and praise', () => {
    it.each([
      'ancora nessuna risposta',
      'servizio pessimo',
      'sto ancora aspettando il rimborso',
      'la fibra non funziona da ieri',
      'mai più con voi',
      'still waiting',
      'worst support ever',
      'been on hold for an hour',
      'the app is not working again',
      'never again',
    ])('%j is negative', (text) => {
      expect(classifyText(text).sentiment).toBe('negative');
    });

    it.each([
      'grazie mille',
      'servizio impeccabile, bravi',
      'problema risolto, gentilissimi',
      'thank you so much',
      'works like a charm',
      'super friendly staff',
    ])('%j is positive', (text) => {
      expect(classifyText(text).sentiment).toBe('positive');
    });

    it.each([
      'Come faccio a cambiare il metodo di pagamento?',
      'Il mio pacco è partito oggi',
      "I'd like to change my delivery address",
      'What time does the store open on Sunday?',
    ])('%j is neutral', (text) => {
      expect(classifyText(text).sentiment).toBe('neutral');
    });
  });

  describe('links, mentions and hashtags', () => {
    it('does not read words inside links', () => {
      expect(classifyText('https://example.com/terrible-awful-worst')).toEqual({
        language: null,
        sentiment: 'neutral',
        sentimentScore: 0,
      });
    });

    it('reads the text around a link', () => {
      const c = classifyText("guardate qui https://t.co/abc l'ordine non è mai arrivato");
      expect(c).toMatchObject({ language: 'it', sentiment: 'negative' });
    });

    it('does not read the handle of a mention', () => {
      expect(classifyText('@TerribleAirline grazie mille per il volo')).toMatchObject({
        language: 'it',
        sentiment: 'positive',
      });
    });

    it('reads the words of a camel-case hashtag', () => {
      expect(classifyText('#MaiPiùConVoi')).toMatchObject({ language: 'it', sentiment: 'negative' });
    });
  });

  describe('other languages', () => {
    it('judges only emoji outside Italian and English', () => {
      expect(classifyText('Servicio pésimo, nadie me responde')).toEqual({
        language: 'es',
        sentiment: 'neutral',
        sentimentScore: 0,
      });
      expect(classifyText('Servicio pésimo, nadie me responde 😡')).toMatchObject({
        language: 'es',
        sentiment: 'negative',
      });
    });
  });
});

describe('classifyText: language', () => {
  it.each([
    ['Buongiorno, vorrei sapere dove si trova il mio ordine', 'it'],
    ['Ciao, la fibra è lentissima da ieri sera', 'it'],
    ['grazie', 'it'],
    ['Hi, where is my order? It was due yesterday', 'en'],
    ['thanks', 'en'],
    ['Hola, ¿dónde está mi pedido? Llevo una semana esperando', 'es'],
    ['Bonjour, ma commande n’est toujours pas arrivée', 'fr'],
    ['Hallo, meine Bestellung ist noch nicht da', 'de'],
    ['Olá, a minha encomenda ainda não chegou', 'pt'],
    ['Hallo, mijn bestelling is nog niet aangekomen', 'nl'],
  ])('%j is %s', (text, language) => {
    expect(classifyText(text).language).toBe(language);
  });

  it('lets the grammar outweigh English loan words in Italian', () => {
    expect(classifyText('Il customer care non mi ha ancora richiamato, che delusione').language).toBe('it');
  });

  it('answers only languages of the allowed set', () => {
    // Latin and Catalan, which an open-world detector names on such texts.
    for (const text of ['Veni vidi vici', 'Bon dia, on és la meva comanda?']) {
      expect(['it', 'en', 'es', 'fr', 'de', 'pt', 'nl']).toContain(classifyText(text).language);
    }
  });

  it('ignores emoji, mentions, links and digits', () => {
    expect(classifyText('@ShopCo 😡😡 https://t.co/xyz ordine 12345 non ancora arrivato!!!').language).toBe('it');
    expect(classifyText('😡 🙏 👍').language).toBeNull();
  });
});

describe('parseSocialText', () => {
  it('separates prose, emoji and emoticons', () => {
    const parsed = parseSocialText('Ciao @Shop_It 👍🏽 ❤️ :) alle 10:30 #MaiPiùConVoi https://x.it/a?b=1 :-(');
    expect(parsed.emoji).toEqual([':)', ':(', '👍', '❤']);
    expect(parsed.prose).not.toMatch(/Shop_It|https|10|30/);
    expect(parsed.prose).toContain('Mai Più Con Voi');
  });

  it('does not read times or ratios as emoticons', () => {
    expect(parseSocialText('alle 10:30, voto 8/10').emoji).toEqual([]);
  });
});

describe('influenceOf', () => {
  it.each([
    [null, 'none'],
    [undefined, 'none'],
    [0, 'none'],
    [-5, 'none'],
    [Number.NaN, 'none'],
    [1, 'low'],
    [999, 'low'],
    [1_000, 'medium'],
    [9_999, 'medium'],
    [10_000, 'high'],
    [99_999, 'high'],
    [100_000, 'very_high'],
    [25_000_000, 'very_high'],
    [Number.POSITIVE_INFINITY, 'none'],
  ])('%p followers is %s', (followers, influence) => {
    expect(influenceOf(followers)).toBe(influence);
  });
});
