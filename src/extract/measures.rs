//! Recognisers for the numeric kinds: availability, latency, throughput,
//! concurrent users, RTO, RPO, data volume and budget.
//!
//! Each number is read with the unit next to it, then kept only when its
//! context says what it measures (a keyword in the clause, the row label, the
//! column header, the list's lead-in or, for some kinds, the heading) and
//! nothing nearby says it is something else (a look-alike, a limit per user, a
//! timeout, an achieved value).

use std::sync::LazyLock;

use super::re::{Captures, Regex, SetMatches};

use super::Cand;
use super::context::{Seg, clause_bounds};
use super::numbers::{self, NUM, parse_number};
use super::vocab::{VOCAB, in_text};
use crate::requirements::{Kind, Value};

/// Durations longer than this are processing or batch times, not the
/// response-time targets the latency kind holds (10 s is the upper end of
/// "interactive" in every web-performance guideline).
pub const LATENCY_CAP_MS: f64 = 10_000.0;

fn re(p: &str) -> Regex {
    super::vocab::compile(p, false)
}

static DURATION: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)(?P<n1>{NUM})(?:\s*(?:-|–|—|to|~|～)\s*(?P<n2>{NUM}))?\s*-?\s*(?P<unit>(?:milliseconds?|milisegundos?|milissegundos?|msec|ms|segundos?|minutos?|horas?|d[ií]as?|minutes?|mins?|seconds?|secs?|sec|s|hours?|hrs?|hr|h|days?|weeks?)\b|毫秒|ミリ秒|밀리초|秒钟|秒|초|分钟|分鐘|分間|분|小时|時間|시간|天|일)"
    ))
});

static PERCENT: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?P<n1>\d{2,3}(?:\.\d+|,\d{1,2})?)(?:\s*(?:-|–|to)\s*(?P<n2>\d{2,3}(?:\.\d+|,\d{1,2})?))?\s*(?:%|％|\bpercent\b|\bpct\b)",
    )
});

static RATE: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)(?P<n>{NUM})\s*(?P<m>[km]\b|万|千)?\s*\+?\s*(?:(?P<noun>(?:[a-z][a-z-]*\s+){{0,2}}?(?:api\s+)?(?:requests?|reqs?|calls?|queries|query|transactions?|txns?|events?|messages?|msgs?|ops|operations?|orders?|submissions?|retrievals?|uploads?|jobs?|writes?|reads?|hits?|page ?views?|checkouts?|payments?|logins?|sign-?ins?|authentications?|searches|tasks?|notifications?|emails?))\s*(?:per|/|an?|each|every)\s*(?P<per>second|sec|s|minute|min|m|hour|hr|h|day|d|week|wk|month|mo)\b|(?P<unit>rps|qps|tps|rpm|rph)\b)"
    ))
});

static RATE_CJK: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?:每秒|毎秒|초당)\s*(?:处理|처리|最大|最多)?\s*(?P<n>{NUM})\s*(?P<m>万|千|만|천)?|(?P<n2>{NUM})\s*(?P<m2>万|千|만|천)?\s*(?:次|个请求|件|건|회)?\s*/\s*(?:秒|초)"
    ))
});

static CONCURRENT: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)(?P<n>{NUM})\s*(?P<m>k\b|万|千)?\s*\+?\s*(?:(?:concurrent(?:ly)?|simultaneous(?:ly)?|parallel|active concurrent)\s+(?:[a-z][a-z-]*\s+){{0,2}}?(?:users?|sessions?|viewers?|members?|connections?|clients?|tenants?|tenant-urls?|learners?|students?|players?|customers?|visitors?|people|participants?|shoppers?|devices?)\b|(?:users?|sessions?|viewers?|clients?|connections?|people)\s+(?:concurrently|simultaneously|at the same time|at once|online at once)\b)"
    ))
});

/// "60,000 play at the same time", "1,500 practice staff signed in at the
/// same time", "about 350 use the app at the same time": people, or a verb
/// of using, then the simultaneity. Work items ("runs 12 messages
/// concurrently") are not people and do not match.
static CONCURRENT_PEOPLE: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)(?P<n>{NUM})\s*(?P<m>k\b|万|千)?\s*\+?\s+(?:(?:[a-z-]+\s+)?(?:people|persons|users?|members?|visitors?|players?|gamers?|staff|employees?|customers?|shoppers?|students?|learners?|agents?|clinicians?|doctors?|nurses?|patients?|drivers?|riders?|guests?|fans?|viewers?|subscribers?|operators?|attendees?|participants?)\b\s*(?:[a-z-]+\s+){{0,4}}?|(?:use|using|play|playing|signed in|logged in|log in|sign in|online|active|connected|browsing|booking|book|try to \w+|trying to \w+)\b\s*(?:[a-z-]+\s+){{0,3}}?)(?:at the same time|concurrently|simultaneously|at once)\b"
    ))
});

static CONCURRENT_CJK: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?:并发|同时在线|同時接続|同時|동시)[^\d]{{0,10}}?(?P<n>{NUM})\s*(?P<m>万|千|만|천)?|(?P<n2>{NUM})\s*(?P<m2>万|千|만|천)?\s*(?:个|名|人|명)?\s*(?:并发|同时在线|동시)"
    ))
});

static MONEY: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)(?:(?P<cur>US\$|\bA\$|\bAU\$|\bC\$|\bCA\$|\bNZ\$|\bS\$|\$|USD|AUD|CAD|NZD|SGD|CHF|€|EUR|£|GBP|¥|JPY|CNY|RMB|₩|KRW)\s*(?P<n>{NUM})\s*(?P<m>[km]\b|万)?|(?P<n2>{NUM})\s*(?P<m2>[km]\b|万)?\s*(?P<cur2>USD|AUD|CAD|NZD|SGD|CHF|EUR|GBP|JPY|CNY|RMB|KRW|dollars|euros|元|円|원))"
    ))
});

static PERIOD_MONTH: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)/\s*(?:mo|month)\b|\bper month\b|\ba month\b|\bmonthly\b|每月|/月|月额|月額|월")
});
static PERIOD_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)/\s*(?:yr|year)\b|\bper year\b|\ba year\b|\bannual(?:ly)?\b|\byearly\b|每年|年额|年額|연간",
    )
});

