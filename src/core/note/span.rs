//! Where the message is: the greeting line ("Hi Dana,"), a leading or trailing name
//! and the sign-off ("Best,\nAna") are left out; what remains is the content.

use super::*;

/// The words that carry the message: `start..end` after dropping the greeting line, a
/// leading or trailing name, and the sign-off.
pub(super) fn content_span(words: &Words, t: &Tables) -> (usize, usize) {
    let n = words.len();
    let name_like = |i: usize| words.words[i].capitalised || !t.known(words.text(i));
    let pure_name = |i: usize| words.words[i].capitalised && !t.known(words.text(i));

    let mut start = 0;
    let mut greeted = false;
    while start < n {
        let Some(len) = t.greetings.match_at(words, start, n) else {
            break;
        };
        greeted = true;
        start += len;
        let mut titled = false;
        while start < n && t.titles.contains_key(words.text(start)) {
            start += 1;
            titled = true;
        }
        if start >= n || (!titled && words.words[start].break_before == Break::Sentence) {
            continue;
        }
        // After "Hi," only capitalised words can be the name ("Buenas tardes, Lucía."):
        // "Ciao, possiamo collegarci?" is the message. A title ("Dear Dr. Patel") says a
        // name follows whatever the punctuation.
        let after_comma = !titled && words.words[start].break_before == Break::Clause;
        let name_like = |i: usize| {
            if after_comma {
                pure_name(i)
            } else {
                name_like(i)
            }
        };
        // "Hi Dana," / "Dear Dr. Patel" / "Geachte heer De Vries,": a short run of
        // name-like words closed by punctuation or the end of the note.
        let mut k = start;
        while k < n
            && k - start < 4
            && name_like(k)
            && (k == start || words.words[k].break_before == Break::Space)
        {
            k += 1;
        }
        // At the very end only capitalised words pass as a name: "ciao possiamo
        // collegarci" is a message, "Hey Jordan" is not.
        let closed = if k == n {
            (start..k).all(pure_name)
        } else {
            words.words[k].break_before >= Break::Clause
        };
        if k > start && closed {
            start = k;
        } else {
            // "Hi Dana I'd like…": no punctuation; drop only words that are surely names.
            while start < n && pure_name(start) && words.words[start].break_before <= Break::Space {
                start += 1;
            }
        }
    }
    if !greeted {
        // "Dana, I'd like…": a name alone before the first comma.
        let mut k = 0;
        while k < n
            && k < 3
            && pure_name(k)
            && (k == 0 || words.words[k].break_before == Break::Space)
        {
            k += 1;
        }
        if k > 0 && k < n && words.words[k].break_before >= Break::Clause {
            start = k;
        }
    }

    let mut end = n;
    // The sign-off: the earliest closing phrase near the end that opens a clause and is
    // followed only by a name ("Best regards,\nAna Silva"; "Thanks for your talk" is not).
    for j in start.max(n.saturating_sub(8))..n {
        if j > start && words.words[j].break_before < Break::Clause {
            continue;
        }
        if let Some(len) = t.sign_offs.match_at(words, j, n) {
            let rest = j + len;
            if n - rest <= 3 && (rest..n).all(pure_name) {
                end = j;
                break;
            }
        }
    }
    if end == n {
        // A bare signature after the last break: "…on LinkedIn.\n- Carla".
        if let Some(k) = (start + 1..n)
            .rev()
            .find(|&k| words.words[k].break_before >= Break::Clause)
        {
            if n - k <= 3 && (k..n).all(pure_name) {
                end = k;
            }
        }
    }
    (start, end)
}
