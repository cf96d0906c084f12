/**
 * Realistic personal names in the scripts of WeGO's member cities (given names × family names per
 * script, 15 each: 20 scripts, 300 names). Written for these tests from common names of each language.
 */

/** Script label → [given names, family names, how a full name is written]. */
const SOURCES: Record<string, { given: string[]; family: string[]; order: "given-first" | "family-first" }> = {
  Latin: {
    given: ["Ana", "Łukasz", "Nguyễn Thị", "Ləman", "Ștefan", "Zoë", "İlkay"],
    family: ["Souza", "Żółć", "Minh Khai", "Əliyeva", "Țurcanu", "Müller"],
    order: "given-first",
  },
  Cyrillic: {
    given: ["Нина", "Алексей", "Айгерим", "Олег"],
    family: ["Иванова", "Смирнов", "Нұрланқызы", "Петренко"],
    order: "given-first",
  },
  Greek: {
    given: ["Ελένη", "Γιώργος", "Μαρία"],
    family: ["Παπαδοπούλου", "Νικολάου", "Κωνσταντίνου", "Οικονόμου", "Δημητρίου"],
    order: "given-first",
  },
  Arabic: {
    given: ["محمد", "فاطمة", "عبد الله", "ليلى"],
    family: ["علي", "الحسيني", "بن سلمان", "الشامي"],
    order: "given-first",
  },
  Hebrew: { given: ["דוד", "שרה", "יוסף"], family: ["כהן", "לוי", "מזרחי", "פרץ", "ביטון"], order: "given-first" },
  Hangul: { given: ["민준", "서연", "하은", "지호", "예준"], family: ["김", "이", "박"], order: "family-first" },
  "Han (Simplified)": { given: ["伟", "静", "洋", "华", "秀英"], family: ["张", "陈", "刘"], order: "family-first" },
  "Han (Traditional)": {
    given: ["志明", "淑芬", "家豪"],
    family: ["陳", "林", "黃", "鄭", "蔡"],
    order: "family-first",
  },
  Japanese: {
    given: ["さくら", "太郎", "ユウキ"],
    family: ["渡辺", "山田", "佐藤", "髙橋", "伊藤"],
    order: "family-first",
  },
  Devanagari: {
    given: ["प्रिया", "राहुल", "अंकित"],
    family: ["शर्मा", "क्षत्रिय", "द्विवेदी", "श्रीवास्तव", "त्रिपाठी"],
    order: "given-first",
  },
  Bengali: {
    given: ["সুমাইয়া", "রাকিব", "তানজিলা"],
    family: ["রহমান", "চৌধুরী", "ইসলাম", "হোসেন", "ভট্টাচার্য"],
    order: "given-first",
  },
  Tamil: {
    given: ["கார்த்திக்", "பிரியா", "செல்வம்"],
    family: ["சுப்பிரமணியன்", "ராஜேந்திரன்", "கிருஷ்ணன்", "முருகன்", "வேலு"],
    order: "given-first",
  },
  Sinhala: {
    given: ["කසුන්", "නිමාලි", "දිනේෂ්"],
    family: ["පෙරේරා", "ජයසූරිය", "සිල්වා", "බණ්ඩාර", "ප්‍රනාන්දු"],
    order: "given-first",
  },
  Thai: {
    given: ["สมชาย", "สุดารัตน์", "ณัฐพล"],
    family: ["ใจดี", "ศรีสุข", "วงศ์สวัสดิ์", "เพ็ชรรัตน์", "บุญมี"],
    order: "given-first",
  },
  Khmer: { given: ["សុខា", "ចាន់ធី", "វណ្ណា"], family: ["ហេង", "ស៊ុន", "គង់", "ព្រំ", "សៀង"], order: "family-first" },
  Lao: {
    given: ["ສົມພອນ", "ບຸນມີ", "ນາງແກ້ວ"],
    family: ["ພົມມະວົງ", "ສີສຸກ", "ວົງສະຫວັນ", "ແສງດາລາ", "ຈັນທະລາ"],
    order: "given-first",
  },
  Myanmar: { given: ["အောင်", "မြင့်", "သီတာ"], family: ["ကျော်", "ဝင်း", "ထွန်း", "မောင်", "စိုး"], order: "given-first" },
  Georgian: {
    given: ["ნინო", "გიორგი", "თამარ"],
    family: ["ბერიძე", "კაპანაძე", "გელაშვილი", "მამედოვი", "ლომიძე"],
    order: "given-first",
  },
  Armenian: {
    given: ["Անի", "Արամ", "Նարեկ"],
    family: ["Պետրոսյան", "Հովհաննիսյան", "Սարգսյան", "Գրիգորյան", "Խաչատրյան"],
    order: "given-first",
  },
  Ethiopic: {
    given: ["አበበ", "ሰላም", "ዮሐንስ"],
    family: ["ከበደ", "ተስፋዬ", "ገብረ ማርያም", "ወልደ ሚካኤል", "ታደሰ"],
    order: "given-first",
  },
};

/** 15 names per script (the first 15 given × family pairs), in a fixed order. */
export function worldNames(): { script: string; name: string }[] {
  const out: { script: string; name: string }[] = [];
  for (const [script, { given, family, order }] of Object.entries(SOURCES)) {
    const names: string[] = [];
    for (let i = 0; names.length < 15; i++) {
      const g = given[i % given.length]!;
      const f = family[Math.floor(i / given.length) % family.length]!;
      const joiner = script.startsWith("Han") || script === "Japanese" || script === "Hangul" ? "" : " ";
      const name = order === "family-first" ? `${f}${joiner}${g}` : `${g} ${f}`;
      if (!names.includes(name)) names.push(name);
      if (i > 500) throw new Error(`not enough distinct names for ${script}`);
    }
    for (const name of names) out.push({ script, name });
  }
  return out;
}

/** One representative name per supported script (first of each list, plus scripts outside the 20). */
export function oneNamePerScript(): { script: string; name: string }[] {
  const seen = new Set<string>();
  const out = worldNames().filter(({ script }) => (seen.has(script) ? false : (seen.add(script), true)));
  return [
    ...out,
    { script: "Gujarati", name: "હાર્દિક પટેલ" },
    { script: "Gurmukhi", name: "ਹਰਪ੍ਰੀਤ ਸਿੰਘ" },
    { script: "Telugu", name: "శ్రీనివాస్ రెడ్డి" },
    { script: "Kannada", name: "ಸುಧಾ ಮೂರ್ತಿ" },
    { script: "Malayalam", name: "അഞ്ജലി നായർ" },
    { script: "Odia", name: "ସୁଭଶ୍ରୀ ମହାପାତ୍ର" },
    { script: "Latin + Georgian", name: "Nino ნინო" },
  ];
}
