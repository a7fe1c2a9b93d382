//! Reading `/revise` feedback the way a person reads it.
//!
//! The text is split into clauses at sentence, dash, colon, arrow, comma-and
//! and question boundaries. Each clause is read on its own, so a number binds
//! to the clause it is in ("keep it under 500ms" is a latency, never a
//! budget). Clauses that ask for nothing give context to the ones after them
//! ("Re the database: Aurora, please", "Why GCP? … Move it."). "X instead of
//! Y", "from Y to X" and "Y -> X" keep X. Negation ("no serverless - cold
//! starts hurt us", "Nobody here runs Kafka") turns a use into an avoid. Numbers
//! in words ("half a second", "four nines", "ten minutes") and relative
//! changes ("halve the budget", "3x the current peak of 2,000 rps", "a third
//! cheaper") are computed, the relative ones against the current design. Close
//! misspellings of key terms are corrected (Damerau–Levenshtein, strsim).
//!
//! Anything read two ways ("we can tolerate two hours": RTO or RPO?) or not at
//! all comes back as an open question in the reviewer's words; a guess is
//! never made.

use std::sync::LazyLock;

use regex::Regex;
use serde::{Deserialize, Serialize};

use crate::catalog::Provider;
use crate::requirements::Kind;
use crate::review::directives::Directive;
use crate::review::lexicon::{Found, LEXICON, Term, geo_region};

/// What the design looks like now, for relative changes and places.
#[derive(Debug, Clone, PartialEq)]
pub struct ReadContext {
    pub provider: Provider,
    pub availability: Option<f64>,
    pub latency_ms: Option<f64>,
    pub throughput_rps: Option<f64>,
    pub budget_usd: Option<f64>,
    pub monthly_cost_usd: Option<f64>,
    pub rto_s: Option<f64>,
    pub rpo_s: Option<f64>,
}

impl Default for ReadContext {
    fn default() -> Self {
        ReadContext {
            provider: Provider::Aws,
            availability: None,
            latency_ms: None,
            throughput_rps: None,
            budget_usd: None,
            monthly_cost_usd: None,
            rto_s: None,
            rpo_s: None,
        }
    }
}

impl ReadContext {
    /// The context of a design: its provider, primary requirements and cost.
    pub fn of(design: &crate::design::Design) -> ReadContext {
        let num = |k: Kind| {
            design
                .requirements
                .iter()
                .find(|r| r.kind == k && r.primary)
                .and_then(|r| r.value.as_f64())
        };
        ReadContext {
            provider: design.provider,
            availability: num(Kind::Availability),
            latency_ms: num(Kind::Latency),
            throughput_rps: num(Kind::Throughput).or(Some(design.capacity.peak_rps.value)),
            budget_usd: design.cost.budget.as_ref().map(|b| b.value),
            monthly_cost_usd: Some(design.cost.total_monthly),
            rto_s: num(Kind::Rto),
            rpo_s: num(Kind::Rpo),
        }
    }
}

/// The feedback, read.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Parsed {
    pub directives: Vec<Directive>,
    /// What became open questions: clauses not understood (verbatim) and
    /// clauses read two ways (with both readings).
    pub unrecognised: Vec<String>,
}

/// Read feedback with no knowledge of the design (AWS, no current values).
pub fn parse(feedback: &str) -> Parsed {
    read(feedback, &ReadContext::default())
}

/// Read feedback against the design it revises.
pub fn read(feedback: &str, ctx: &ReadContext) -> Parsed {
    let first = read_with(feedback, ctx, ctx.provider);
    // A provider change in the same comment decides what a place means
    // ("move to Azure and keep it in Frankfurt").
    let provider = first.directives.iter().rev().find_map(|d| match d {
        Directive::Provider { provider } => Some(*provider),
        _ => None,
    });
    match provider {
        Some(p) if p != ctx.provider => read_with(feedback, ctx, p),
        _ => first,
    }
}

/// One clause as split from the text.
#[derive(Debug, Clone)]
struct Clause {
    /// The reviewer's words.
    original: String,
    /// Ended with `?`.
    question: bool,
    /// The left side of an arrow: what is being moved away from.
    from: bool,
}

fn split(text: &str) -> Vec<Clause> {
    static SEP: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)\s*(?:[;\n]+|(?P<q>\?)(?:\s+|$)|[.!](?:\s+|$)|\s+[-—–]{1,2}\s+|[—–]|:\s+|,\s+(?:and\s+|but\s+|so\s+)?|\s+(?:and|but|then|so|although|though)\s+|(?P<arrow>->|→|=>|⟶))\s*",
        )
        .expect("clause separator")
    });
    let mut out = Vec::new();
    let mut last = 0;
    let push = |out: &mut Vec<Clause>, s: &str, question: bool, from: bool| {
        let s = s.trim().trim_end_matches(['.', '!', ',']).trim();
        if !s.is_empty() {
            out.push(Clause {
                original: s.to_string(),
                question,
                from,
            });
        }
    };
    for c in SEP.captures_iter(text) {
        let m = c.get(0).expect("match");
        push(
            &mut out,
            &text[last..m.start()],
            c.name("q").is_some(),
            c.name("arrow").is_some(),
        );
        last = m.end();
    }
    push(
        &mut out,
        &text[last..],
        text.trim_end().ends_with('?'),
        false,
    );
    out
}

/// Correct close misspellings of key terms, word by word.
fn correct_typos(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String| {
        if word.len() >= 5 && !LEXICON.key_words.iter().any(|k| k == word) {
            let limit = if word.len() >= 8 { 2 } else { 1 };
            let mut best: Option<(&String, usize)> = None;
            let mut tie = false;
            for k in &LEXICON.key_words {
                if k.len().abs_diff(word.len()) > limit {
                    continue;
                }
                let d = strsim::damerau_levenshtein(word, k);
                if d <= limit {
                    match best {
                        Some((_, bd)) if bd < d => {}
                        Some((_, bd)) if bd == d => tie = true,
                        _ => {
                            best = Some((k, d));
                            tie = false;
                        }
                    }
                }
            }
            if let (Some((k, _)), false) = (best, tie) {
                out.push_str(k);
                word.clear();
                return;
            }
        }
        out.push_str(word);
        word.clear();
    };
    for ch in text.chars() {
        if ch.is_ascii_alphabetic() {
            word.push(ch);
        } else {
            flush(&mut word, &mut out);
            out.push(ch);
        }
    }
    flush(&mut word, &mut out);
    out
}

