//! The note's language, from its script, its letters and its everyday words.
//!
//! Scripts first: kana is Japanese, Hangul Korean, Hebrew and Arabic letters their
//! languages, Han alone Chinese (simplified or traditional by the characters only one of
//! them uses), Cyrillic Ukrainian when it has a letter only Ukrainian has, else Russian.
//! Latin-script notes are told by their everyday words (`lexicon`) and by letters few
//! languages use (ø, ł, ř, ğ, ș …), read from the raw text since folding drops accents.

use super::*;

const N: usize = Lang::ALL.len();

/// Letters a few Latin-script languages use, and which. Each found letter counts for
/// them like part of a word (accents are folded away before words are compared).
pub(super) const LETTERS: &[(char, &[Lang])] = &[
    ('å', &[Lang::Sv, Lang::Da, Lang::Nb]),
    ('æ', &[Lang::Da, Lang::Nb]),
    ('ø', &[Lang::Da, Lang::Nb]),
    ('ä', &[Lang::Sv, Lang::Fi, Lang::De]),
    ('ö', &[Lang::Sv, Lang::Fi, Lang::De, Lang::Tr]),
    ('ü', &[Lang::De, Lang::Tr]),
    ('ß', &[Lang::De]),
    ('ł', &[Lang::Pl]),
    ('ą', &[Lang::Pl]),
    ('ę', &[Lang::Pl]),
    ('ś', &[Lang::Pl]),
    ('ź', &[Lang::Pl]),
    ('ż', &[Lang::Pl]),
    ('ń', &[Lang::Pl]),
    ('ć', &[Lang::Pl]),
    ('ř', &[Lang::Cs]),
    ('ě', &[Lang::Cs]),
    ('ů', &[Lang::Cs]),
    ('č', &[Lang::Cs]),
    ('š', &[Lang::Cs]),
    ('ž', &[Lang::Cs]),
    ('ğ', &[Lang::Tr]),
    ('ı', &[Lang::Tr]),
    ('ş', &[Lang::Tr, Lang::Ro]),
    ('ă', &[Lang::Ro]),
    ('ș', &[Lang::Ro]),
    ('ț', &[Lang::Ro]),
    ('ţ', &[Lang::Ro]),
    ('ñ', &[Lang::Es]),
    ('ã', &[Lang::Pt]),
    ('õ', &[Lang::Pt]),
];

/// Han characters only simplified Chinese writes, and only traditional Chinese writes
/// (the commonest of each pair: 们/們, 这/這, 个/個 …).
const SIMPLIFIED: &str = "们这个会说认识过时来对为络网发经业专关与现问题动谢请联领见议讨论产务员后开门学书读车东长机当还进么样应该将给让从觉师贵钱难组织团队欢间结项营销资环区际简脉总监适吗听写点实头号岁热气爱变帮亿华岗职绍价准备费线层报视频账户买卖边";
const TRADITIONAL: &str = "們這個會說認識過時來對為絡網發經業專關與現問題動謝請聯領見議討論產務員後開門學書讀車東長機當還進麼樣應該將給讓從覺師貴錢難組織團隊歡間結項營銷資環區際簡脈總監適嗎聽寫點實頭號歲熱氣愛變幫億華崗職紹價準備費線層報視頻賬戶買賣邊";

#[derive(Default)]
struct Scripts {
    latin: u32,
    cyrillic: u32,
    ukrainian: u32,
    kana: u32,
    hangul: u32,
    han: u32,
    simplified: u32,
    traditional: u32,
    arabic: u32,
    hebrew: u32,
}

/// `SIMPLIFIED` and `TRADITIONAL` as sorted characters, for a binary search per Han
/// character instead of a walk over the string.
fn han_sets() -> &'static (Vec<char>, Vec<char>) {
    static SETS: OnceLock<(Vec<char>, Vec<char>)> = OnceLock::new();
    SETS.get_or_init(|| {
        let sorted = |s: &str| {
            let mut v: Vec<char> = s.chars().collect();
            v.sort_unstable();
            v.dedup();
            v
        };
        (sorted(SIMPLIFIED), sorted(TRADITIONAL))
    })
}

