//! Named technologies and whether the document chooses or rejects them.
//!
//! A mention is a choice unless its context says otherwise: a negation in
//! its clause ("No Kubernetes", "we will not use Redis", "(no Azure, GCP)"),
//! a rejected or out-of-scope heading, an undecided alternative ("Vercel/Netlify",
//! "S3, Azure Blob, or Supabase storage"), or a hypothetical ("future",
//! "migration path", "could", "e.g."). Hypothetical and undecided mentions are
//! neither chosen nor rejected and are dropped. "X only" pins a choice even
//! under an out-of-scope heading ("Multi-cloud: AWS only").
//!
//! Beyond a plain choice or rejection, a mention may be *compared* (an option
//! weighed in a pros/cons section, an alternative in a chain "X/Y", "X or a
//! binary", a user's or operator's choice "any provider (AWS, GCP, …)") or
//! only *mentioned* (a provider's webhook, OAuth or console the app talks to,
//! a link title, a development-only tool). Compared and mentioned names
//! decide nothing: they never become the cloud or platform. The words live in
//! the `[stance]` table of `data/technologies.toml`.
//!
//! Each mention also carries the authority of its section (a tech-stack,
//! infrastructure or decision section over a story's acceptance criteria);
//! [`settle`] combines it with the document's kind so that the most
//! authoritative statement about a technology wins.

use std::sync::LazyLock;

use super::re::Regex;
use serde::Deserialize;

use super::context::Seg;
use super::vocab::{VOCAB, alias_key, compile, in_text};
use crate::markdown::{BlockKind, Parsed};
use crate::requirements::{DocKind, Stance};

/// The `[stance]` word lists of `data/technologies.toml`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StanceFile {
    decided: String,
    negation_article: String,
    third_party: String,
    options_lead: String,
    options_tail: String,
    dev_only: String,
    reference_heading: String,
    comparison_label: String,
    comparing_paragraph: String,
    instead: String,
    mentioned_after: String,
    mentioned_before: String,
    other_team: String,
    rejected_later: String,
    alternative_word: String,
}

#[derive(Deserialize)]
struct TechFileStance {
    stance: StanceFile,
}

/// Compiled stance words.
struct Words {
    decided: Regex,
    negation_article: Regex,
    third_party: Regex,
    options_lead: Regex,
    options_tail: Regex,
    dev_only: Regex,
    reference_heading: Regex,
    comparison_label: Regex,
    /// A paragraph that says it compares ("we compared", "we evaluated").
    comparing_paragraph: Regex,
    /// A sentence naming the choice made against a weighed option ("… instead.").
    instead: Regex,
    /// A name someone only brought up ("X was mentioned in the kickoff").
    mentioned_after: Regex,
    mentioned_before: Regex,
    /// Another team's use ("the Insights team uses X").
    other_team: Regex,
    /// A weighed option turned down later in its sentence.
    rejected_later: Regex,
    /// Case-sensitive: a product name is capitalised ("Render", "MinIO").
    alternative_word: Regex,
    /// Sections whose statements decide the stack.
    authoritative_heading: Regex,
    /// Sections that only tell a story's or an epic's work.
    story_heading: Regex,
}

static WORDS: LazyLock<Words> = LazyLock::new(|| {
    // Compiled in and covered by tests: a bad pattern is a build defect.
    let f: TechFileStance = serde_json::from_str(crate::builtin_json!("technologies.toml"))
        .unwrap_or_else(|e| panic!("data/technologies.toml [stance]: {e}"));
    let w = f.stance;
    Words {
        decided: compile(&w.decided, true),
        negation_article: compile(&w.negation_article, true),
        third_party: compile(&w.third_party, true),
        options_lead: compile(&w.options_lead, true),
        options_tail: compile(&w.options_tail, true),
        dev_only: compile(&w.dev_only, true),
        reference_heading: compile(&w.reference_heading, true),
        comparison_label: compile(&w.comparison_label, true),
        comparing_paragraph: compile(&w.comparing_paragraph, true),
        instead: compile(&w.instead, true),
        mentioned_after: compile(&w.mentioned_after, true),
        mentioned_before: compile(&w.mentioned_before, true),
        other_team: compile(&w.other_team, true),
        rejected_later: compile(&w.rejected_later, true),
        alternative_word: compile(&w.alternative_word, false),
        authoritative_heading: compile(
            r"\b(?:tech(?:nology)?[- ]?stack|stack|infrastructure|deployment|hosting|platform|decision(?: outcome)?|architecture decisions?|technical (?:assumptions|constraints|decisions)|runtime|cloud|environments?)\b|技术栈|技術スタック|技术选型|基础设施|インフラ|部署|デプロイ",
            true,
        ),
        story_heading: compile(
            r"\b(?:story|stories|epic|acceptance criteria|tasks?|subtasks?|dev notes|testing|tests?)\b",
            true,
        ),
    }
});