fn small_number(w: &str) -> Option<f64> {
    Some(match w {
        "a" | "an" | "one" => 1.0,
        "two" => 2.0,
        "three" => 3.0,
        "four" => 4.0,
        "five" => 5.0,
        "six" => 6.0,
        "seven" => 7.0,
        "eight" => 8.0,
        "nine" => 9.0,
        "ten" => 10.0,
        "eleven" => 11.0,
        "twelve" => 12.0,
        "fifteen" => 15.0,
        "twenty" => 20.0,
        "thirty" => 30.0,
        "forty" => 40.0,
        "fifty" => 50.0,
        "sixty" => 60.0,
        "ninety" => 90.0,
        _ => return None,
    })
}

/// Numbers in words as digits: "four nines" → "99.99%", "half a second" →
/// "0.5 second", "five thousand dollars" → "5000 dollars".
fn words_to_numbers(text: &str) -> String {
    static NINES: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\b(two|three|four|five|2|3|4|5)\s+nines\b").expect("nines"));
    static FRACTION: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"\b(?:(?:a|one)\s+)?(half|quarter)\s+(?:of\s+)?an?\s+(second|minute|hour|day)\b",
        )
        .expect("fraction")
    });
    static WORDS: LazyLock<Regex> = LazyLock::new(|| {
        let n = r"(?:an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|ninety|hundred|thousand|million)";
        Regex::new(&format!(
            r"\b(?P<w>{n}(?:[\s-]+(?:and\s+)?{n})*)\s+(?P<u>ms\b|milliseconds?|seconds?|minutes?|hours?|days?|dollars|usd|rps|requests|concurrent|users)"
        ))
        .expect("number words")
    });
    let t = NINES.replace_all(text, |c: &regex::Captures<'_>| {
        match &c[1] {
            "two" | "2" => "99%",
            "three" | "3" => "99.9%",
            "four" | "4" => "99.99%",
            _ => "99.999%",
        }
        .to_string()
    });
    let t = FRACTION.replace_all(&t, |c: &regex::Captures<'_>| {
        let f = if &c[1] == "half" { "0.5" } else { "0.25" };
        format!("{f} {}", &c[2])
    });
    WORDS
        .replace_all(&t, |c: &regex::Captures<'_>| {
            let mut total: f64 = 0.0;
            let mut current: f64 = 0.0;
            let mut any = false;
            for w in c["w"].split(|ch: char| ch.is_whitespace() || ch == '-') {
                match w {
                    "" | "and" => {}
                    "hundred" => current = current.max(1.0) * 100.0,
                    "thousand" => {
                        total += current.max(1.0) * 1000.0;
                        current = 0.0;
                    }
                    "million" => {
                        total += current.max(1.0) * 1_000_000.0;
                        current = 0.0;
                    }
                    w => {
                        if let Some(v) = small_number(w) {
                            current += v;
                            any = true;
                        }
                    }
                }
            }
            let v = total + current;
            if !any && v == 0.0 {
                return c[0].to_string();
            }
            format!("{} {}", crate::numfmt::trim(v), &c["u"])
        })
        .into_owned()
}

/// What a clause said, before the comment as a whole is settled.
#[derive(Debug, Default)]
struct Reading {
    directives: Vec<Directive>,
    /// Two or more readings: an open question.
    readings: Vec<String>,
    /// Why a reading was impossible (e.g. no region of the provider there).
    problem: Option<String>,
    /// Topics it mentions (for questions answered by directives).
    topics: Vec<String>,
    /// A question or concern rather than a request.
    asks: bool,
    /// Only courtesy ("thanks", "LGTM"): nothing to read, nothing to ask.
    filler: bool,
}

/// Context carried from clause to clause.
#[derive(Debug, Default, Clone)]
struct Carry {
    kind: Option<Kind>,
    tech: Option<(String, String)>,
    role: Option<String>,
    /// The last provider, region or place named.
    place: Option<Term>,
}

static NEGATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:no|not|never|without|avoid|don't|dont|do not|doesn't|does not|won't|stop using|stop|drop|remove|get rid of|rid of|nobody|no one|not doing|no longer|can't|cannot|lose the|ditch|kill)\b").expect("negation")
});
static NEG_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:is|are|seems|feels)\s+(?:\w+\s+)?(?:overkill|unnecessary|not needed|not necessary|too expensive|not worth it)|\bisn't needed|\baren't needed|\bnot needed\b").expect("negation after")
});
static USE_VERB: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:use|using|prefer|switch|switching|move|moving|migrate|port|go|goes|going|adopt|run|deploy|host|target|want|need|pick|choose|replace|swap|put|keep|stay|shift|build it|standardi[sz]e|let's)\b").expect("use verb")
});
static ADD_VERB: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:add|adding|put|want|need|needs|include|introduce|deploy|place|bring in)\b")
        .expect("add verb")
});
static PLACE_VERB: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:deploy|deployed|host|hosted|run|keep|kept|move|moved|put|stay|stays|region|only|data|there|migrate|serve|locate|located|go)\b").expect("place verb")
});
static ACCEPT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:live with|accept|fine with|ok with|okay with|happy with|settle for|go with|go to|target|aim for|make it|set it to|want|need|bump|raise|lower)\b").expect("accept")
});
static POLITE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:could|can|would|will|shall)\s+(?:we|you|it|i)\b|^would you mind\b|^(?:is it|would it be) possible\b|^how about\b|^why not\b|^maybe\b|^any chance\b").expect("polite")
});
static CONCERN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:worr(?:y|ies|ied)|concern(?:ed|s)?|not sure|unsure|unclear|confus|doubt|why|what about|risky)\b").expect("concern")
});
static REQUEST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:need|needs|should|must|have to|has to|make sure|ensure|require|requires|want|wants|please|let's)\b").expect("request")
});
/// "SQS is enough", "Postgres will do": a choice said as a judgement.
static ENOUGH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\b(?:is|are) (?:enough|sufficient|plenty|fine|good enough)\b|\bwill do\b|\bsuffices?\b",
    )
    .expect("enough")
});
static ASPIRATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:stretch goal|nice to have|nice-to-have|ideally|aspirational|would be nice|some day|someday|eventually|in the future|later on)\b").expect("aspiration")
});
static FILLER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:please|pls|plz|kindly|thanks|thank you|lgtm|nit|blocking|ok|okay|also|two things|one thing|a few things|mostly|looks good|great|overall)(?:\s+(?:please|pls|mostly|for this|overall|to me|otherwise))*$").expect("filler")
});
static SINGLE_REGION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:single[- ]region|one region|no multi[- ]?region|(?:don't|do not|doesn't) need (?:to be )?multi[- ]?region|without multi[- ]?region|no second region|no (?:dr|failover) region)\b|^no multi[- ]?region").expect("single region")
});
static COST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\bcheaper\b|\b(?:reduce|lower|cut|cutting|minimi[sz]e|trim|save on|bring down|shave)\b.*\b(?:costs?|spend|spending|bill)\b|\b(?:costs?|spend|bill)\b.*\b(?:down|lower|reduced|less)\b|\bsave (?:some )?money\b").expect("cost")
});
static COST_SHARE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:by\s+)?(?:a|one)\s+third\b|\bby\s+(?:a|one)\s+quarter\b|\b(?:in|by)\s+half\b|\bby\s+(?P<pct>\d+(?:\.\d+)?)\s*(?:%|percent)").expect("cost share")
});
static RELATIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?P<verb>halve|half|double|triple|quadruple)\s+(?:the\s+|our\s+)?(?:current\s+)?(?P<what>budget|throughput|peak(?:\s+load)?|load|traffic|capacity|rps|latency(?:\s+budget)?)\b|\bcut\s+the\s+(?P<what2>budget)\s+in\s+half\b").expect("relative")
});
static TIMES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?P<n>\d+(?:\.\d+)?)\s*(?:x|×|times)\s+(?:the\s+|our\s+)?(?:current\s+)?(?:peak|throughput|traffic|load)\b(?:\s+(?:of|at)\s+(?P<q>\d[\d,]*(?:\.\d+)?)\s*(?P<k>k)?\s*(?:rps|req/s|requests))?").expect("times")
});
static FROM_TO: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\bfrom\s+(?P<from>.+?)\s+to\s+").expect("from to"));
static INSTEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\s+(?:instead\s+of|rather\s+than|in\s+place\s+of)\s+(?P<y>.+)$|^(?:prefer|pick|choose)\s+\S+(?:\s+\S+)?(?P<over>\s+over\s+(?P<y3>.+))$|\s+instead$")
        .expect("instead")
});
static SWAP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:swap|trade)\s+(?P<y>.+?)\s+for\s+(?P<x>.+)$|\breplace\s+(?P<y2>.+?)\s+with\s+(?P<x2>.+)$")
        .expect("swap")
});
static NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?P<cur>\$|usd\s*)?(?P<n>\d[\d,]*(?:\.\d+)?)\s*(?P<k>k\b|thousand\b)?\s*(?P<u>%|percent\b|ms\b|milliseconds?\b|s\b|secs?\b|seconds?\b|mins?\b|minutes?\b|m\b|h\b|hrs?\b|hours?\b|d\b|days?\b|rps\b|req/s|requests?\s*(?:/|per|a)\s*s(?:ec(?:ond)?)?\b|usd\b|dollars\b|concurrent\s+(?:users|sessions|connections)\b|users\b)?(?P<money>\s*(?:/|per|a)\s*(?:month|mo)\b)?").expect("number")
});
static PERCENTILE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\bp(?P<p>50|90|95|99)\b|\b(?P<p2>50|90|95|99)(?:th)?\s+percentile\b")
        .expect("percentile")
});

/// The kind a keyword in a clause names, with the keyword's position.
fn kind_words(text: &str) -> Vec<(usize, Kind)> {
    static KW: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\b(?P<a>availability|uptime|sla|slo|nines|available|resilien\w*)\b|\b(?P<l>latency|response time|respond|responses?|answer|fast|slow|p50|p90|p95|p99)\b|\b(?P<rto>rto|recovery time|recover|recovery|restore|restored|back up and running|back online|downtime|down for|outage)\b|\b(?P<rpo>rpo|data loss|lose|lost|of data|recovery point)\b|\b(?P<b>budget|spend|spending|ceiling|cap|afford|cost|costs|bill)\b|\b(?P<t>throughput|rps|peak|traffic|load|requests)\b|\b(?P<u>concurrent|users|sessions)\b").expect("kind words")
    });
    KW.captures_iter(text)
        .filter_map(|c| {
            let m = c.get(0)?;
            let k = if c.name("a").is_some() {
                Kind::Availability
            } else if c.name("l").is_some() {
                Kind::Latency
            } else if c.name("rto").is_some() {
                Kind::Rto
            } else if c.name("rpo").is_some() {
                Kind::Rpo
            } else if c.name("b").is_some() {
                Kind::Budget
            } else if c.name("t").is_some() {
                Kind::Throughput
            } else {
                Kind::ConcurrentUsers
            };
            Some((m.start(), k))
        })
        .collect()
}

fn target(kind: Kind, value: f64, percentile: Option<u8>) -> Directive {
    Directive::Target {
        kind,
        value,
        percentile: if kind == Kind::Latency {
            percentile.or(Some(95))
        } else {
            None
        },
    }
}

fn seconds(unit: &str) -> Option<f64> {
    Some(match unit {
        "ms" | "millisecond" | "milliseconds" => 0.001,
        "s" | "sec" | "secs" | "second" | "seconds" => 1.0,
        "m" | "min" | "mins" | "minute" | "minutes" => 60.0,
        "h" | "hr" | "hrs" | "hour" | "hours" => 3600.0,
        "d" | "day" | "days" => 86400.0,
        _ => return None,
    })
}