static SIZE: LazyLock<Regex> =
    LazyLock::new(|| re(&format!(r"(?i)(?P<n>{NUM})\s*(?P<u>[KMGTP]i?B)\b")));

static BARE: LazyLock<Regex> =
    LazyLock::new(|| re(&format!(r"(?i)(?P<n>{NUM})\s*(?P<m>k\b|万|千)?")));

static PERCENTILE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\bp(?P<p>50|90|95|99|99\.9|999)\b|\b(?P<q>50|90|95|99)(?:th|%)[ -]?(?:percentile|pct|ile)\b|\b(?:for )?(?P<r>50|90|95|99)% of (?:all )?(?:requests|calls|queries|responses|page loads|transactions)\b|\b(?P<s>50|90|95|99) ?% (?:of (?:them|those|these|all)\s)?(?:under|below|within|in under|in less than|faster than|<|≤)|(?P<avg>\b(?:median|average|avg|mean|typical(?:ly)?)\b|中位数|平均|中央値|중앙값|평균)",
    )
});

static TARGET_PAREN: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)[(（]\s*(?:target|goal|SLO|目标|目標|목표)\b?"));

/// RPO, RTO, explicit-RTO and not-an-RTO words in one pass (groups `rpo`,
/// `explicit`, `rto`, `excl`), from the vocabulary.
static RECOVERY: LazyLock<Regex> = LazyLock::new(|| {
    let v = super::vocab::keyword_patterns();
    re(&format!(
        "(?i)(?P<rpo>{})|(?P<explicit>{})|(?P<excl>{})|(?P<rto>{})",
        v("rpo"),
        v("rto_explicit"),
        v("rto_exclude"),
        v("rto")
    ))
});

/// "(e.g. 99.9% availability)", "such as 200 ms": a number given as an
/// example of what a requirement could say.
static EXAMPLE_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?:\be\.g\.,?|\bfor example,?|\bfor instance,?|\bsuch as|\bexample:)\s*(?:[^\s.;:]+\s+){0,2}[<>≤≥~]?\s*$",
    )
});

fn example_before(text: &str, start: usize) -> bool {
    let mut i = start.saturating_sub(40);
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    EXAMPLE_BEFORE.is_match(&text[i..start])
}

static TRIGGER: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?:>|≥|>=|\bmore than|\bover|\babove|\bexceed(?:s|ing)?|\blonger than|超过|大于|초과)\s*$",
    )
});

/// An alert's threshold ("when p95 is more than 900 ms"), but not a limit
/// ("lose no more than 15 minutes", "not longer than 2 s").
fn trigger(prefix: &str) -> bool {
    TRIGGER.is_match(prefix) && !LIMIT.is_match(prefix)
}

static LIMIT: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\b(?:no|not|never) (?:more|longer) than\s*$"));

fn num(c: &Captures, n: &str, m: &str) -> Option<f64> {
    parse_number(c.name(n)?.as_str(), c.name(m).map(|x| x.as_str()))
}

fn any_ctx(seg: &Seg, clause: &str, re: &Regex) -> bool {
    re.is_match(clause)
        || in_text(re, seg.label)
        || in_text(re, seg.header)
        || in_text(re, seg.lead_in)
}

/// Availability keywords, except the phrase "general availability" (a phase).
fn availability_kw(text: &str) -> bool {
    !text.is_empty()
        && VOCAB.availability.find_iter(text).any(|m| {
            let before = text[..m.start()].trim_end();
            let n = before.len();
            !(m.as_str().eq_ignore_ascii_case("availability")
                && n >= 7
                && before.is_char_boundary(n - 7)
                && before[n - 7..].eq_ignore_ascii_case("general"))
        })
}

/// Which phase a value belongs to: (rank, name). Later phases rank higher;
/// an untagged value ranks between beta and production.
pub fn phase_of(texts: &[&str]) -> (u8, Option<String>) {
    for t in texts {
        if t.is_empty() {
            continue;
        }
        // Production words outrank beta, which outranks MVP ("post-MVP (beta)").
        let mut best: Option<(u8, u8, &str)> = None;
        for c in VOCAB.phases.captures_iter(t) {
            let (prio, rank, m) = if let Some(m) = c.name("prod") {
                (3, 3, m)
            } else if let Some(m) = c.name("beta") {
                (2, 1, m)
            } else if let Some(m) = c.name("mvp") {
                (1, 0, m)
            } else {
                continue;
            };
            if best.is_none_or(|b| prio > b.0) {
                best = Some((prio, rank, m.as_str()));
            }
        }
        if let Some((_, rank, name)) = best {
            return (rank, Some(name.to_string()));
        }
    }
    (2, None)
}

fn qualifier_of(seg: &Seg) -> Option<String> {
    let mut out: Vec<String> = Vec::new();
    for t in [seg.sentence, seg.label] {
        if t.is_empty() {
            continue;
        }
        for m in VOCAB.qualifiers.find_iter(t) {
            let q = m.as_str().to_lowercase();
            if !out.iter().any(|o| o.contains(&q) || q.contains(o.as_str())) {
                out.push(q);
            }
        }
    }
    (!out.is_empty()).then(|| out.join(", "))
}