/// Build the stance words (their patterns compile on first use; the test
/// in `re` compiles every one).
#[cfg(test)]
pub(super) fn build_words() {
    LazyLock::force(&WORDS);
}

/// How strongly a mention decides.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Decision {
    Chosen = 0,
    Rejected = 1,
    /// "AWS only": outranks a rejection elsewhere.
    Pinned = 2,
}

impl Decision {
    pub fn stance(self) -> Stance {
        match self {
            Decision::Rejected => Stance::Rejected,
            Decision::Chosen | Decision::Pinned => Stance::Chosen,
        }
    }
}

/// One decided mention.
#[derive(Debug, Clone)]
pub struct Mention {
    /// Index into the vocabulary's technologies.
    pub tech: usize,
    pub decision: Decision,
    pub block: usize,
    /// The matched text, to find its line.
    pub needle: String,
    /// How much the section speaks for the stack: 2 tech stack,
    /// infrastructure, deployment or decision; 1 anything else; 0 a story,
    /// task or test section.
    pub section: u8,
}

/// How authoritative a section is, from its heading chain (innermost first).
fn section_rank(heading: &str) -> u8 {
    let w = &*WORDS;
    let inner = heading.split(" / ").next().unwrap_or("");
    if in_text(&w.authoritative_heading, inner) {
        2
    } else if in_text(&w.story_heading, heading) {
        0
    } else if in_text(&w.authoritative_heading, heading) {
        2
    } else {
        1
    }
}

/// Authority of a document kind: architecture over PRD over story or epic.
pub fn doc_rank(kind: DocKind) -> u8 {
    match kind {
        DocKind::AppArch | DocKind::DataArch | DocKind::InfraArch | DocKind::Plan => 2,
        DocKind::Prd | DocKind::Spec | DocKind::Other => 1,
        DocKind::Epics | DocKind::Stories => 0,
    }
}

/// Bounds of the phrase around a mention: `.` `;` `:` `(` `)` `|` and CJK
/// punctuation end it, so "(no Azure, GCP)" is its own phrase.
fn phrase_bounds(text: &str, start: usize, end: usize) -> (usize, usize) {
    let stop = |c: char| {
        matches!(
            c,
            ';' | ':'
                | '('
                | ')'
                | '|'
                | '。'
                | '；'
                | '：'
                | '（'
                | '）'
                | '，'
                | '\n'
                | '!'
                | '?'
        )
    };
    let mut s = 0;
    for (i, c) in text[..start].char_indices() {
        let full_stop = c == '.' && text[i + 1..].starts_with(' ');
        if stop(c) || full_stop {
            s = i + c.len_utf8();
        }
    }
    let mut e = text.len();
    for (i, c) in text[end..].char_indices() {
        let full_stop = c == '.' && text[end + i + 1..].starts_with(' ');
        if stop(c) || full_stop {
            e = end + i;
            break;
        }
    }
    (s, e)
}

