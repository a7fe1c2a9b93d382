//! Recognisers for the workload kinds the design's blueprints read:
//! exposure, deadline, data volume per day, file size, retention, model size
//! and tenancy.
//!
//! Precision first, as for the other kinds: a value is kept only when the
//! sentence says plainly what it is and for which data; figures about another
//! system (a queue's message retention, a provider's limit, a GPU's memory),
//! observed history ("usually by 01:30"), alert thresholds and start times
//! are not requirements. A value that is unclear stays out, and the design
//! states an assumption and asks.
//!
//! Word lists live in `data/extract_vocab.toml` (keys `exposure_*`,
//! `deadline_*`, `data_per_day_*`, `file_size_*`, `retention_*`,
//! `model_size_*`, `tenancy_*`).

use std::sync::LazyLock;

use super::re::Regex;

use super::Cand;
use super::context::Seg;
use super::measures::found;
use super::numbers::{NUM, parse_number, size_bytes};
use super::vocab::{VOCAB, in_text, keyword_patterns};
use crate::requirements::{Kind, Value};

fn re(p: &str) -> Regex {
    super::vocab::compile(p, false)
}

/// A keyword list of the vocabulary, case-insensitive.
fn kw(name: &str) -> Regex {
    super::vocab::compile(keyword_patterns()(name), true)
}

struct Words {
    gate: Regex,
    hypothetical: Regex,
    internal: Regex,
    public: Regex,
    component: Regex,
    other: Regex,
    deadline_output: Regex,
    deadline_exclude: Regex,
    per_day_exclude: Regex,
    file_subject: Regex,
    file_exclude: Regex,
    file_max: Regex,
    file_typical: Regex,
    kept: Regex,
    deleted: Regex,
    retention_exclude: Regex,
    elsewhere: Regex,
    model_subject: Regex,
    model_exclude: Regex,
    isolated: Regex,
    shared: Regex,
}

static WORDS: LazyLock<Words> = LazyLock::new(|| Words {
    gate: kw("workload_gate"),
    hypothetical: kw("workload_hypothetical"),
    internal: kw("exposure_internal"),
    public: kw("exposure_public"),
    component: kw("exposure_component"),
    other: kw("exposure_other"),
    deadline_output: kw("deadline_output"),
    deadline_exclude: kw("deadline_exclude"),
    per_day_exclude: kw("data_per_day_exclude"),
    file_subject: kw("file_size_subject"),
    file_exclude: kw("file_size_exclude"),
    file_max: kw("file_size_max"),
    file_typical: kw("file_size_typical"),
    kept: kw("retention_kept"),
    deleted: kw("retention_deleted"),
    retention_exclude: kw("retention_exclude"),
    elsewhere: kw("retention_elsewhere"),
    model_subject: kw("model_size_subject"),
    model_exclude: kw("model_size_exclude"),
    isolated: kw("tenancy_isolated"),
    shared: kw("tenancy_shared"),
});

/// "by 06:00", "before 7 am", "no later than 05:30": a clock time after a
/// word that makes it a deadline. Minutes or am/pm are required, so "by 2027"
/// and "by 5 engineers" are not times.
static CLOCK: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:by|before|no later than|not later than)\s+\**\s*(?P<h>[01]?\d|2[0-3])(?:(?::|\.|h)(?P<m>[0-5]\d)\s*(?P<ampm1>a\.?m\.?|p\.?m\.?)?|\s*(?P<ampm2>a\.?m\.?|p\.?m\.?))(?:\W|$)",
    )
});

static SIZE: LazyLock<Regex> =
    LazyLock::new(|| re(&format!(r"(?i)(?P<n>{NUM})\s*(?P<u>[KMGTP]i?B)\b")));

/// "per day", "a night", "each night", "daily" right after a size.
static PER_DAY_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^\s*(?:\S+\s+){0,4}?(?:a|per|each|every|/)\s*(?:working\s+|business\s+)?(?:day|night)\b|^\s*(?:\S+\s+){0,2}?(?:daily|nightly)\b",
    )
});