/// Blank out spans (region ids, framework names, percentiles) so their digits
/// are not read as quantities.
fn blank(text: &str, spans: &[(usize, usize)]) -> String {
    let mut b = text.as_bytes().to_vec();
    for &(s, e) in spans {
        for x in b.iter_mut().take(e).skip(s) {
            *x = b' ';
        }
    }
    String::from_utf8(b).unwrap_or_else(|_| text.to_string())
}

fn topic_of(term: &Term) -> Option<String> {
    Some(match term {
        Term::Provider(_) => "provider".into(),
        Term::Region(_) | Term::Place(_) | Term::CatalogPlace(_) | Term::Geo(_) => "region".into(),
        Term::Platform(_) => "platform".into(),
        Term::Tech { name, role } => {
            if role.is_empty() {
                format!("tech:{name}")
            } else {
                format!("role:{role}")
            }
        }
        Term::Component(r) => format!("role:{r}"),
        Term::Framework(_) => "compliance".into(),
    })
}

/// Topics a text is about (for questions a later directive answers).
pub fn topics(text: &str) -> Vec<String> {
    let lower = correct_typos(&text.to_lowercase());
    let mut t: Vec<String> = LEXICON
        .find(&lower)
        .iter()
        .filter_map(|f| topic_of(&f.term))
        .collect();
    for f in LEXICON.find(&lower) {
        if let Term::Tech { name, .. } = f.term {
            t.push(format!("tech:{name}"));
        }
    }
    for (_, k) in kind_words(&lower) {
        t.push(crate::review::directives::kind_key(k).to_string());
    }
    if lower.contains("multi-az") || lower.contains("multi az") || lower.contains("redundan") {
        t.push("availability".into());
    }
    if lower.contains("expensive") || lower.contains("cheap") {
        t.push("cost".into());
    }
    t.sort();
    t.dedup();
    t
}

struct Reader<'a> {
    ctx: &'a ReadContext,
    provider: Provider,
}