/// Find and decide every technology mention in a segment.
pub fn scan(seg: &Seg, out: &mut Vec<Mention>) {
    let v = &*VOCAB;
    let text = seg.text;
    // Cheap reject: most sentences name no technology.
    let matches: Vec<(usize, usize, usize)> = v
        .tech_re
        .find_iter(text)
        .filter_map(|m| {
            v.tech_alias
                .get(&alias_key(m.as_str()))
                .map(|&i| (m.start(), m.end(), i))
        })
        .collect();
    // A generic word right after a name is that technology's feature
    // ("Redis pub/sub"), not a second technology (technologies.rs).
    let matches: Vec<(usize, usize, usize)> = matches
        .iter()
        .enumerate()
        .filter(|(k, m)| {
            *k == 0
                || !crate::technologies::qualifies_previous(
                    text,
                    matches[k - 1].1,
                    m.0,
                    &v.techs[m.2],
                )
        })
        .map(|(_, m)| *m)
        .collect();
    if matches.is_empty() {
        return;
    }
    // Alternatives: names joined by "/" or "or" are undecided.
    let mut undecided = vec![false; matches.len()];
    let mut chain_start = 0;
    let mut chain_has_or = false;
    for i in 0..matches.len() {
        let joined = i + 1 < matches.len() && {
            let between = text[matches[i].1..matches[i + 1].0]
                .trim()
                .to_ascii_lowercase();
            let between = between.trim_start_matches(',').trim();
            // "ECS/Fargate" names one thing twice and "AWS/Lambda" a
            // provider with its service: a refinement, not alternatives.
            let (a, b) = (&v.techs[matches[i].2], &v.techs[matches[i + 1].2]);
            let refinement = a.name == b.name
                || (a.is_provider() != b.is_provider() && a.provider == b.provider);
            let is_or =
                !refinement && matches!(between, "/" | "or" | "、或" | "或" | "또는" | "または");
            chain_has_or |= is_or || between.ends_with(" or") || between == ", or";
            is_or || matches!(between, "" | "," | "and" | "&" | "+" | "、")
        };
        if !joined {
            if chain_has_or {
                for u in &mut undecided[chain_start..=i] {
                    *u = true;
                }
            }
            chain_start = i + 1;
            chain_has_or = false;
        }
    }
    let heading_rejects = v.rejected_heading.is_match(seg.innermost_heading())
        || in_text(&v.rejected_heading, seg.header)
        || in_text(&v.rejected_heading, seg.label)
        || in_text(&v.rejected_heading, seg.lead_in);
    let heading_hypothetical = in_text(&v.hypothetical_heading, seg.heading)
        || in_text(&v.hypothetical_heading, seg.header)
        || in_text(&v.hypothetical_heading, seg.lead_in);
    let label_hypothetical = in_text(&v.hypothetical, seg.label);
    let w = &*WORDS;
    let section = section_rank(seg.heading);
    let label_decided = in_text(&w.decided, seg.label);
    let reference_section = in_text(&w.reference_heading, seg.heading);
    for (k, &(start, end, tech)) in matches.iter().enumerate() {
        let (ps, pe) = phrase_bounds(text, start, end);
        // A parenthesised list speaks through the words before it:
        // "backend topology per group (single VM, Docker Swarm, Kubernetes)".
        let lead = if text[..ps].ends_with('(') || text[..ps].ends_with('（') {
            let open = text[..ps].trim_end_matches(['(', '（']);
            let (ls, _) = phrase_bounds(open, open.len(), open.len());
            &open[ls..]
        } else {
            ""
        };
        let before = &text[ps..start];
        // What follows this name up to the next one: "MongoDB was rejected"
        // speaks of MongoDB, not of the Redis before it.
        let after_own = &text[end..matches.get(k + 1).map_or(text.len(), |n| n.0)];
        // "no Azure, GCP, on-premises": a negation right before a list
        // covers every name of the list.
        let mut list_start = start;
        for j in (0..k).rev() {
            let gap = &text[matches[j].1..list_start];
            let only_separators = gap
                .split(|c: char| c.is_whitespace() || matches!(c, ',' | '/' | '&' | '、'))
                .all(|w| {
                    w.is_empty() || w.eq_ignore_ascii_case("and") || w.eq_ignore_ascii_case("or")
                });
            if matches[j].0 < ps || !only_separators {
                break;
            }
            list_start = matches[j].0;
        }
        let before_list = &text[ps.min(list_start)..list_start];
        // What speaks of this name (and the list it heads): the text since
        // the previous name outside the list, within the phrase.
        let prev_end = matches[..k]
            .iter()
            .rev()
            .find(|p| p.0 < list_start)
            .map_or(0, |p| p.1);
        let scope = &text[ps.max(prev_end).min(list_start)..list_start];
        let after = &text[end..pe];
        let phrase = &text[ps..pe];
        // The generic word "serverless" inside a parenthesis describes the
        // named service next to it; it is not a second choice.
        if v.techs[tech].name == "serverless" && ps > 0 && text[..ps].ends_with('(') {
            continue;
        }
        // "Dataproc Serverless … Serverless means no cluster sits idle": the
        // generic word beside a product named "… Serverless" is that
        // product's shorthand, not a choice of functions.
        if v.techs[tech].name == "serverless" && names_serverless_product(seg) {
            continue;
        }
        // "## Package distribution | Docker | `docker run tool deploy` |": a
        // container image as one way users install the software is how it
        // ships, not where it runs.
        if v.techs[tech].role == "containers"
            && (distribution_heading(seg.innermost_heading()) || shipped_as(&text[ps..pe]))
        {
            continue;
        }
        // "| Backup LLM | Qwen | Alibaba Cloud |": the provider of a bought
        // service, not the cloud the system runs on.
        if v.techs[tech].role == "cloud"
            && !seg.label.is_empty()
            && in_text(&v.external_service_label, seg.label)
        {
            continue;
        }
        let pinned = after.trim_start().to_lowercase().starts_with("only")
            || v.only
                .is_match(before.trim_end().rsplit(' ').next().unwrap_or(""));
        // A negating verb binds to a name within a few words of it
        // ("we will not use Redis"), not to one at the far end of a sentence.
        let negated = v
            .negation
            .find_iter(scope)
            .last()
            .is_some_and(|m| scope[m.end()..].split_whitespace().count() <= 3)
            || v.negation_adjacent.is_match(before_list)
            || v.negation_after.is_match(after_own);
        let negated = negated || w.negation_article.is_match(before_list);
        let row = &v.techs[tech];
        // An explicit decision ("Chosen option: ECS") outweighs the word
        // "option" and a heading full of alternatives, never a negation.
        let decided = label_decided || w.decided.is_match(scope);
        // Compared: one of a set of alternatives the documents leave open or
        // hand to the user.
        let compared = undecided[k]
            || alternative_neighbour(text, start, end)
            || or_neighbour(text, ps, start, end, pe)
            || w.options_lead.is_match(lead)
            // "deployment to modern platforms (Railway, Render, Vercel)":
            // competing providers listed side by side without "and" are
            // examples of where it can run, not where it runs.
            || (!lead.is_empty()
                && row.is_provider()
                && !phrase.contains(" and ")
                && !phrase.contains(['&', '+'])
                && matches.iter().enumerate().any(|(j, m)| {
                    j != k
                        && m.0 >= ps
                        && m.1 <= pe
                        && v.techs[m.2].is_provider()
                        && v.techs[m.2].provider != row.provider
                }))
            || (w.options_lead.is_match(scope) && listed_with_another(&matches, k, ps, pe))
            || (w.options_tail.is_match(phrase) && listed_with_another(&matches, k, ps, pe));
        // Mentioned: a provider's service the app uses (its webhook, OAuth,
        // console), a link, a development-only tool.
        let third_party = row.provider.is_some()
            && (w.third_party.is_match(scope)
                || w.third_party.is_match(lead)
                || w.third_party
                    .find(after_own)
                    .is_some_and(|m| after_own[..m.start()].split_whitespace().count() <= 2));
        let dev_only = v.dev_only.is_match(phrase) || w.dev_only.is_match(phrase);
        // Talk about a technology that decides nothing: someone mentioned or
        // suggested it, or another team runs it.
        let only_talked_about = !decided
            // "X was suggested … and we chose it" decides after all.
            && !w.decided.is_match(after_own)
            && (w.mentioned_after.is_match(after_own)
            || w.mentioned_before.is_match(scope)
                || w.other_team.is_match(scope));
        // "We considered Kafka (Amazon MSK) because …, but rejected it: …
        // MSK costs a standing cluster": a name the sentence opens by weighing
        // is an option throughout the sentence, turned down when the
        // sentence says so. The verb binds to the first mention of the name
        // within a few words ("We considered Kafka (Confluent Cloud) and
        // Dataflow"), not to a name at the far end of the sentence.
        let first = matches.iter().find(|m| m.2 == tech).map_or(start, |m| m.0);
        let weighed = !decided
            && w.comparing_paragraph
                .find_iter(&text[..first])
                .last()
                .is_some_and(|m| text[m.end()..first].split_whitespace().count() <= 4);
        let weighed_rejected = weighed && w.rejected_later.is_match(&text[first..]);
        // "Azure IoT Hub. Compared and not chosen": the provider's name as
        // part of a product the catalog does not know; rejecting the product
        // does not reject the provider.
        let product_of_provider = row.role == "cloud"
            && after_own.starts_with(' ')
            && after_own
                .split_whitespace()
                .next()
                .is_some_and(|n| n.starts_with(|c: char| c.is_ascii_uppercase()));
        if product_of_provider && (negated || heading_rejects) && !pinned {
            continue;
        }
        let decision = if pinned {
            Decision::Pinned
        } else if negated || heading_rejects || weighed_rejected {
            Decision::Rejected
        } else if compared
            || weighed
            || only_talked_about
            || third_party
            || dev_only
            || reference_section
            || (!decided
                && (heading_hypothetical
                    || label_hypothetical
                    || v.hypothetical.is_match(scope)
                    || v.hypothetical_after.is_match(after_own)))
        {
            continue;
        } else {
            Decision::Chosen
        };
        out.push(Mention {
            tech,
            decision,
            block: seg.block,
            needle: text[start..end].to_string(),
            section: if decided { 3 } else { section },
        });
    }
}