/// "a normal night is about 3.2 TB", "each day brings 40 GB": the day
/// before the size.
static PER_DAY_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:a|each|every|one|per)\s+(?:normal\s+|typical\s+|average\s+|regular\s+|busy\s+)?(?:day|night)(?:'s\s+(?:intake|volume|data|files))?\s+(?:is|brings|adds|means|delivers|produces)\s+(?:about\s+|around\s+|roughly\s+|approximately\s+|~\s*)?$|\b(?:daily|nightly)\s+(?:intake|volume|ingest(?:ion)?|load|data)\s+(?:of|is)\s+(?:about\s+|around\s+|roughly\s+|approximately\s+|~\s*)?$|^\W*(?:each|every)\s+(?:day|night)\b",
    )
});

/// A retention duration: "7 years", "13 months", "ten years", "90-day".
static KEEP_FOR: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)\b(?P<n>{NUM}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty)\s*-?\s*(?P<u>years?|yrs?|months?|weeks?|days?)\b"
    ))
});

/// "8B parameters", "a 13B model", "70B": a parameter count.
static PARAMS: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)\b(?P<n>{NUM})\s*(?P<m>[BM])\b(?:[- ]?param(?:eter)?s?\b)?"
    ))
});

/// Bytes per parameter of a stated precision.
static PRECISION: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:(?P<b4>fp32|float32)|(?P<b2>fp16|bf16|float16|bfloat16|half precision)|(?P<b1>fp8|int8|8-bit)|(?P<b05>int4|4-bit|nf4|awq|gptq))\b",
    )
});

/// Does the text right after a size make it a daily amount ("a day",
/// "each night", "daily")?
pub fn per_day_follows(after: &str) -> bool {
    PER_DAY_AFTER.is_match(after)
}

/// Run every workload recogniser over one segment.
pub fn scan(seg: &Seg, words: bool, digits: bool, out: &mut Vec<Cand>) {
    if seg.is_heading || seg.text.trim_end().ends_with('?') {
        return;
    }
    let v = &*VOCAB;
    // Options, examples, futures and counterfactuals state no requirement.
    if WORDS.hypothetical.is_match(seg.sentence)
        || in_text(&v.rejected_heading, seg.heading)
        || in_text(&v.hypothetical_heading, seg.heading)
    {
        return;
    }
    if words && WORDS.gate.is_match(seg.text) {
        exposure(seg, out);
        tenancy(seg, out);
    }
    if !digits {
        return;
    }
    deadline(seg, out);
    // "Uncompressed, a normal night is about 3.2 TB: roughly 2.4 TB of that
    // is …": the colon makes the statement the label of what follows.
    if SIZE.is_match(seg.label) {
        let as_text = Seg {
            text: seg.label,
            sentence: seg.label,
            label: "",
            header: "",
            ..*seg
        };
        per_day(&as_text, out);
    }
    if seg.text.contains(['B', 'b']) {
        per_day(seg, out);
        file_size(seg, out);
        model_size(seg, out);
    }
    retention(seg, out);
}

/// Is the text just before `start` a negation ("not a database per tenant",
/// "instead of a dedicated account")?
fn negated(text: &str, start: usize) -> bool {
    let before = &text[..start];
    let lower = before.to_lowercase();
    let tail = lower.trim_end();
    VOCAB.negation_adjacent.is_match(before)
        || tail.ends_with("instead of")
        || tail.ends_with("instead of a")
        || tail.ends_with("rather than")
        || tail.ends_with("rather than a")
}

fn exposure(seg: &Seg, out: &mut Vec<Cand>) {
    let w = &*WORDS;
    let text = seg.text;
    let mut internal = false;
    for m in w.internal.find_iter(text) {
        let f = found(seg, m.start(), m.end());
        // "the database has no public endpoint", "admin pages only over
        // the VPN": one component's exposure, not the system's.
        if w.component.is_match(f.clause()) {
            continue;
        }
        internal = true;
        let mut c = f.cand(Kind::Exposure, Value::Text("internal".into()), "");
        c.needle = needle(m.as_str());
        out.push(c);
        break;
    }
    if internal {
        return;
    }
    for m in w.public.find_iter(text) {
        let f = found(seg, m.start(), m.end());
        let prefix = f.prefix();
        let owner = prefix.trim_end();
        if negated(text, m.start())
            || owner.ends_with("'s")
            || owner.ends_with("’s")
            || w.other.is_match(prefix)
            || w.component.is_match(prefix)
            || VOCAB.tech_re.is_match(prefix)
        {
            continue;
        }
        let mut c = f.cand(Kind::Exposure, Value::Text("public".into()), "");
        c.needle = needle(m.as_str());
        out.push(c);
        break;
    }
}