fn scripts(raw: &str) -> Scripts {
    // ASCII letters are Latin, other ASCII counts for no script: a byte test each.
    let mut s = Scripts {
        latin: raw.bytes().filter(u8::is_ascii_alphabetic).count() as u32,
        ..Scripts::default()
    };
    if raw.is_ascii() {
        return s;
    }
    let (simplified, traditional) = han_sets();
    for c in raw.chars().filter(|c| !c.is_ascii()) {
        match c {
            '\u{C0}'..='\u{24F}' => s.latin += 1,
            'і' | 'ї' | 'є' | 'ґ' | 'І' | 'Ї' | 'Є' | 'Ґ' => {
                s.cyrillic += 1;
                s.ukrainian += 1;
            }
            '\u{400}'..='\u{4FF}' => s.cyrillic += 1,
            '\u{3040}'..='\u{30FF}' => s.kana += 1,
            '\u{AC00}'..='\u{D7AF}' | '\u{1100}'..='\u{11FF}' | '\u{3130}'..='\u{318F}' => {
                s.hangul += 1
            }
            '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' => {
                s.han += 1;
                if simplified.binary_search(&c).is_ok() {
                    s.simplified += 1;
                } else if traditional.binary_search(&c).is_ok() {
                    s.traditional += 1;
                }
            }
            '\u{600}'..='\u{6FF}' | '\u{750}'..='\u{77F}' | '\u{FB50}'..='\u{FDFF}' => {
                s.arabic += 1
            }
            '\u{590}'..='\u{5FF}' => s.hebrew += 1,
            _ => {}
        }
    }
    s
}

/// The language of the note, if one clearly is. Words shared by several languages count
/// less; a Latin-script language needs at least 30% of the words and a strict lead, else
/// the answer is None (a Slovak or Hungarian note must not pass as Czech because of one
/// "na").
pub(super) fn detect_language(
    raw: &str,
    words: &Words,
    start: usize,
    end: usize,
    hits: &[Hit],
    t: &Tables,
) -> Option<Lang> {
    let s = scripts(raw);
    let other = s.kana + s.hangul + s.han + s.arabic + s.hebrew;
    // A name or "LinkedIn" in Latin letters does not make a note written in another script
    // a Latin one: each of those letters counts a third.
    if other + s.cyrillic > 0 && 3 * (other + s.cyrillic) >= s.latin {
        let best = [
            (s.kana + s.han, Lang::Ja),
            (s.hangul, Lang::Ko),
            (s.arabic, Lang::Ar),
            (s.hebrew, Lang::He),
            (s.cyrillic, Lang::Ru),
        ]
        .into_iter()
        .filter(|(n, lang)| *n > 0 && (*lang != Lang::Ja || s.kana > 0))
        .max_by_key(|(n, _)| *n)
        .map(|(_, lang)| lang);
        return match best {
            Some(Lang::Ru) if s.ukrainian > 0 => Some(Lang::Uk),
            Some(lang) => Some(lang),
            // Han without kana: Chinese.
            None if s.han > 0 => Some(if s.traditional > s.simplified {
                Lang::ZhHant
            } else {
                Lang::ZhHans
            }),
            None => None,
        };
    }
    let mut score = [0u32; N];
    let mut share = [0u32; N];
    let mut counted = 0u32;
    for i in start..end {
        let w = words.text(i);
        if w.chars().all(numeric) {
            continue;
        }
        counted += 1;
        let mask = t.lang_mask(w);
        if mask == 0 {
            continue;
        }
        let weight = 12 / mask.count_ones().min(12);
        for (b, (s, h)) in score.iter_mut().zip(share.iter_mut()).enumerate() {
            if mask & (1 << b) != 0 {
                *s += weight;
                *h += 1;
            }
        }
    }
    // Telling letters: at most three count per language, so that one long word of
    // them does not outweigh the words.
    let mut letters = [0u32; N];
    // ASCII letters lower-case to ASCII: only the others are read. Every telling letter
    // lies in Latin-1 Supplement to Latin Extended-B.
    for c in raw
        .chars()
        .filter(|c| !c.is_ascii())
        .flat_map(char::to_lowercase)
    {
        if !('\u{C0}'..='\u{24F}').contains(&c) {
            continue;
        }
        if let Some((_, langs)) = LETTERS.iter().find(|(l, _)| *l == c) {
            for l in *langs {
                let b = lang_bit(*l).trailing_zeros() as usize;
                if letters[b] < 3 {
                    letters[b] += 1;
                    score[b] += 12 / langs.len() as u32;
                }
            }
        }
    }
    // A phrase of one language ("colleghiamoci" ~ "colleg*") counts like its words would.
    for h in hits {
        if let Some(l) = h.phrase.lang {
            let b = lang_bit(l).trailing_zeros() as usize;
            score[b] += 12;
            share[b] += (h.to - h.from) as u32;
        }
    }
    let best = (0..N).max_by_key(|&b| score[b])?;
    let clear_lead = (0..N).all(|b| b == best || score[b] < score[best]);
    let enough = score[best] > 0 && (share[best] + letters[best]) * 10 >= counted * 3;
    (clear_lead && enough).then(|| Lang::ALL[best])
}