fn subject_of(seg: &Seg, clause_prefix: &str) -> Option<String> {
    // An identifier label ("NFR1", "FK-6.6") names nothing; the words before
    // the number do.
    let raw = if !seg.label.is_empty()
        && !super::context::is_identifier(seg.label.trim_start_matches(['-', '*', '•', ' ']))
    {
        seg.label
    } else if let Some((l, rest)) = clause_prefix.split_once([':', '：']) {
        if super::context::is_identifier(l.trim_start_matches(['-', '*', '•', ' '])) {
            rest
        } else {
            clause_prefix
        }
    } else {
        clause_prefix
    };
    let mut s = raw
        .trim_matches(|c: char| {
            c.is_whitespace()
                || matches!(
                    c,
                    ':' | '：' | '-' | '*' | '•' | '|' | '(' | '<' | '>' | '≤' | '≥' | '=' | '~'
                )
        })
        .trim();
    // Drop trailing comparators and verbs: "Page load times under" → "Page load times".
    const STOP: [&str; 22] = [
        "under", "within", "below", "less", "than", "of", "in", "at", "is", "are", "be", "must",
        "should", "shall", "to", "by", "max", "maximum", "target", "targets", "for", "a",
    ];
    while let Some((head, last)) = s.rsplit_once(' ')
        && STOP.iter().any(|w| last.eq_ignore_ascii_case(w))
    {
        s = head.trim_end();
    }
    if s.is_empty() || !s.chars().any(char::is_alphabetic) {
        return None;
    }
    let end = s.char_indices().nth(60).map_or(s.len(), |(i, _)| i);
    Some(s[..end].trim().to_string())
}

/// Is the value at `start..end` of `seg.text` an achieved (measured) value
/// rather than a target?
fn achieved(seg: &Seg, clause_start: usize, start: usize, end: usize) -> bool {
    let v = &*VOCAB;
    let says = |re: &Regex, t: &str| !t.is_empty() && in_text(re, t) && !in_text(&v.target, t);
    // A column of measurements ("Measured p95"), a table or list introduced as
    // one ("We timed the prototype on 200,000 transactions:"), a section about
    // the present system ("Why not the current approach").
    if says(&v.achieved, seg.header)
        || says(&v.achieved, seg.lead_in)
        || says(&v.achieved_heading, seg.innermost_heading())
    {
        return true;
    }
    let prefix = &seg.text[clause_start..start];
    if v.achieved.is_match(prefix) && !v.target.is_match(prefix) {
        return true;
    }
    // "1.5s (target: < 2s)": the number before the parenthesised target is
    // what was achieved; "24 hours, worse than the one-hour target": a
    // figure compared with the target is not the target.
    let after = &seg.text[end..];
    TARGET_PAREN.find(after).is_some_and(|m| m.start() < 40) || COMPARED.is_match(after)
}

/// Right after a figure: it is measured against something, not required.
/// "90 images per minute", "1,200 / hour": the period a bare count is per.
static PERIOD_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^\s*(?:[a-z][a-z-]*\s+){0,2}?(?:per|/|an?|each|every)\s*(?P<per>second|sec|s|minute|min|m|hour|hr|h|day|d|week|wk|month|mo)\b",
    )
});

/// "average … 35 per second": a rate whose noun is left out.
static AVERAGE_RATE: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)\b(?:average|on average|mean)\b[^.;]{{0,40}}?\b(?P<n>{NUM})\s*(?:per|/|a|an)\s*(?P<per>second|sec|s|minute|min|hour|hr|h)\b"
    ))
});

/// Words that make a rate an average ("the daily average is", "on average",
/// "mean"), in its clause before it or right after it.
fn average_rate(prefix: &str, after: &str) -> bool {
    static BEFORE: LazyLock<Regex> = LazyLock::new(|| {
        re(r"(?i)\b(?:average|averages|averaging|on average|mean|typical(?:ly)?)\b")
    });
    static AFTER: LazyLock<Regex> =
        LazyLock::new(|| re(r"(?i)^\W{0,3}(?:on average|average|in average|avg)\b"));
    BEFORE.is_match(prefix) || AFTER.is_match(after)
}

/// Qualifier of a throughput that is an average over the day or month: an
/// input to usage-priced items, never the peak the design is sized for.
pub const AVERAGE: &str = "average";

fn mark_average(c: &mut Cand) {
    c.qualifier = Some(match c.qualifier.take() {
        Some(q) if !q.contains(AVERAGE) => format!("{q}, {AVERAGE}"),
        Some(q) => q,
        None => AVERAGE.to_string(),
    });
}

static COMPARED: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^\W{0,3}(?:which is |that is |so )?(?:worse|better|slower|faster|higher|lower|more|less) than (?:the |our |its )?(?:\S+ )?(?:target|goal|objective|SLO|requirement)|^\W{0,3}(?:short of|above|beyond|over|exceeding) (?:the |our )?(?:\S+ )?(?:target|goal|objective|SLO)",
    )
});

pub(super) struct Found<'a> {
    pub(super) seg: &'a Seg<'a>,
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) clause: (usize, usize),
}

impl Found<'_> {
    pub(super) fn clause(&self) -> &str {
        &self.seg.text[self.clause.0..self.clause.1]
    }
    pub(super) fn prefix(&self) -> &str {
        &self.seg.text[self.clause.0..self.start]
    }
    pub(super) fn cand(&self, kind: Kind, value: Value, unit: &str) -> Cand {
        let (phase_rank, phase) = phase_of(&[
            self.clause(),
            self.seg.label,
            self.seg.header,
            self.seg.lead_in,
            self.seg.heading,
        ]);
        Cand {
            kind,
            value,
            unit: unit.to_string(),
            percentile: None,
            qualifier: qualifier_of(self.seg),
            phase,
            phase_rank,
            subject: subject_of(self.seg, self.prefix()),
            block: self.seg.block,
            needle: first_digits(&self.seg.text[self.start..self.end]),
            counted: None,
            readings: None,
        }
    }
}

/// The first run of digits of a match: the text used to find its line.
fn first_digits(s: &str) -> String {
    let start = s.find(|c: char| c.is_ascii_digit()).unwrap_or(0);
    let rest = &s[start..];
    let end = rest
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))
        .unwrap_or(rest.len());
    rest[..end].trim_end_matches(['.', ',']).to_string()
}

pub(super) fn found<'a>(seg: &'a Seg<'a>, start: usize, end: usize) -> Found<'a> {
    Found {
        seg,
        start,
        end,
        clause: clause_bounds(seg.text, start),
    }
}