impl Reader<'_> {
    fn region_of(&self, term: &Term) -> Result<Option<String>, String> {
        match term {
            Term::Region(r) => Ok(Some(r.clone())),
            Term::Place(i) => match LEXICON.place_region(*i, self.provider) {
                Some(r) => Ok(Some(r)),
                None => Err(format!(
                    "{} has no region in {}",
                    self.provider_name(),
                    title(&LEXICON.place_name(*i))
                )),
            },
            Term::CatalogPlace(n) => match LEXICON.catalog_place_region(n, self.provider) {
                Some(r) => Ok(Some(r)),
                None => Err(format!(
                    "{} has no region in {}",
                    self.provider_name(),
                    title(n)
                )),
            },
            Term::Geo(g) => match geo_region(g, self.provider) {
                Some(r) => Ok(Some(r)),
                None => Err(format!(
                    "the {} catalog has no region in {g}",
                    self.provider_name()
                )),
            },
            _ => Ok(None),
        }
    }

    fn provider_name(&self) -> &'static str {
        match self.provider {
            Provider::Aws => "AWS",
            Provider::Gcp => "Google Cloud",
            Provider::Azure => "Azure",
        }
    }

    /// Read one clause (lower case, typos corrected, numbers in digits).
    fn clause(&self, raw: &str, question: bool, from: bool, carry: &mut Carry) -> Reading {
        let mut r = Reading::default();
        let mut text = raw.trim().to_string();
        let polite = POLITE.is_match(&text);
        r.asks = !polite && (question || CONCERN.is_match(&text));

        // What is moved away from or replaced only gives context.
        let mut away = String::new();
        if let Some(c) = SWAP.captures(&text) {
            let y = c
                .name("y")
                .or(c.name("y2"))
                .map(|m| m.as_str())
                .unwrap_or("");
            let x = c
                .name("x")
                .or(c.name("x2"))
                .map(|m| m.as_str())
                .unwrap_or("");
            away = y.to_string();
            text = format!("use {x}");
        }
        if let Some(c) = FROM_TO.captures(&text) {
            away.push(' ');
            away.push_str(&c["from"]);
            text = FROM_TO.replace(&text, "to ").into_owned();
        }
        if let Some(c) = INSTEAD.captures(&text) {
            if let Some(y) = c.name("y").or(c.name("y3")) {
                away.push(' ');
                away.push_str(y.as_str());
            }
            text = match c.name("over") {
                Some(o) => text[..o.start()].to_string(),
                None => INSTEAD.replace(&text, "").into_owned(),
            };
        }
        let found: Vec<Found> = LEXICON.find(&text);
        r.topics = topics(raw);
        let mut kinds = kind_words(&text);
        if FILLER.is_match(&text) {
            r.filler = true;
            return r;
        }
        if from || ASPIRATION.is_match(&text) {
            self.remember(&found, &kinds, carry);
            return r;
        }
        if r.asks {
            // A question or a worry asks; it does not request.
            self.remember(&found, &kinds, carry);
            return r;
        }

        let neg_at = NEGATION.find(&text).map(|m| m.start());
        let neg_after = NEG_AFTER.is_match(&text);
        let negated = |f: &Found| neg_after || neg_at.is_some_and(|n| n <= f.start);
        let has_use = USE_VERB.is_match(&text) || polite;
        let has_add = ADD_VERB.is_match(&text);
        let bare = |f: &Found| {
            let rest = format!("{}{}", &text[..f.start], &text[f.end..]);
            let rest = rest
                .replace(['.', ',', '!'], " ")
                .split_whitespace()
                .filter(|w| {
                    ![
                        "please", "pls", "plz", "the", "a", "an", "for", "it", "thanks", "instead",
                        "then", "only", "too",
                    ]
                    .contains(w)
                })
                .count();
            rest == 0
        };

        // "A or B": two readings, asked rather than guessed.
        if (text.contains(" or ") || text.contains("whichever") || text.contains("either"))
            && !found.is_empty()
        {
            let mut readings: Vec<String> = Vec::new();
            for f in &found {
                let d = match &f.term {
                    Term::Tech { name, .. } => Some(Directive::UseTechnology {
                        name: name.clone(),
                        role: None,
                    }),
                    Term::Provider(p) => Some(Directive::Provider { provider: *p }),
                    Term::Platform(p) => Some(Directive::Platform {
                        platform: (*p).into(),
                    }),
                    t => self
                        .region_of(t)
                        .ok()
                        .flatten()
                        .map(|region| Directive::Region { region }),
                };
                if let Some(d) = d {
                    let s = d.describe();
                    if !readings.contains(&s) {
                        readings.push(s);
                    }
                }
            }
            if readings.len() >= 2 {
                r.readings = readings;
                return r;
            }
        }

        if SINGLE_REGION.is_match(&text) {
            r.directives.push(Directive::SingleRegion);
            r.topics.push("region".into());
            return r;
        }

        // Relative changes against the current design.
        let mut relative_kind = None;
        if let Some(c) = RELATIVE.captures(&text) {
            let what = c
                .name("what")
                .or(c.name("what2"))
                .map(|m| m.as_str())
                .unwrap_or("");
            let factor = match c.name("verb").map(|m| m.as_str()) {
                Some("double") => 2.0,
                Some("triple") => 3.0,
                Some("quadruple") => 4.0,
                _ => 0.5,
            };
            let (kind, current) = if what.starts_with("budget") {
                (Kind::Budget, self.ctx.budget_usd)
            } else if what.starts_with("latency") {
                (Kind::Latency, self.ctx.latency_ms)
            } else {
                (Kind::Throughput, self.ctx.throughput_rps)
            };
            relative_kind = Some(kind);
            match current {
                Some(v) => r.directives.push(target(kind, v * factor, None)),
                None => {
                    r.problem = Some(format!(
                        "the design states no current {} to change",
                        crate::review::directives::kind_key(kind)
                    ))
                }
            }
        } else if let Some(c) = TIMES.captures(&text) {
            let n: f64 = c["n"].parse().unwrap_or(1.0);
            let base = match c.name("q") {
                Some(q) => q
                    .as_str()
                    .replace(',', "")
                    .parse::<f64>()
                    .ok()
                    .map(|v| if c.name("k").is_some() { v * 1000.0 } else { v }),
                None => self.ctx.throughput_rps,
            };
            relative_kind = Some(Kind::Throughput);
            match base {
                Some(b) => r.directives.push(target(Kind::Throughput, n * b, None)),
                None => r.problem = Some("the design states no current peak".into()),
            }
        }

        // Cost reduction, with the share to save when one is said.
        let cost_clause =
            COST.is_match(&text) && relative_kind.is_none() && !text.starts_with("whichever");
        if cost_clause {
            let share = COST_SHARE.captures(&text).and_then(|c| {
                let m = c.get(0)?.as_str();
                if let Some(p) = c.name("pct") {
                    p.as_str().parse::<f64>().ok().map(|p| p / 100.0)
                } else if m.contains("third") {
                    Some(1.0 / 3.0)
                } else if m.contains("quarter") {
                    Some(0.25)
                } else {
                    Some(0.5)
                }
            });
            r.directives.push(Directive::ReduceCost {
                target: share.filter(|s| *s > 0.0 && *s < 1.0),
            });
        }

        // Quantities, each bound to this clause's own kind words.
        let mut spans: Vec<(usize, usize)> = found
            .iter()
            .filter(|f| !matches!(f.term, Term::Tech { .. } | Term::Component(_)))
            .map(|f| (f.start, f.end))
            .collect();
        let percentile = PERCENTILE.captures(&text).and_then(|c| {
            let m = c.get(0)?;
            spans.push((m.start(), m.end()));
            c.name("p")
                .or(c.name("p2"))
                .and_then(|p| p.as_str().parse::<u8>().ok())
        });
        if percentile.is_some() && !kinds.iter().any(|(_, k)| *k == Kind::Latency) {
            kinds.push((0, Kind::Latency));
        }
        if relative_kind.is_none() && !cost_clause {
            let scan = blank(&text, &spans);
            let mut seen: Vec<Kind> = Vec::new();
            for c in NUMBER.captures_iter(&scan) {
                let m = c.get(0).expect("match");
                let ns = c.name("n").expect("n").start();
                // Digits glued to letters ("ec2", "s3", "r5") are names.
                if scan[..ns]
                    .chars()
                    .next_back()
                    .is_some_and(|ch| ch.is_ascii_alphanumeric() || ch == '.' || ch == '-')
                {
                    continue;
                }
                // "not 15": the value being corrected, not the new one.
                if scan[..m.start()].trim_end().ends_with("not") {
                    continue;
                }
                let Ok(mut v) = c["n"].replace(',', "").parse::<f64>() else {
                    continue;
                };
                if c.name("k").is_some() {
                    v *= 1000.0;
                }
                let unit = c
                    .name("u")
                    .map(|u| u.as_str().split_whitespace().collect::<Vec<_>>().join(" "))
                    .unwrap_or_default();
                let money = c.name("cur").is_some() || c.name("money").is_some();
                let nearest = |allowed: &[Kind]| {
                    kinds
                        .iter()
                        .filter(|(_, k)| allowed.contains(k))
                        .min_by_key(|(at, _)| at.abs_diff(ns))
                        .map(|(_, k)| *k)
                };
                let d: Option<Directive> = if unit == "%" || unit == "percent" {
                    (v > 50.0 && v <= 100.0).then(|| target(Kind::Availability, v, None))
                } else if money || unit == "usd" || unit == "dollars" {
                    (v >= 1.0).then(|| target(Kind::Budget, v, None))
                } else if unit.starts_with("concurrent") || unit == "users" {
                    Some(target(Kind::ConcurrentUsers, v, None))
                } else if unit == "rps" || unit.starts_with("req") {
                    Some(target(Kind::Throughput, v, None))
                } else if let Some(s) = seconds(&unit) {
                    let secs = v * s;
                    let dr = nearest(&[Kind::Rto, Kind::Rpo]);
                    match dr.or(if unit == "ms" || unit.starts_with("milli") {
                        Some(Kind::Latency)
                    } else {
                        None
                    }) {
                        Some(Kind::Latency) => {
                            Some(target(Kind::Latency, secs * 1000.0, percentile))
                        }
                        Some(k) => Some(target(k, secs, None)),
                        None => {
                            let lat = nearest(&[Kind::Latency]).is_some()
                                || (s <= 1.0 && carry.kind == Some(Kind::Latency));
                            let carried = carry.kind.filter(|k| matches!(k, Kind::Rto | Kind::Rpo));
                            // A second or less with no recovery word in sight is a response time.
                            if lat || (s <= 1.0 && carried.is_none()) {
                                Some(target(Kind::Latency, secs * 1000.0, percentile))
                            } else if let Some(k) = carried {
                                Some(target(k, secs, None))
                            } else {
                                r.readings = vec![
                                    target(Kind::Rto, secs, None).describe(),
                                    target(Kind::Rpo, secs, None).describe(),
                                ];
                                None
                            }
                        }
                    }
                } else {
                    // A bare number: the clause's kind word says what it is.
                    let k = nearest(&[
                        Kind::Availability,
                        Kind::Latency,
                        Kind::Budget,
                        Kind::Throughput,
                        Kind::ConcurrentUsers,
                    ])
                    .or_else(|| carry.kind.filter(|k| !matches!(k, Kind::Rto | Kind::Rpo)));
                    let nines = (90.0..100.0).contains(&v) && c["n"].contains('.');
                    match k {
                        Some(Kind::Availability) => {
                            (v > 50.0 && v <= 100.0).then(|| target(Kind::Availability, v, None))
                        }
                        Some(Kind::Latency) => Some(target(Kind::Latency, v, percentile)),
                        Some(Kind::Budget) => (v >= 1.0).then(|| target(Kind::Budget, v, None)),
                        Some(k) => Some(target(k, v, None)),
                        None if nines && ACCEPT.is_match(&text) => {
                            Some(target(Kind::Availability, v, None))
                        }
                        None if text.trim() == c["n"].trim() => {
                            r.readings = vec![target(Kind::Availability, v, None).describe()];
                            None
                        }
                        None => None,
                    }
                };
                if let Some(d) = d {
                    let k = match &d {
                        Directive::Target { kind, .. } => *kind,
                        _ => unreachable!("targets only"),
                    };
                    // One value per kind per clause: the first one said.
                    if !seen.contains(&k) {
                        seen.push(k);
                        r.directives.push(d);
                        r.topics
                            .push(crate::review::directives::kind_key(k).to_string());
                    }
                }
            }
        }

        // Named things: providers, regions and places, platforms,
        // technologies, components, frameworks.
        let mut tech_used = false;
        let mut component_done = false;
        for f in &found {
            let neg = negated(f);
            match &f.term {
                Term::Provider(p) => {
                    let on_start = text.starts_with("on ") || text.contains(" on ");
                    if !neg && (has_use || bare(f) || on_start) {
                        r.directives.push(Directive::Provider { provider: *p });
                    }
                }
                t @ (Term::Region(_) | Term::Place(_) | Term::CatalogPlace(_) | Term::Geo(_)) => {
                    let explicit = matches!(t, Term::Region(_));
                    if neg || !(explicit || PLACE_VERB.is_match(&text) || bare(f)) {
                        continue;
                    }
                    match self.region_of(t) {
                        Ok(Some(region)) => r.directives.push(Directive::Region { region }),
                        Ok(None) => {}
                        Err(why) => r.problem = Some(why),
                    }
                }
                Term::Platform(p) => {
                    if neg {
                        r.directives.push(Directive::ForbidPlatform {
                            platform: (*p).into(),
                        });
                    } else if has_use || bare(f) {
                        r.directives.push(Directive::Platform {
                            platform: (*p).into(),
                        });
                    }
                }
                Term::Tech { name, role } => {
                    if neg {
                        r.directives
                            .push(Directive::ForbidTechnology { name: name.clone() });
                    } else if (has_use
                        || bare(f)
                        || text.contains(" for ")
                        || ENOUGH.is_match(&text))
                        && !tech_used
                    {
                        r.directives.push(Directive::UseTechnology {
                            name: name.clone(),
                            role: (!role.is_empty()).then(|| role.clone()),
                        });
                        tech_used = true;
                    }
                }
                Term::Component(role) => {
                    if component_done || tech_used {
                        continue;
                    }
                    if neg {
                        r.directives.push(Directive::DropComponent {
                            role: role.clone(),
                            reason: String::new(),
                        });
                        component_done = true;
                    } else if has_add {
                        r.directives.push(Directive::AddComponent {
                            role: role.clone(),
                            reason: String::new(),
                        });
                        component_done = true;
                    }
                }
                Term::Framework(fw) => {
                    if neg {
                        r.directives.push(Directive::DropCompliance {
                            framework: (*fw).into(),
                        });
                    } else if has_add
                        || text.contains("comply")
                        || text.contains("scope")
                        || text.contains("require")
                        || text.contains("must")
                    {
                        r.directives.push(Directive::AddCompliance {
                            framework: (*fw).into(),
                        });
                    }
                }
            }
        }
        // A component named with the technology ("sqs for the queue") is the
        // technology's role, not a component to add.
        if tech_used {
            let role = found.iter().find_map(|f| match &f.term {
                Term::Component(r) => Some(r.clone()),
                _ => None,
            });
            if let Some(role) = role {
                for d in r.directives.iter_mut() {
                    if let Directive::UseTechnology { role: ro, .. } = d
                        && ro.is_none()
                    {
                        *ro = Some(role.clone());
                    }
                }
            }
        }

        // "use X" for a technology the lexicon does not know.
        if found.is_empty() && r.directives.is_empty() {
            static UNKNOWN_USE: LazyLock<Regex> = LazyLock::new(|| {
                Regex::new(r"^(?:let's\s+)?(?:use|prefer|adopt|go with|switch to|standardi[sz]e on)\s+(?P<t>[a-z][\w.+-]*(?:\s+[a-z][\w.+-]*)?)(?:\s+for\s+(?:the\s+|our\s+)?(?P<r>[a-z]+(?:\s+[a-z]+)?))?$").expect("unknown use")
            });
            if let Some(c) = UNKNOWN_USE.captures(&text) {
                let t = c["t"].to_string();
                const NOT_NAMES: [&str; 14] = [
                    "it",
                    "this",
                    "that",
                    "the",
                    "a",
                    "an",
                    "more",
                    "less",
                    "something",
                    "another",
                    "other",
                    "them",
                    "those",
                    "these",
                ];
                let first = t.split_whitespace().next().unwrap_or("");
                if !NOT_NAMES.contains(&first) {
                    let role = c.name("r").map(|m| m.as_str().to_string()).map(|w| {
                        LEXICON.component(&w).unwrap_or_else(|| match w.as_str() {
                            "database" | "db" => "relational_db".into(),
                            "logging" => "logs".into(),
                            "monitoring" => "metrics".into(),
                            _ => w,
                        })
                    });
                    r.directives
                        .push(Directive::UseTechnology { name: t, role });
                }
            }
        }

        // Pronouns and "there": the thing named just before.
        if r.directives.is_empty() && r.readings.is_empty() {
            static PRONOUN: LazyLock<Regex> = LazyLock::new(|| {
                Regex::new(r"\b(?:it|that|them|this|there|the whole thing|everything)\b")
                    .expect("pronoun")
            });
            if PRONOUN.is_match(&text) {
                let moving = Regex::new(r"\b(?:move|migrate|put|deploy|host|run|go|shift|port)\b")
                    .expect("move")
                    .is_match(&text);
                let dropping = neg_at.is_some();
                if moving && !dropping {
                    match &carry.place {
                        Some(Term::Provider(p)) => {
                            r.directives.push(Directive::Provider { provider: *p })
                        }
                        Some(t) => match self.region_of(t) {
                            Ok(Some(region)) => r.directives.push(Directive::Region { region }),
                            Ok(None) => {}
                            Err(why) => r.problem = Some(why),
                        },
                        None => {}
                    }
                } else if dropping {
                    if let Some(role) = &carry.role {
                        r.directives.push(Directive::DropComponent {
                            role: role.clone(),
                            reason: String::new(),
                        });
                    } else if let Some((name, _)) = &carry.tech {
                        r.directives
                            .push(Directive::ForbidTechnology { name: name.clone() });
                    }
                } else if has_use && let Some((name, role)) = &carry.tech {
                    r.directives.push(Directive::UseTechnology {
                        name: name.clone(),
                        role: (!role.is_empty()).then(|| role.clone()),
                    });
                }
            }
        }
        // A request nothing here could read ("the runbooks need an owner")
        // is asked back, not dropped as context.
        if r.directives.is_empty()
            && r.readings.is_empty()
            && r.problem.is_none()
            && REQUEST.is_match(&text)
        {
            r.asks = true;
        }
        self.remember(&found, &kinds, carry);
        r
    }

    fn remember(&self, found: &[Found], kinds: &[(usize, Kind)], carry: &mut Carry) {
        if let Some((_, k)) = kinds.last() {
            carry.kind = Some(*k);
        }
        for f in found {
            match &f.term {
                Term::Tech { name, role } => carry.tech = Some((name.clone(), role.clone())),
                Term::Component(r) => carry.role = Some(r.clone()),
                t @ (Term::Provider(_)
                | Term::Region(_)
                | Term::Place(_)
                | Term::CatalogPlace(_)
                | Term::Geo(_)) => carry.place = Some(t.clone()),
                _ => {}
            }
        }
    }
}