fn tenancy(seg: &Seg, out: &mut Vec<Cand>) {
    let w = &*WORDS;
    let text = seg.text;
    for (re, label) in [(&w.isolated, "isolated"), (&w.shared, "shared")] {
        for m in re.find_iter(text) {
            if negated(text, m.start()) {
                continue;
            }
            let f = found(seg, m.start(), m.end());
            let mut c = f.cand(Kind::Tenancy, Value::Text(label.into()), "");
            c.needle = needle(m.as_str());
            out.push(c);
            return;
        }
    }
}

/// The last `n` bytes of `s` or a little more, cut on a character boundary.
fn tail(s: &str, n: usize) -> &str {
    let mut i = s.len().saturating_sub(n);
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    &s[i..]
}

/// The first `n` bytes of `s` or a little more, cut on a character boundary.
fn head(s: &str, n: usize) -> &str {
    let mut i = n.min(s.len());
    while !s.is_char_boundary(i) {
        i += 1;
    }
    &s[..i]
}

/// The first word of a match: the text used to find its line.
fn needle(s: &str) -> String {
    s.split_whitespace().next().unwrap_or("").to_string()
}

fn deadline(seg: &Seg, out: &mut Vec<Cand>) {
    let w = &*WORDS;
    for c in CLOCK.captures_iter(seg.text) {
        let (Some(m), Some(h)) = (c.get(0), c.name("h")) else {
            continue;
        };
        let Ok(mut hour) = h.as_str().parse::<u32>() else {
            continue;
        };
        let minute = c
            .name("m")
            .and_then(|m| m.as_str().parse::<u32>().ok())
            .unwrap_or(0);
        let ampm = c
            .name("ampm1")
            .or_else(|| c.name("ampm2"))
            .map(|a| a.as_str().to_ascii_lowercase());
        if let Some(a) = &ampm {
            if hour == 0 || hour > 12 {
                continue;
            }
            let pm = a.starts_with('p');
            hour = match (pm, hour) {
                (false, 12) => 0,
                (true, 12) => 12,
                (true, h) => h + 12,
                (false, h) => h,
            };
        }
        let f = found(seg, m.start(), m.end());
        let prefix = f.prefix();
        // The output must be named ("ready", "complete", "loaded"), and
        // nothing may make the time a habit, an alert or a start.
        if !w.deadline_output.is_match(prefix) || w.deadline_exclude.is_match(prefix) {
            continue;
        }
        let secs = f64::from(hour * 3600 + minute * 60);
        let mut cand = f.cand(Kind::Deadline, Value::Number(secs), "s");
        cand.needle = h.as_str().to_string();
        // "06:00 UK time", "07:00 Paris time", "05:30 UTC": the clock's zone.
        let after = &seg.text[m.end().min(seg.text.len())..];
        let zone: String = after
            .split_whitespace()
            .take(2)
            .map(|s| s.trim_matches(|c: char| !c.is_alphanumeric() && c != '/'))
            .collect::<Vec<_>>()
            .join(" ");
        if zone.ends_with(" time")
            || ["UTC", "GMT", "CET", "CEST", "ET", "PT"]
                .iter()
                .any(|z| zone.split(' ').next() == Some(z))
        {
            let q = format!("local time: {zone}");
            cand.qualifier = Some(match cand.qualifier.take() {
                Some(old) => format!("{old}, {q}"),
                None => q,
            });
        }
        out.push(cand);
    }
}