/// Run every numeric recogniser over one segment. `gate` says which
/// literal triggers the segment's text holds (see [`super::vocab::Vocab::gate`]).
pub fn scan(seg: &Seg, gate: &SetMatches, out: &mut Vec<Cand>) {
    use super::vocab::{GATE_BUDGET, GATE_CONCURRENCY, GATE_DIGIT, GATE_NINES, GATE_PERCENT};
    let t = seg.text;
    let ascii = t.is_ascii();
    let v = &*VOCAB;
    let labelled = |re: &Regex| !seg.label.is_empty() && in_text(re, seg.label);
    if gate.matched(GATE_CONCURRENCY) || labelled(&v.concurrency) {
        concurrency(seg, out, ascii);
    }
    // Headings carry section numbers; the only targets they state are scale
    // milestones ("Milestone 3: GA - 1,000+ Concurrent Users").
    if seg.is_heading {
        return;
    }
    if gate.matched(GATE_NINES)
        || (gate.matched(GATE_DIGIT)
            && (gate.matched(GATE_PERCENT)
                || availability_kw(seg.label)
                || availability_kw(seg.header)))
    {
        availability(seg, out);
    }
    if !gate.matched(GATE_DIGIT) {
        return;
    }
    durations(seg, out);
    throughput(seg, out, ascii);
    if gate.matched(GATE_BUDGET)
        || labelled(&v.budget)
        || labelled(&v.budget_subject)
        || in_text(&v.budget, seg.innermost_heading())
        || (!seg.header.is_empty() && in_text(&v.budget, seg.header))
        || (!seg.lead_in.is_empty() && in_text(&v.budget, seg.lead_in))
    {
        budget(seg, out);
    }
    if has_size_unit(t) {
        data_volume(seg, out);
    }
}

/// `GB`, `TB`, `GiB`…: a byte-size unit somewhere in the text.
fn has_size_unit(t: &str) -> bool {
    let b = t.as_bytes();
    (1..b.len()).any(|i| {
        matches!(b[i], b'B' | b'b')
            && matches!(
                b[i - 1].to_ascii_uppercase(),
                b'K' | b'M' | b'G' | b'T' | b'P' | b'I'
            )
    })
}

fn availability(seg: &Seg, out: &mut Vec<Cand>) {
    for c in PERCENT.captures_iter(seg.text) {
        let Some(m) = c.get(0) else { continue };
        let Some(a) = num(&c, "n1", "") else { continue };
        // A range states the floor the system must at least meet.
        let v = num(&c, "n2", "").map_or(a, |b| a.min(b));
        availability_value(seg, v, m.start(), m.end(), out);
    }
    if let Some((v, s, e)) = numbers::nines(seg.text) {
        availability_value(seg, v, s, e, out);
        return;
    }
    // "| Availability | 99.9 |": the label or column names the percentage.
    if !PERCENT.is_match(seg.text)
        && (availability_kw(seg.label) || availability_kw(seg.header))
        && let Some(c) = BARE.captures(seg.text)
        && let (Some(m), Some(v)) = (c.get(0), num(&c, "n", "m"))
        && c.name("m").is_none()
    {
        availability_value(seg, v, m.start(), m.end(), out);
    }
}

fn availability_value(seg: &Seg, v: f64, start: usize, end: usize, out: &mut Vec<Cand>) {
    if !(90.0..100.0).contains(&v) || example_before(seg.text, start) {
        return;
    }
    let f = found(seg, start, end);
    let clause = f.clause();
    let vocab = &*VOCAB;
    if vocab.availability_exclude.is_match(clause)
        || (seg.text[start..end].contains(['%', '％']) && share_of_items(&seg.text[end..]))
    {
        return;
    }
    let kw = availability_kw(clause)
        || availability_kw(seg.label)
        || availability_kw(seg.header)
        || availability_kw(seg.lead_in)
        || (!seg.is_heading && availability_kw(seg.innermost_heading()));
    if !kw || achieved(seg, f.clause.0, start, end) || vendor_sla(seg.text) {
        return;
    }
    let mut c = f.cand(Kind::Availability, Value::Number(v), "percent");
    if c.subject
        .as_deref()
        .is_some_and(|s| s.chars().all(|ch| !ch.is_alphabetic()))
    {
        c.subject = None;
    }
    out.push(c);
}

static VENDOR_TERMS: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)\b(?:offers?|provides?|guarantees?|advertises?|backed by|plan|tier|vendor)\b")
});

/// "Supabase's Pro plan offers a 99.9% uptime SLA": a vendor's promise about
/// its own service, not the system's target.
fn vendor_sla(sentence: &str) -> bool {
    VENDOR_TERMS.find_iter(sentence).any(|m| {
        // "vendor" says it outright; "offers", "plan"… only next to a named service.
        m.as_str().eq_ignore_ascii_case("vendor") || VOCAB.tech_re.is_match(sentence)
    })
}

/// "90% of approvals", "95% of tickets": a share of business items. Only a
/// share of time or of requests can be an availability.
fn share_of_items(after: &str) -> bool {
    let rest = after.trim_start_matches(['+', ' ']).to_ascii_lowercase();
    let Some(rest) = rest.strip_prefix("of ") else {
        return false;
    };
    let rest = rest.strip_prefix("the ").unwrap_or(rest);
    let rest = rest.strip_prefix("all ").unwrap_or(rest);
    // "of each calendar month", "of every rolling 30 days": a share of time.
    let rest = ["each ", "every ", "any ", "a "]
        .iter()
        .find_map(|p| rest.strip_prefix(p))
        .unwrap_or(rest);
    ![
        "time",
        "requests",
        "calls",
        "queries",
        "uptime",
        "month",
        "year",
        "minutes",
        "hours",
        "calendar",
        "rolling",
        "day",
        "week",
        "quarter",
        "business hours",
        "operating hours",
    ]
    .iter()
    .any(|w| rest.starts_with(w))
}

/// Qualifier of a latency that is one component's budget.
pub const COMPONENT_BUDGET: &str = "component budget";

fn is_component_budget(clause: &str) -> bool {
    let c = clause.to_lowercase();
    [
        " alone",
        "by itself",
        "component budget",
        "latency budget",
        "share of the",
        "of the end-to-end",
        "単体",
        "单独",
    ]
    .iter()
    .any(|w| c.contains(w))
}