/// A heading about how the software reaches its users ("Package Deployment
/// Strategy", "Distribution", "Installation", "Release channels") rather
/// than where it runs. Plain word tests: the heading is short.
/// Whether the segment (its clause, sentence, label, lead-in or heading) names a
/// product whose name holds "Serverless" (Dataproc Serverless, EMR
/// Serverless, Aurora Serverless), which the generic word then refers to.
fn names_serverless_product(seg: &Seg) -> bool {
    let v = &*VOCAB;
    [
        seg.text,
        seg.sentence,
        seg.label,
        seg.lead_in,
        seg.innermost_heading(),
    ]
    .iter()
    .any(|t| {
        v.tech_re.find_iter(t).any(|m| {
            m.as_str().to_ascii_lowercase().contains("serverless")
                && v.tech_alias
                    .get(&alias_key(m.as_str()))
                    .is_some_and(|&i| v.techs[i].name != "serverless")
        })
    })
}

fn distribution_heading(heading: &str) -> bool {
    let h = heading.to_lowercase();
    ["packag", "distribution", "install", "release channel"]
        .iter()
        .any(|w| h.contains(w))
}

/// "distributed as a single binary or a Docker image", "以 Docker 容器形式分发":
/// the clause says how the software reaches its users.
fn shipped_as(phrase: &str) -> bool {
    let p = phrase.to_lowercase();
    [
        "distributed as",
        "distributed in",
        "shipped as",
        "ships as",
        "published as",
        "分发",
        "配布",
    ]
    .iter()
    .any(|w| p.contains(w))
}

