//! Reading our own sources as text, for the tests that check what they say to the user
//! (`tests/locales.rs`: which catalogue keys the code uses; `tests/ui_strings.rs`: that no
//! user-visible words are written outside the catalogue).

/// Whole-line comments blanked (line numbers kept).
pub fn uncommented(src: &str) -> String {
    src.lines()
        .map(|l| {
            let t = l.trim_start();
            if t.starts_with("//") || t.starts_with("* ") || t.starts_with("/*") || t == "*" {
                ""
            } else {
                l
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The arguments of the call whose parenthesis opens just before `open`, split at its
/// top-level commas (quotes and brackets respected), up to its closing parenthesis.
pub fn call_args(src: &str, open: usize) -> Vec<&str> {
    let mut depth = 0i32;
    let mut quote: Option<char> = None;
    let mut start = open;
    let mut out = Vec::new();
    let mut prev = ' ';
    for (i, c) in src[open..].char_indices() {
        let i = open + i;
        match quote {
            Some(q) => {
                if c == q && prev != '\\' {
                    quote = None;
                }
            }
            None => match c {
                '\'' | '"' | '`' => quote = Some(c),
                '(' | '[' | '{' => depth += 1,
                ')' | ']' | '}' if depth == 0 => {
                    out.push(src[start..i].trim());
                    return out;
                }
                ')' | ']' | '}' => depth -= 1,
                ',' if depth == 0 => {
                    out.push(src[start..i].trim());
                    start = i + 1;
                }
                _ => {}
            },
        }
        prev = c;
    }
    out
}