/// "max 3 concurrent uploads per tenant": a cap on each tenant, not the
/// number of simultaneous users the system serves.
fn per_entity_cap(after: &str) -> bool {
    let a = after.to_lowercase();
    [
        "per tenant",
        "per user",
        "per account",
        "per customer",
        "per organization",
        "per organisation",
        "per org",
        "per workspace",
        "per ip",
        "per device",
        "per api key",
        "per key",
        "per seat",
        "per team",
        "per project",
        "each tenant",
        "each user",
        "each account",
    ]
    .iter()
    .any(|w| a.contains(w))
}

fn durations(seg: &Seg, out: &mut Vec<Cand>) {
    let v = &*VOCAB;
    for c in DURATION.captures_iter(seg.text) {
        let Some(m) = c.get(0) else { continue };
        let Some(unit) = c
            .name("unit")
            .and_then(|u| numbers::duration_seconds(u.as_str()))
        else {
            continue;
        };
        let Some(a) = num(&c, "n1", "") else { continue };
        // A range's upper bound is the most the target allows.
        let n = num(&c, "n2", "").map_or(a, |b| a.max(b));
        let secs = n * unit;
        let f = found(seg, m.start(), m.end());
        let clause = f.clause();
        if trigger(f.prefix())
            || achieved(seg, f.clause.0, m.start(), m.end())
            || example_before(seg.text, m.start())
        {
            continue;
        }
        // "40 requests/10 seconds", "5 jobs per 10 minutes": a rate's window.
        let lead = seg.text[..m.start()].trim_end().to_ascii_lowercase();
        if lead.ends_with('/') || lead.ends_with(" per") || lead.ends_with(" every") {
            continue;
        }
        let kind = recovery_kind(clause, f.start - f.clause.0, f.end - f.clause.0, seg);
        // "the recovery service (4 hours)": a bare duration in parentheses
        // after a noun is an estimate of effort, not an objective, unless the
        // clause names the objective ("RTO (4 hours)").
        let parenthesised = seg.text[..m.start()].trim_end().ends_with(['(', '（'])
            && seg.text[m.end()..].trim_start().starts_with([')', '）']);
        match kind {
            Some(k) => {
                if k == Kind::Rto && secs < 1.0 {
                    continue;
                }
                if parenthesised
                    && !RECOVERY.captures_iter(clause).any(|c| {
                        c.name("explicit").is_some()
                            || c.name("rpo").is_some_and(|r| r.as_str().len() <= 3)
                    })
                {
                    continue;
                }
                out.push(f.cand(k, Value::Number(secs), "s"));
            }
            None => {
                let ms = secs * 1000.0;
                // Past the interactive cap, only a time stated at a
                // percentile ("p95 ≤ 20 s end to end") is a latency: a
                // distribution of each request's time.
                let cap = if tail_marker(f.prefix()) {
                    TAIL_LATENCY_CAP_MS
                } else {
                    LATENCY_CAP_MS
                };
                if ms <= 0.0 || ms > cap || seg.is_heading {
                    continue;
                }
                if v.latency_exclude.is_match(clause) || in_text(&v.latency_exclude, seg.label) {
                    continue;
                }
                // A label or lead-in that reads as a heading ("Performance
                // Goals:") names the list's kind as a heading would.
                let kw = any_ctx(seg, clause, &v.latency)
                    || in_text(&v.latency_heading, seg.heading)
                    || in_text(&v.latency_heading, seg.label)
                    || in_text(&v.latency_heading, seg.lead_in);
                // "…within 2 s for regular queries, complex queries within
                // 5 s": a parallel clause shares its sentence's keyword when
                // the clause before it was a latency.
                let parallel =
                    !kw && out.last().is_some_and(|c| {
                        c.kind == Kind::Latency && c.block == seg.block && f.clause.0 > 0
                    }) && v.latency.is_match(seg.sentence);
                if !(kw || parallel) {
                    continue;
                }
                // A backup, a health check, mail delivery, start-up: the
                // system's own background work, not a request's latency.
                let innermost = seg.innermost_heading();
                if !request_cold_start(clause)
                    && (in_text(&v.latency_job, clause)
                        || in_text(&v.latency_job, seg.label)
                        || in_text(&v.latency_job, seg.lead_in)
                        || in_text(&v.latency_job, innermost))
                {
                    continue;
                }
                let mut cand = f.cand(Kind::Latency, Value::Number(round3(ms)), "ms");
                // "Handle 500 orders within 2 seconds": a rate or each
                // order's latency; neither is taken, the design asks.
                if let Some(readings) = count_within(f.prefix(), secs) {
                    cand.readings = Some(readings);
                    out.push(cand);
                    continue;
                }
                cand.percentile = Some(percentile(seg, clause, f.start - f.clause.0));
                // "the permission check alone: p95 < 30 ms": one step's share
                // of an end-to-end target, never the target itself.
                if is_component_budget(clause) {
                    cand.qualifier = Some(match cand.qualifier.take() {
                        Some(q) => format!("{q}, {COMPONENT_BUDGET}"),
                        None => COMPONENT_BUDGET.to_string(),
                    });
                }
                out.push(cand);
            }
        }
    }
}