/// "Railway/Render", "MinIO/AWS S3": a name joined by a slash to another
/// product name the catalog does not know is one of two alternatives.
/// Acronyms ("CI/CD", "S3/CDN") and lower-case words ("read/write") are not
/// product names.
fn alternative_neighbour(text: &str, start: usize, end: usize) -> bool {
    let w = &*WORDS;
    let word = |s: &str| w.alternative_word.is_match(s);
    let after = text[end..].strip_prefix('/').map(|r| {
        r.split(|c: char| !(c.is_ascii_alphanumeric() || c == '.'))
            .next()
            .unwrap_or("")
    });
    let before = text[..start].strip_suffix('/').map(|r| {
        r.rsplit(|c: char| !(c.is_ascii_alphanumeric() || c == '.'))
            .next()
            .unwrap_or("")
    });
    after.is_some_and(|a| word(a.trim_end_matches('.')))
        || before.is_some_and(|b| word(b.trim_end_matches('.')))
}

/// "a standalone binary or a Docker container", "Docker 或二进制":
/// a name on either side of an "or" within its phrase is one option.
fn or_neighbour(text: &str, ps: usize, start: usize, end: usize, pe: usize) -> bool {
    let before = text[ps..start].trim_end().to_lowercase();
    let before = before
        .strip_suffix(" a")
        .or_else(|| before.strip_suffix(" an"))
        .or_else(|| before.strip_suffix(" the"))
        .unwrap_or(&before)
        .trim_end();
    let after = text[end..pe].to_lowercase();
    // The name's own words ("Docker container") may sit between it and "or".
    let after_words: Vec<&str> = after.split_whitespace().take(3).collect();
    let or_word = |s: &str| matches!(s, "or" | "或" | "或者" | "또는" | "または");
    before.ends_with(" or")
        || before == "or"
        || before.ends_with('或')
        || before.starts_with("either")
        || after.trim_start().starts_with('或')
        || after_words
            .iter()
            .take(2)
            .any(|w| or_word(w.trim_matches(',')))
}