fn title(s: &str) -> String {
    s.split(' ')
        .map(|w| {
            let mut c = w.chars();
            match c.next() {
                Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn read_with(feedback: &str, ctx: &ReadContext, provider: Provider) -> Parsed {
    let reader = Reader { ctx, provider };
    let clauses = split(feedback);
    let mut carry = Carry::default();
    let mut readings: Vec<(Clause, Reading)> = Vec::new();
    for c in clauses {
        let lower = c.original.to_lowercase().replace(['’', '‘'], "'");
        let text = words_to_numbers(&correct_typos(&lower));
        let r = reader.clause(&text, c.question, c.from, &mut carry);
        readings.push((c, r));
    }
    let mut out = Parsed::default();
    for (_, r) in &readings {
        for d in &r.directives {
            // A later value of the same kind replaces an earlier one.
            out.directives.retain(|x| !same_slot(x, d));
            out.directives.push(d.clone());
        }
    }
    // "Aurora please, not vanilla Postgres": a "not X" clause beside a chosen
    // technology of the same role names what it replaces, not a ban.
    let contrast: Vec<String> = readings
        .iter()
        .filter(|(c, _)| c.original.to_lowercase().starts_with("not "))
        .flat_map(|(_, r)| r.directives.iter())
        .filter_map(|d| match d {
            Directive::ForbidTechnology { name } => Some(name.clone()),
            _ => None,
        })
        .collect();
    let chosen_roles: Vec<String> = out
        .directives
        .iter()
        .filter_map(|d| match d {
            Directive::UseTechnology { name, role } => {
                role.clone().or_else(|| LEXICON.tech(name).map(|(_, r)| r))
            }
            _ => None,
        })
        .collect();
    out.directives.retain(|d| match d {
        Directive::ForbidTechnology { name } if contrast.contains(name) => {
            let role = LEXICON.tech(name).map(|(_, r)| r);
            !role.is_some_and(|r| chosen_roles.contains(&r))
        }
        _ => true,
    });
    // Reasons: what the reviewer said around a drop or an add.
    let context: Vec<&str> = readings
        .iter()
        .filter(|(_, r)| r.directives.is_empty() && r.readings.is_empty() && !r.asks)
        .map(|(c, _)| c.original.as_str())
        .collect();
    for d in out.directives.iter_mut() {
        if let Directive::DropComponent { reason, .. } | Directive::AddComponent { reason, .. } = d
            && reason.is_empty()
        {
            *reason = context.join("; ");
        }
    }
    let answered: Vec<String> = out.directives.iter().flat_map(|d| d.topics()).collect();
    let mut questions = Vec::new();
    for (c, r) in &readings {
        if !r.readings.is_empty() {
            questions.push(format!(
                "{} (could mean: {})",
                c.original,
                r.readings.join(" or ")
            ));
        } else if let Some(p) = &r.problem {
            questions.push(format!("{} ({p})", c.original));
        } else if r.asks && !r.topics.iter().any(|t| answered.contains(t)) {
            questions.push(if c.question {
                format!("{}?", c.original)
            } else {
                c.original.clone()
            });
        }
    }
    if out.directives.is_empty() && questions.is_empty() && readings.iter().any(|(_, r)| !r.filler)
    {
        let whole = feedback.split_whitespace().collect::<Vec<_>>().join(" ");
        let whole = whole.trim_end_matches(['.', '!']).to_string();
        if !whole.is_empty() {
            questions.push(whole);
        }
    }
    out.unrecognised = questions;
    out
}

/// Two directives set the same thing (the later one wins).
fn same_slot(a: &Directive, b: &Directive) -> bool {
    use Directive::*;
    match (a, b) {
        (Provider { .. }, Provider { .. })
        | (Region { .. }, Region { .. })
        | (Platform { .. }, Platform { .. })
        | (ReduceCost { .. }, ReduceCost { .. })
        | (SingleRegion, SingleRegion) => true,
        (
            Target {
                kind: k1,
                percentile: p1,
                ..
            },
            Target {
                kind: k2,
                percentile: p2,
                ..
            },
        ) => k1 == k2 && p1 == p2,
        _ => a == b,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spelled(text: &str) -> Vec<String> {
        parse(text).directives.iter().map(|d| d.spell()).collect()
    }

    #[test]
    fn clauses_split_at_boundaries() {
        let c = split("Why GCP? We run AWS — move it: now -> later; done. Next");
        let texts: Vec<_> = c.iter().map(|c| c.original.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Why GCP",
                "We run AWS",
                "move it",
                "now",
                "later",
                "done",
                "Next"
            ]
        );
        assert!(c[0].question);
        assert!(c[3].from);
        // Decimals, regions and thousands never split.
        let c = split("availability 99.95%, region eu-west-1 and $2,000");
        assert_eq!(c.len(), 3, "{c:?}");
    }

    #[test]
    fn numbers_in_words() {
        assert_eq!(words_to_numbers("four nines"), "99.99%");
        assert_eq!(words_to_numbers("half a second"), "0.5 second");
        assert_eq!(words_to_numbers("a quarter of a second"), "0.25 second");
        assert_eq!(words_to_numbers("ten minutes"), "10 minutes");
        assert_eq!(
            words_to_numbers("five thousand dollars a month"),
            "5000 dollars a month"
        );
        assert_eq!(words_to_numbers("twenty five minutes"), "25 minutes");
    }

    #[test]
    fn typos_of_key_terms_are_corrected() {
        assert_eq!(correct_typos("avalability 99.95%"), "availability 99.95%");
        assert_eq!(correct_typos("no reddis"), "no redis");
        assert_eq!(correct_typos("avoid memcahced"), "avoid memcached");
        // Ordinary words stay.
        assert_eq!(correct_typos("the reads are cheap"), "the reads are cheap");
    }

    #[test]
    fn numbers_bind_to_their_clause() {
        assert_eq!(spelled("keep it under 500ms"), ["set latency=500"]);
        assert_eq!(
            spelled("we can live with 99.95 — four nines is a stretch goal"),
            ["set availability=99.95"]
        );
        assert_eq!(
            spelled("Plan for 3x the current peak of 2,000 rps."),
            ["set throughput=6000"]
        );
    }

    #[test]
    fn ambiguous_becomes_a_question_with_both_readings() {
        let p = parse("we can tolerate two hours");
        assert!(p.directives.is_empty());
        assert_eq!(
            p.unrecognised,
            ["we can tolerate two hours (could mean: RTO 2 h or RPO 2 h)"]
        );
    }

    #[test]
    fn unrecognised_concerns_stay_questions() {
        let got =
            parse("Move to GCP; availability 99.99%, no Redis. Also the on-call rota worries me.");
        assert_eq!(got.directives.len(), 3, "{got:?}");
        assert_eq!(got.unrecognised, ["Also the on-call rota worries me"]);
        let got = parse("I am not sure about this design");
        assert!(got.directives.is_empty());
        assert_eq!(got.unrecognised, ["I am not sure about this design"]);
    }

    #[test]
    fn courtesy_alone_is_nothing() {
        for t in ["thanks!", "LGTM", "Thanks, looks good to me."] {
            let p = parse(t);
            assert!(
                p.directives.is_empty() && p.unrecognised.is_empty(),
                "{t}: {p:?}"
            );
        }
    }

    #[test]
    fn a_request_not_understood_is_asked_back() {
        let got = parse("availability 99.9%; the runbooks need an owner");
        assert_eq!(got.directives.len(), 1);
        assert_eq!(got.unrecognised, ["the runbooks need an owner"]);
        // Context around a request is not.
        let got = parse("Finance gave us a hard ceiling. It's $2,000 a month, no more.");
        assert!(got.unrecognised.is_empty(), "{got:?}");
    }

    #[test]
    fn region_of_another_place_on_this_provider() {
        let ctx = ReadContext {
            provider: Provider::Gcp,
            ..ReadContext::default()
        };
        let p = read("host it in Ireland", &ctx);
        assert!(p.directives.is_empty());
        assert_eq!(
            p.unrecognised,
            ["host it in Ireland (Google Cloud has no region in Ireland)"]
        );
    }

    proptest::proptest! {
        #[test]
        fn never_panics_and_never_asks_nothing(s in "\\PC{0,120}") {
            let p = parse(&s);
            for q in &p.unrecognised {
                proptest::prop_assert!(!q.trim().is_empty());
            }
        }

        #[test]
        fn a_word_that_is_not_courtesy_is_never_dropped(w in "[b-df-hj-np-tv-z]{6,12}") {
            // A made-up word reads as nothing, so it must come back as a question.
            let p = parse(&w);
            proptest::prop_assert!(!p.directives.is_empty() || !p.unrecognised.is_empty());
        }
    }
}