/// "Handle 500 orders within 2 seconds", "process 10,000 images in 1 hour":
/// a count of work items a verb does within a time reads as a rate (250
/// orders/s) or as the time each item may take. Both readings, in words, when
/// the clause is of that shape; `None` otherwise ("the top 10 results within
/// 200 ms" has no work verb, "1 request" no count).
fn count_within(prefix: &str, secs: f64) -> Option<Vec<String>> {
    let lower = prefix.to_lowercase();
    let mut words: Vec<&str> = lower.split_whitespace().collect();
    while words.last().is_some_and(|w| {
        matches!(
            *w,
            "within" | "in" | "under" | "below" | "less" | "than" | "<" | "≤" | "<=" | "about"
        )
    }) {
        words.pop();
    }
    if words.len() < 3 || secs <= 0.0 {
        return None;
    }
    let clean = |w: &str| w.trim_matches(|c: char| !c.is_alphanumeric()).to_string();
    let noun = clean(words[words.len() - 1]);
    let count: f64 = words[words.len() - 2].replace(',', "").parse().ok()?;
    if count < 2.0 || noun.chars().count() < 3 || !noun.chars().all(char::is_alphabetic) {
        return None;
    }
    let verb = words[..words.len() - 2].iter().any(|w| {
        matches!(
            clean(w).as_str(),
            "handle"
                | "handles"
                | "handled"
                | "handling"
                | "process"
                | "processes"
                | "processed"
                | "processing"
                | "ingest"
                | "ingests"
                | "ingested"
                | "import"
                | "imports"
                | "complete"
                | "completes"
                | "accept"
                | "accepts"
                | "execute"
                | "executes"
                | "run"
                | "runs"
        )
    });
    if !verb {
        return None;
    }
    let count_text = crate::numfmt::trim(count);
    let span = crate::numfmt::duration(secs);
    Some(vec![
        format!(
            "a throughput of {count_text} {noun} per {span} ({} {noun}/s)",
            crate::numfmt::trim((count / secs * 100.0).round() / 100.0)
        ),
        format!("a latency of at most {span} for each of the {noun}"),
    ])
}

/// "API cold start < 1 second": the first request to a cold instance waits
/// for the start, so it is that request's latency, unlike a worker's or a
/// program's start-up.
fn request_cold_start(clause: &str) -> bool {
    let c = clause.to_lowercase();
    c.contains("cold start")
        && c.split(|ch: char| !ch.is_alphanumeric()).any(|w| {
            matches!(
                w,
                "api" | "apis" | "endpoint" | "endpoints" | "request" | "requests" | "http"
            )
        })
}

/// RPO, RTO or neither for a duration, from its clause, then its sentence,
/// then its label and lead-in ("Recovery Time Objective (RTO): - Manual
/// rollback: < 3 minutes"). Rollbacks and MTTR are not RTOs unless an
/// explicit RTO label says so.
fn recovery_kind(clause: &str, pos: usize, end: usize, seg: &Seg) -> Option<Kind> {
    let flags = |t: &str| -> (bool, bool, bool, bool) {
        let (mut rpo, mut rto, mut excl, mut explicit) = (false, false, false, false);
        if t.is_empty() {
            return (rpo, rto, excl, explicit);
        }
        for c in RECOVERY.captures_iter(t) {
            rpo |= c.name("rpo").is_some();
            rto |= c.name("rto").is_some();
            excl |= c.name("excl").is_some();
            explicit |= c.name("explicit").is_some();
        }
        (rpo, rto || explicit, excl, explicit)
    };
    // In the clause, a keyword right after the number decides ("a 4-hour
    // RTO"), else the nearest one before it ("RTO of 1 hour and RPO of 5
    // minutes"), else the first one after it.
    let mut before: Option<Kind> = None;
    let mut after: Option<Kind> = None;
    let mut adjacent: Option<Kind> = None;
    let mut excl = false;
    for c in RECOVERY.captures_iter(clause) {
        let Some(m) = c.get(0) else { continue };
        let k = if c.name("rpo").is_some() {
            Some(Kind::Rpo)
        } else if c.name("rto").is_some() || c.name("explicit").is_some() {
            Some(Kind::Rto)
        } else {
            excl = true;
            None
        };
        if let Some(k) = k {
            if m.end() <= pos {
                before = Some(k);
            } else if after.is_none() {
                after = Some(k);
                if m.start() >= end && clause[end..m.start()].trim().is_empty() {
                    adjacent = Some(k);
                }
            }
        }
    }
    match adjacent.or(before).or(after) {
        Some(Kind::Rto) if excl => {}
        Some(k) => return Some(k),
        None => {}
    }
    if seg.sentence.len() > clause.len() {
        let (rpo_s, rto_s, excl_s, _) = flags(seg.sentence);
        if rpo_s {
            return Some(Kind::Rpo);
        }
        if rto_s && !excl_s {
            return Some(Kind::Rto);
        }
    }
    let (rpo_l, rto_l, excl_l, explicit_l) = flags(seg.label);
    let (rpo_i, rto_i, _, explicit_i) = flags(seg.lead_in);
    if rpo_l || rpo_i {
        Some(Kind::Rpo)
    } else if explicit_l || explicit_i || ((rto_l || rto_i) && !excl_l && !excl) {
        Some(Kind::Rto)
    } else {
        None
    }
}

/// Longest time a percentile-stated latency may have: a minute, the default
/// idle timeout of the managed load balancers a synchronous request passes
/// (a client cannot wait longer on one request). Beyond it the figure is an
/// asynchronous pipeline's processing time or a batch window.
const TAIL_LATENCY_CAP_MS: f64 = 60_000.0;

/// A p90/p95/p99 marker (not a median or an average) that governs the
/// number after `prefix`: the last one before it, with no other duration in
/// between ("p95 exceeds 900 ms for 10 minutes" is an alert's window).
fn tail_marker(prefix: &str) -> bool {
    let Some(c) = PERCENTILE.captures_iter(prefix).last() else {
        return false;
    };
    let tail = ["p", "q", "r", "s"]
        .iter()
        .filter_map(|g| c.name(g))
        .any(|m| m.as_str() != "50");
    tail && c
        .get(0)
        .is_some_and(|m| !DURATION.is_match(&prefix[m.end()..]))
}

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// The percentile a latency is stated at: the nearest marker in its clause
/// (before it, else after), else in its label or lead-in; none means a maximum.
fn percentile(seg: &Seg, clause: &str, pos: usize) -> u8 {
    let pick = |c: &Captures| -> u8 {
        if c.name("avg").is_some() {
            return 50;
        }
        let p = c
            .name("p")
            .or_else(|| c.name("q"))
            .or_else(|| c.name("r"))
            .or_else(|| c.name("s"))
            .map_or("", |m| m.as_str());
        match p {
            "50" => 50,
            "90" => 90,
            "95" => 95,
            _ => 99,
        }
    };
    let mut best: Option<(usize, u8)> = None;
    for c in PERCENTILE.captures_iter(clause) {
        let Some(m) = c.get(0) else { continue };
        let dist = if m.end() <= pos {
            pos - m.end()
        } else {
            // Markers after the number count, but less than those before.
            m.start().saturating_sub(pos) + 1000
        };
        if best.is_none_or(|(d, _)| dist < d) {
            best = Some((dist, pick(&c)));
        }
    }
    if let Some((_, p)) = best {
        return p;
    }
    // A table row's other cells ("| API | < 200ms | P95 latency |") come last.
    let row = if seg.sentence.len() > seg.text.len() {
        seg.sentence
    } else {
        ""
    };
    for t in [seg.label, seg.header, seg.lead_in, row] {
        if !t.is_empty()
            && let Some(c) = PERCENTILE.captures(t)
        {
            return pick(&c);
        }
    }
    100
}