/// Another name shares this one's phrase: an options word speaks of a list,
/// not of a lone name ("any region on AWS" stays a choice of AWS).
fn listed_with_another(matches: &[(usize, usize, usize)], k: usize, ps: usize, pe: usize) -> bool {
    matches
        .iter()
        .enumerate()
        .any(|(j, m)| j != k && m.0 >= ps && m.1 <= pe && m.2 != matches[k].2)
}

/// Drops a mention made by a short name that names its technology only
/// beside its provider ([`crate::technologies::Tech::provider_aliases`]:
/// "S3" alone can be "scenario 3") when no other name in the document
/// chooses that provider (AWS, or one of its services by full name).
pub fn drop_ungrounded(mentions: &mut Vec<Mention>) {
    let v = &*VOCAB;
    let short = |m: &Mention| {
        v.techs[m.tech]
            .provider_aliases
            .iter()
            .any(|a| alias_key(a) == alias_key(&m.needle))
    };
    let chosen: Vec<&str> = mentions
        .iter()
        .filter(|m| m.decision != Decision::Rejected && !short(m))
        .filter_map(|m| v.techs[m.tech].provider.as_deref())
        .collect();
    let keep: Vec<bool> = mentions
        .iter()
        .map(|m| {
            !short(m)
                || v.techs[m.tech]
                    .provider
                    .as_deref()
                    .is_some_and(|p| chosen.contains(&p))
        })
        .collect();
    let mut k = keep.into_iter();
    mentions.retain(|_| k.next().unwrap_or(true));
}

/// Drop the mentions of sections that weigh options against each other
/// ("**Railway:** - Pros: … - Cons: …"): such a section compares, it does
/// not choose, unless a mention in it says it is the decision.
pub fn settle_document(parsed: &Parsed, mentions: &mut Vec<Mention>) {
    let w = &*WORDS;
    let mut comparing: Vec<usize> = Vec::new();
    for b in &parsed.blocks {
        if !matches!(b.kind, BlockKind::ListItem | BlockKind::Paragraph) {
            continue;
        }
        let label = b.text.split([':', '：']).next().unwrap_or("");
        if b.text.len() > label.len()
            && w.comparison_label.is_match(label)
            && let Some(h) = b.heading
            && !comparing.contains(&h)
        {
            comparing.push(h);
        }
    }
    // "We compared Microsoft Azure. … AWS has a single German region, so …":
    // a paragraph that says it compares providers speaks of options in every
    // sentence, not only in the one with the verb.
    // "We compared Aurora Serverless behind Fargate. It would suit the
    // export, but … needs RDS Proxy …": a paragraph that opens by weighing an
    // option describes that option throughout, so a name in it is not the
    // team's choice unless its own sentence decides ("we chose", "instead").
    let v = &*VOCAB;
    mentions.retain(|m| {
        if m.section == 3 || m.decision != Decision::Chosen {
            return true;
        }
        let Some(b) = parsed.blocks.get(m.block) else {
            return true;
        };
        if v.techs[m.tech].is_provider() {
            return !w.comparing_paragraph.is_match(&b.text);
        }
        if !super::context::sentences(&b.text)
            .next()
            .is_some_and(|opening| w.comparing_paragraph.is_match(opening))
        {
            return true;
        }
        let own = super::context::sentences(&b.text)
            .find(|s| s.contains(m.needle.as_str()))
            .unwrap_or(&b.text);
        w.decided.is_match(own) || w.instead.is_match(own)
    });
    if comparing.is_empty() {
        return;
    }
    mentions.retain(|m| {
        m.section == 3
            || m.decision != Decision::Chosen
            || parsed
                .blocks
                .get(m.block)
                .and_then(|b| b.heading)
                .is_none_or(|h| !comparing.contains(&h))
    });
}