fn per_day(seg: &Seg, out: &mut Vec<Cand>) {
    let w = &*WORDS;
    for c in SIZE.captures_iter(seg.text) {
        let Some(m) = c.get(0) else { continue };
        let Some(n) = c.name("n").and_then(|n| parse_number(n.as_str(), None)) else {
            continue;
        };
        let Some(unit) = c.name("u").and_then(|u| size_bytes(u.as_str())) else {
            continue;
        };
        let f = found(seg, m.start(), m.end());
        let after = &seg.text[m.end()..f.clause.1.max(m.end())];
        if !(PER_DAY_AFTER.is_match(after) || PER_DAY_BEFORE.is_match(f.prefix())) {
            continue;
        }
        // "Compressed, a night is 650 GB" is the same night read another
        // way; "uncompressed" is the volume the processing handles. Words
        // that make the size something else sit before it in the sentence
        // or right after it ("120 GB a day of downloads").
        let uncompressed = seg.sentence.to_ascii_lowercase().contains("uncompressed");
        let lead = &seg.text[..m.start()];
        let window = format!("{lead} {}", head(after, 40));
        let excluded = w
            .per_day_exclude
            .find_iter(&window)
            .any(|x| !(uncompressed && x.as_str().eq_ignore_ascii_case("compressed")));
        if excluded || in_text(&w.per_day_exclude, seg.label) || VOCAB.achieved.is_match(lead) {
            continue;
        }
        out.push(f.cand(Kind::DataVolumePerDay, Value::Number(n * unit), "bytes/day"));
    }
}

fn file_size(seg: &Seg, out: &mut Vec<Cand>) {
    let w = &*WORDS;
    for c in SIZE.captures_iter(seg.text) {
        let Some(m) = c.get(0) else { continue };
        let Some(n) = c.name("n").and_then(|n| parse_number(n.as_str(), None)) else {
            continue;
        };
        let Some(unit) = c.name("u").and_then(|u| size_bytes(u.as_str())) else {
            continue;
        };
        let bytes = n * unit;
        // One file is between a kilobyte and a few tens of gigabytes.
        if !(1e3..=5e10).contains(&bytes) {
            continue;
        }
        let f = found(seg, m.start(), m.end());
        let clause = f.clause();
        let sentence = seg.sentence;
        let about_files = w.file_subject.is_match(clause)
            || (w.file_subject.is_match(sentence)
                && !w.file_subject.is_match(&seg.text[m.end()..]))
            || in_text(&w.file_subject, seg.label);
        let prefix = f.prefix();
        if !about_files
            || w.file_exclude.is_match(clause)
            || in_text(&w.file_exclude, seg.label)
            || VOCAB.achieved.is_match(prefix)
            || in_text(&VOCAB.achieved, seg.label)
        {
            continue;
        }
        let near = tail(prefix, 40);
        let role = if w.file_max.is_match(near) {
            "max"
        } else if w.file_typical.is_match(near) {
            "typical"
        } else {
            // A bare size ("25 MB photos") says neither; keep the files
            // kind's reading honest by naming it as stated.
            "stated"
        };
        let mut cand = f.cand(Kind::FileSize, Value::Number(bytes), "bytes");
        cand.qualifier = Some(match cand.qualifier.take() {
            Some(q) => format!("{role}, {q}"),
            None => role.to_string(),
        });
        cand.subject = file_subject(seg.sentence, m.start().min(seg.sentence.len()));
        out.push(cand);
    }
}