fn throughput(seg: &Seg, out: &mut Vec<Cand>, ascii: bool) {
    let v = &*VOCAB;
    let mut any = false;
    for c in RATE.captures_iter(seg.text) {
        let Some(m) = c.get(0) else { continue };
        let Some(n) = num(&c, "n", "m") else { continue };
        let (rps, per_second) = if let Some(u) = c.name("unit") {
            match u.as_str().to_ascii_lowercase().as_str() {
                "rpm" => (n / 60.0, false),
                "rph" => (n / 3600.0, false),
                _ => (n, true),
            }
        } else {
            let per = c
                .name("per")
                .map_or("", |p| p.as_str())
                .to_ascii_lowercase();
            let Some(secs) = numbers::period_seconds(&per) else {
                continue;
            };
            let noun = c
                .name("noun")
                .map_or("", |p| p.as_str())
                .to_ascii_lowercase();
            // Monthly and weekly counts of business objects are business
            // volumes; only requests-like nouns make them a load.
            if secs > 86400.0 && !noun.contains("request") && !noun.contains("call") {
                continue;
            }
            (n / secs, secs <= 1.0)
        };
        let f = found(seg, m.start(), m.end());
        let clause = f.clause();
        // A rate was read here, kept or not: the label fallback below must
        // not read the same number again.
        any = true;
        if v.throughput_exclude.is_match(clause) || achieved(seg, f.clause.0, m.start(), m.end()) {
            continue;
        }
        if !(per_second
            || any_ctx(seg, clause, &v.throughput)
            || in_text(&v.throughput, seg.heading))
        {
            continue;
        }
        any = true;
        let mut cand = f.cand(Kind::Throughput, Value::Number(round3(rps)), "rps");
        if !per_second {
            cand.counted = c.name("noun").map(|n| n.as_str().to_lowercase());
        }
        if average_rate(f.prefix(), &seg.text[m.end()..f.clause.1.max(m.end())]) {
            mark_average(&mut cand);
        }
        out.push(cand);
    }
    // "The daily average is around 35 per second": an average names its
    // rate without repeating the noun.
    if !any {
        for c in AVERAGE_RATE.captures_iter(seg.text) {
            let (Some(m), Some(n)) = (c.name("n"), num(&c, "n", "")) else {
                continue;
            };
            let Some(secs) = c
                .name("per")
                .and_then(|p| numbers::period_seconds(&p.as_str().to_ascii_lowercase()))
            else {
                continue;
            };
            let f = found(seg, m.start(), m.end());
            if v.throughput_exclude.is_match(f.clause())
                || achieved(seg, f.clause.0, m.start(), m.end())
                || !(any_ctx(seg, seg.sentence, &v.throughput)
                    || in_text(&v.throughput, seg.heading))
            {
                continue;
            }
            any = true;
            let mut cand = f.cand(Kind::Throughput, Value::Number(round3(n / secs)), "rps");
            mark_average(&mut cand);
            out.push(cand);
        }
    }
    for c in RATE_CJK.captures_iter(if ascii { "" } else { seg.text }) {
        let Some(m) = c.get(0) else { continue };
        let Some(n) = num(&c, "n", "m").or_else(|| num(&c, "n2", "m2")) else {
            continue;
        };
        let f = found(seg, m.start(), m.end());
        if v.throughput_exclude.is_match(f.clause()) {
            continue;
        }
        any = true;
        out.push(f.cand(Kind::Throughput, Value::Number(n), "rps"));
    }
    // "| Peak RPS | 1,200 |" or "QPS: 500": the label names the rate.
    if !any
        && ((!seg.label.is_empty() && in_text(&v.throughput_label, seg.label))
            || (!seg.header.is_empty() && in_text(&v.throughput_label, seg.header)))
        && let Some(c) = BARE.captures(seg.text)
    {
        let Some(m) = c.get(0) else { return };
        let Some(n) = num(&c, "n", "m") else { return };
        let f = found(seg, m.start(), m.end());
        if v.throughput_exclude.is_match(f.clause())
            || in_text(&v.throughput_exclude, seg.label)
            || achieved(seg, f.clause.0, m.start(), m.end())
        {
            return;
        }
        // "| Peak load | 90 images per minute |": the cell says its period.
        let rps = match PERIOD_AFTER.captures(&seg.text[m.end()..]) {
            Some(p) => match p
                .name("per")
                .and_then(|per| numbers::period_seconds(&per.as_str().to_ascii_lowercase()))
            {
                Some(secs) if secs <= 86_400.0 => n / secs,
                _ => return,
            },
            None => n,
        };
        out.push(f.cand(Kind::Throughput, Value::Number(round3(rps)), "rps"));
    }
}