/// The role a chosen mention's own sentence gives its technology instead
/// of its catalog role ([`crate::technologies::Tech::role_in_sentence`]):
/// "Valkey is not a cache in front of a database here: it is the store"
/// makes Valkey the in-memory store. `None` for a rejected mention and where
/// no sentence of `block` that names it (`needle`) says so.
pub fn sentence_role(
    tech: &crate::technologies::Tech,
    decision: Decision,
    block: &str,
    needle: &str,
) -> Option<String> {
    if decision == Decision::Rejected || tech.role_in_sentence.is_empty() {
        return None;
    }
    let needle = needle.to_lowercase();
    let mut roles: Vec<(&String, &Vec<String>)> = tech.role_in_sentence.iter().collect();
    roles.sort();
    super::context::sentences(block).find_map(|s| {
        let l = s.to_lowercase();
        if !l.contains(&needle) {
            return None;
        }
        roles
            .iter()
            .find(|(_, phrases)| phrases.iter().any(|p| has_phrase(&l, p)))
            .map(|(role, _)| (*role).clone())
    })
}

/// Whether `text` holds `phrase` as whole words (both lower case).
fn has_phrase(text: &str, phrase: &str) -> bool {
    let bytes = text.as_bytes();
    text.match_indices(phrase).any(|(at, _)| {
        let end = at + phrase.len();
        (at == 0 || !bytes[at - 1].is_ascii_alphanumeric())
            && (end >= bytes.len() || !bytes[end].is_ascii_alphanumeric())
    })
}

/// How a decided mention weighs: its decision and its authority
/// (`doc_rank × 4 + section`, so the document kind dominates and, within a
/// kind, a stated decision over a tech-stack section over the rest).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Weight {
    pub decision: Decision,
    pub authority: u8,
}

impl Weight {
    pub fn new(decision: Decision, doc: DocKind, section: u8) -> Weight {
        Weight {
            decision,
            authority: doc_rank(doc) * 4 + section,
        }
    }
}

/// One outcome per technology across a feature's documents.
///
/// "AWS only" wins. Otherwise only the most authoritative statements about a
/// technology count (an architecture's tech stack over a PRD's assumption over
/// a story's mention); among those, rejections win when they are at least as
/// many as the plain mentions, so one incidental "rather than BigQuery jobs"
/// does not undo a technology the documents use throughout, while "No
/// Kubernetes" beats a single stray mention. The source is the first mention
/// of the outcome; the authority returned is the outcome's best.
pub fn settle(
    mentions: Vec<(crate::requirements::Technology, Weight)>,
) -> Vec<(crate::requirements::Technology, Weight)> {
    let mut names: Vec<String> = Vec::new();
    for (t, _) in &mentions {
        if !names.contains(&t.name) {
            names.push(t.name.clone());
        }
    }
    let mut out = Vec::with_capacity(names.len());
    for name in names {
        let of: Vec<&(crate::requirements::Technology, Weight)> =
            mentions.iter().filter(|(t, _)| t.name == name).collect();
        let pinned = of.iter().find(|(_, w)| w.decision == Decision::Pinned);
        let pick = if let Some(p) = pinned {
            (*p).clone()
        } else {
            let top = of.iter().map(|(_, w)| w.authority).max().unwrap_or(0);
            let at_top: Vec<_> = of.iter().filter(|(_, w)| w.authority == top).collect();
            let count = |d: Decision| at_top.iter().filter(|(_, w)| w.decision == d).count();
            let d = if count(Decision::Rejected) >= count(Decision::Chosen) {
                Decision::Rejected
            } else {
                Decision::Chosen
            };
            match at_top.iter().find(|(_, w)| w.decision == d) {
                Some(m) => (**m).clone(),
                None => continue,
            }
        };
        let mut pick = pick;
        // A sentence that makes a chosen engine the data's home decides its
        // role wherever it stands (`sentence_role`): the other mentions
        // carry the catalog role.
        if pick.1.decision != Decision::Rejected
            && let Some((t, _)) = of
                .iter()
                .find(|(t, w)| w.decision != Decision::Rejected && t.role != pick.0.role)
            && crate::technologies::catalog()
                .get(&name)
                .is_some_and(|row| row.role_in_sentence.contains_key(&t.role))
        {
            pick.0.role = t.role.clone();
        }
        out.push(pick);
    }
    out
}