/// The files a size is about: the file words nearest before it in the
/// sentence ("PDF invoices can be up to 20 MB" → "PDF invoices").
fn file_subject(sentence: &str, _pos: usize) -> Option<String> {
    let w = &*WORDS;
    let m = w.file_subject.find(sentence)?;
    // Take the file word with at most two words before it.
    let before: Vec<&str> = sentence[..m.start()].split_whitespace().collect();
    let lead: Vec<&str> = before
        .iter()
        .rev()
        .take(2)
        .rev()
        .filter(|t| t.chars().all(|c| c.is_alphanumeric() || c == '-'))
        .copied()
        .collect();
    let mut s = lead.join(" ");
    if !s.is_empty() {
        s.push(' ');
    }
    s.push_str(m.as_str());
    let stop = ["the", "a", "an", "and", "of", "are", "is", "nfr"];
    let s = s
        .split(' ')
        .skip_while(|t| stop.contains(&t.to_ascii_lowercase().as_str()) || t.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    (!s.is_empty()).then_some(s)
}

fn model_size(seg: &Seg, out: &mut Vec<Cand>) {
    let w = &*WORDS;
    let about_model = |clause: &str| {
        w.model_subject.is_match(clause)
            || in_text(&w.model_subject, seg.label)
            || in_text(&w.model_subject, seg.lead_in)
    };
    for c in SIZE.captures_iter(seg.text) {
        let Some(m) = c.get(0) else { continue };
        let Some(n) = c.name("n").and_then(|n| parse_number(n.as_str(), None)) else {
            continue;
        };
        let Some(unit) = c.name("u").and_then(|u| size_bytes(u.as_str())) else {
            continue;
        };
        let bytes = n * unit;
        if !(1e8..=2e12).contains(&bytes) {
            continue;
        }
        let f = found(seg, m.start(), m.end());
        let clause = f.clause();
        // "~10 GB of GPU memory", "24 GB VRAM": the hardware, not the model.
        let after = seg.text[m.end()..].trim_start().to_ascii_lowercase();
        let hardware = [
            "of gpu",
            "of memory",
            "of vram",
            "of hbm",
            "of ram",
            "vram",
            "memory",
            "ram",
            "gpu",
        ]
        .iter()
        .any(|p| after.starts_with(p));
        if hardware
            || !about_model(clause)
            || w.model_exclude.is_match(clause)
            || VOCAB.example.is_match(clause)
        {
            continue;
        }
        out.push(f.cand(Kind::ModelSize, Value::Number(bytes), "bytes"));
    }
    // "8B parameters served in bf16": weights = parameters × bytes each, only
    // when the precision is stated.
    let Some(p) = PRECISION.captures(seg.sentence) else {
        return;
    };
    let per_param = if p.name("b4").is_some() {
        4.0
    } else if p.name("b2").is_some() {
        2.0
    } else if p.name("b1").is_some() {
        1.0
    } else {
        0.5
    };
    for c in PARAMS.captures_iter(seg.text) {
        let Some(m) = c.get(0) else { continue };
        let Some(n) = c.name("n").and_then(|n| parse_number(n.as_str(), None)) else {
            continue;
        };
        let scale = match c.name("m").map(|x| x.as_str()) {
            Some("B" | "b") => 1e9,
            _ => 1e6,
        };
        let f = found(seg, m.start(), m.end());
        if !(about_model(seg.sentence) || m.as_str().to_ascii_lowercase().contains("param"))
            || w.model_exclude.is_match(f.clause())
        {
            continue;
        }
        let params = n * scale;
        if params < 1e8 {
            continue;
        }
        let mut cand = f.cand(Kind::ModelSize, Value::Number(params * per_param), "bytes");
        let q = format!(
            "{} parameters × {} bytes each",
            crate::numfmt::trim(params / 1e9) + "B",
            crate::numfmt::trim(per_param)
        );
        cand.qualifier = Some(q);
        out.push(cand);
    }
}

fn retention(seg: &Seg, out: &mut Vec<Cand>) {
    let w = &*WORDS;
    let v = &*VOCAB;
    for c in KEEP_FOR.captures_iter(seg.text) {
        let Some(m) = c.get(0) else { continue };
        let Some(n) = c.name("n").and_then(|n| word_number(n.as_str())) else {
            continue;
        };
        let unit = c.name("u").map_or("", |u| u.as_str()).to_ascii_lowercase();
        let day = 86_400.0;
        let secs = n * if unit.starts_with('y') {
            365.0 * day
        } else if unit.starts_with("mo") {
            365.0 / 12.0 * day
        } else if unit.starts_with('w') {
            7.0 * day
        } else {
            day
        };
        let f = found(seg, m.start(), m.end());
        let clause = f.clause();
        let prefix = f.prefix();
        let after = &seg.text[m.end()..f.clause.1.max(m.end())];
        let lower_prefix = prefix.to_ascii_lowercase();
        let prefix_tail = lower_prefix.trim_end();
        // "kept for 7 years", "archived for 2 years", "deleted after 30 days",
        // "deletes a submission 90 days after", "7-year retention",
        // "| Landing files | 35 days |" under a retention column.
        let kept = w.kept.is_match(prefix);
        let deleted_after = (w.deleted.is_match(prefix)
            && (prefix_tail.ends_with("after") || after.trim_start().starts_with("after")))
            || (w.deleted.is_match(prefix)
                && prefix_tail.split_whitespace().count() <= 8
                && after.trim_start().to_ascii_lowercase().starts_with("after"));
        let retention_word = after
            .trim_start()
            .to_ascii_lowercase()
            .starts_with("retention")
            || prefix_tail.ends_with("retention of")
            || prefix_tail.ends_with("retention period of")
            || prefix_tail.ends_with("retention:");
        let column = prefix.trim().is_empty()
            && (in_text(&RETENTION_HEADER, seg.header) || in_text(&RETENTION_HEADER, seg.label));
        if !(kept || deleted_after || retention_word || column) {
            continue;
        }
        // "kept" must govern this number, not a later clause: "stored in
        // Azure, backups for 7 days".
        // "kept 10 years after the last treatment (…), inside the PVS": where
        // the data is kept may follow after a comma, up to the next ';'.
        let statement_end = seg.text[m.end()..]
            .find([';', '；'])
            .map_or(seg.text.len(), |i| m.end() + i);
        let statement = &seg.text[f.clause.0..statement_end];
        if w.retention_exclude.is_match(clause)
            || w.elsewhere.is_match(statement)
            || (column && in_text(&w.retention_exclude, seg.label))
            || v.achieved.is_match(prefix)
            || TRIGGER_BEFORE.is_match(prefix)
        {
            continue;
        }
        let mut cand = f.cand(Kind::Retention, Value::Number(secs), "s");
        if column && !seg.label.is_empty() && !super::context::is_identifier(seg.label) {
            cand.subject = Some(seg.label.trim().to_string());
        } else if let Some(s) = retention_subject(prefix) {
            cand.subject = Some(s);
        }
        out.push(cand);
    }
}

/// Column or row names that hold a retention period.
static RETENTION_HEADER: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)\b(?:retention|retained|kept|keep|kept for|how long|delete after|deleted after)\b")
});