fn concurrency(seg: &Seg, out: &mut Vec<Cand>, ascii: bool) {
    let v = &*VOCAB;
    let mut any = false;
    for c in CONCURRENT.captures_iter(seg.text) {
        let Some(m) = c.get(0) else { continue };
        let Some(n) = num(&c, "n", "m") else { continue };
        let f = found(seg, m.start(), m.end());
        if n < 1.0 || achieved(seg, f.clause.0, m.start(), m.end()) {
            continue;
        }
        any = true;
        if per_entity_cap(
            seg.text
                .get(m.start()..f.clause.1.max(m.end()))
                .unwrap_or(""),
        ) {
            continue;
        }
        out.push(f.cand(Kind::ConcurrentUsers, Value::Number(n), "users"));
    }
    if !any {
        for c in CONCURRENT_PEOPLE.captures_iter(seg.text) {
            let Some(m) = c.get(0) else { continue };
            let Some(n) = num(&c, "n", "m") else { continue };
            let f = found(seg, m.start(), m.end());
            if n < 1.0 || achieved(seg, f.clause.0, m.start(), m.end()) {
                continue;
            }
            any = true;
            if per_entity_cap(
                seg.text
                    .get(m.start()..f.clause.1.max(m.end()))
                    .unwrap_or(""),
            ) {
                continue;
            }
            out.push(f.cand(Kind::ConcurrentUsers, Value::Number(n), "users"));
        }
    }
    for c in CONCURRENT_CJK.captures_iter(if ascii { "" } else { seg.text }) {
        let Some(m) = c.get(0) else { continue };
        let Some(n) = num(&c, "n", "m").or_else(|| num(&c, "n2", "m2")) else {
            continue;
        };
        any = true;
        out.push(found(seg, m.start(), m.end()).cand(
            Kind::ConcurrentUsers,
            Value::Number(n),
            "users",
        ));
    }
    // "| Concurrent users | ≥ 10 |": the label names the count.
    if !any
        && !seg.label.is_empty()
        && in_text(&v.concurrency, seg.label)
        && !v.concurrency.is_match(seg.text)
    {
        let label = seg.label.to_lowercase();
        let about_people = [
            "user",
            "session",
            "用户",
            "사용자",
            "ユーザ",
            "人",
            "tenant",
            "client",
            "viewer",
            "shopper",
            "customer",
            "visitor",
            "player",
            "learner",
            "student",
            "member",
            "people",
        ]
        .iter()
        .any(|w| label.contains(w));
        if !about_people {
            return;
        }
        if let Some(c) = BARE.captures(seg.text) {
            let Some(m) = c.get(0) else { return };
            let Some(n) = num(&c, "n", "m") else { return };
            if n >= 1.0 {
                out.push(found(seg, m.start(), m.end()).cand(
                    Kind::ConcurrentUsers,
                    Value::Number(n),
                    "users",
                ));
            }
        }
    }
}

fn budget(seg: &Seg, out: &mut Vec<Cand>) {
    let v = &*VOCAB;
    if v.budget_exclude.is_match(seg.sentence) {
        return;
    }
    for c in MONEY.captures_iter(seg.text) {
        let Some(m) = c.get(0) else { continue };
        let Some(n) = num(&c, "n", "m").or_else(|| num(&c, "n2", "m2")) else {
            continue;
        };
        let f = found(seg, m.start(), m.end());
        let clause = f.clause();
        // A cap under a budget section or a running-costs subject ("## Budget
        // … approved up to $3,000 a month", "**Cost.** Under A$2,500 a
        // month", "Running costs at most €400 a month"): the limit word
        // right before the amount makes it a ceiling, not a price or a bill.
        let capped = || {
            v.budget_limit.is_match(f.prefix())
                && (any_ctx(seg, clause, &v.budget_subject)
                    || in_text(&v.budget, seg.innermost_heading()))
        };
        if !any_ctx(seg, clause, &v.budget) && !capped() {
            continue;
        }
        let months = if PERIOD_MONTH.is_match(clause) || in_text(&PERIOD_MONTH, seg.label) {
            1.0
        } else if PERIOD_YEAR.is_match(clause) || in_text(&PERIOD_YEAR, seg.label) {
            12.0
        } else {
            continue;
        };
        let cur = c
            .name("cur")
            .or_else(|| c.name("cur2"))
            .map_or("$", |x| x.as_str());
        let code = match cur.to_ascii_uppercase().as_str() {
            "$" | "US$" | "USD" | "DOLLARS" => "USD",
            "A$" | "AU$" | "AUD" => "AUD",
            "C$" | "CA$" | "CAD" => "CAD",
            "NZ$" | "NZD" => "NZD",
            "S$" | "SGD" => "SGD",
            "CHF" => "CHF",
            "€" | "EUR" | "EUROS" => "EUR",
            "£" | "GBP" => "GBP",
            "¥" | "JPY" | "円" => "JPY",
            "CNY" | "RMB" | "元" => "CNY",
            "₩" | "KRW" | "원" => "KRW",
            _ => "USD",
        };
        let unit = format!("{code}/month");
        out.push(f.cand(Kind::Budget, Value::Number(round3(n / months)), &unit));
    }
}

fn data_volume(seg: &Seg, out: &mut Vec<Cand>) {
    let v = &*VOCAB;
    for c in SIZE.captures_iter(seg.text) {
        let Some(m) = c.get(0) else { continue };
        let Some(n) = num(&c, "n", "") else { continue };
        let Some(b) = c.name("u").and_then(|u| numbers::size_bytes(u.as_str())) else {
            continue;
        };
        let bytes = n * b;
        // Smaller sizes are files, payloads and bundles, not stored data.
        if bytes < 1e9 {
            continue;
        }
        let f = found(seg, m.start(), m.end());
        let clause = f.clause();
        // "2 TB a day", "650 GB each night": a rate of arrival, not the
        // data stored (see `workload`'s data per day).
        if super::workload::per_day_follows(&seg.text[m.end()..f.clause.1.max(m.end())]) {
            continue;
        }
        if v.data_volume_exclude.is_match(clause)
            || in_text(&v.data_volume_exclude, seg.label)
            // In a table, a plan or tier in another cell makes it a price list.
            || (seg.sentence.len() > seg.text.len() && v.data_volume_exclude.is_match(seg.sentence))
            || !any_ctx(seg, clause, &v.data_volume)
            || trigger(f.prefix())
            // The size of what exists today ("The database is 3.8 TB" under
            // "Why not the current approach") is not the planned system's.
            || achieved(seg, f.clause.0, m.start(), m.end())
        {
            continue;
        }
        out.push(f.cand(Kind::DataVolume, Value::Number(bytes), "bytes"));
    }
}