/// "older than 2 years", "more than 90 days": a condition on age, not a period.
static TRIGGER_BEFORE: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\b(?:older than|more than|over|within|in the last|last|every)\s*$"));

/// The data class a retention is about: the words before "is kept" /
/// "are deleted" ("Receipts and invoices are … kept" → "Receipts and invoices").
fn retention_subject(prefix: &str) -> Option<String> {
    let w = &*WORDS;
    let cut = w
        .kept
        .find(prefix)
        .or_else(|| w.deleted.find(prefix))
        .map_or(prefix.len(), |m| m.start());
    let mut s = prefix[..cut].trim();
    for tail in [
        "must be",
        "should be",
        "shall be",
        "will be",
        "MUST be",
        "are",
        "is",
        "be",
        "must",
        "MUST",
        "itself",
    ] {
        if let Some(h) = s.strip_suffix(tail) {
            s = h.trim_end();
        }
    }
    let s = s
        .trim_matches(|c: char| !c.is_alphanumeric() && c != ')')
        .trim();
    // "FR-004: Every reading" → "Every reading".
    let s = match s.split_once(':') {
        Some((l, r)) if super::context::is_identifier(l.trim_matches('*').trim()) => r.trim(),
        _ => s,
    };
    let s = s.trim_matches(|c: char| !c.is_alphanumeric()).trim();
    if s.is_empty() || !s.chars().any(char::is_alphabetic) {
        return None;
    }
    let end = s.char_indices().nth(60).map_or(s.len(), |(i, _)| i);
    Some(s[..end].trim().to_string())
}

/// "7", "1,000", "ten".
fn word_number(s: &str) -> Option<f64> {
    let words = [
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
        "twelve",
    ];
    let lower = s.to_ascii_lowercase();
    if let Some(i) = words.iter().position(|w| *w == lower) {
        return Some((i + 1) as f64);
    }
    match lower.as_str() {
        "fifteen" => Some(15.0),
        "twenty" => Some(20.0),
        "thirty" => Some(30.0),
        _ => parse_number(s, None),
    }
}
