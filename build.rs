//! Compiles the extractor's patterns (`data/extract_patterns.txt`) to DFAs
//! ahead of time, so that a run reads them in place instead of compiling
//! them: compiling was most of a short run's start-up. See the module doc of
//! `src/extract/re.rs`. Writes `re_dfa.bin` (the DFAs, serialised in the
//! target's byte order; a forward DFA of the common-text form that is small
//! enough dense, every other one sparse) and `re_dfa.rs` (the index) to
//! `OUT_DIR`. A pattern that cannot be a DFA (a Unicode word boundary) or
//! whose DFA is too large is left out and compiled at run time as before.

use std::fmt::Write as _;

use regex_automata::MatchKind;
use regex_automata::dfa::{StartKind, dense};
use regex_automata::nfa::thompson::{self, WhichCaptures};

#[allow(dead_code)]
#[path = "src/extract/re_form.rs"]
mod re_form;

/// Largest DFA (dense, while determinising; one direction) worth embedding
/// for the common-text form, and for the whole form (a Unicode `\w` under a
/// counted repeat grows fast, and only CJK and other text needs it); above
/// it the pattern is compiled at run time.
/// The common-text limit holds every listed pattern (the largest, the
/// rejection words after up to five `[\w()]+` words, is 8 MB dense while
/// determinising and 0.5 MB sparse): three patterns above 4 MB were compiled
/// at run time on every `design`, a fifth of its instructions.
const COMMON_DFA_LIMIT: usize = 16 << 20;
const FULL_DFA_LIMIT: usize = 1 << 20;
/// Largest forward DFA of the common-text form embedded dense rather than
/// sparse. A sparse state finds its transition by a linear scan of byte
/// ranges (dozens of instructions a byte on a case-insensitive word list);
/// a dense one is one table read, and searching was a fifth of a run. The
/// forward DFA scans whole texts; the reverse one only a match, so it stays
/// sparse, as do the forms for other text (rare). Dense ones below this
/// size add some 6 MB to the binary; the few larger ones stay sparse.
const DENSE_FWD_LIMIT: usize = 512 << 10;

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed=src/extract/re_form.rs");
    println!("cargo::rerun-if-changed=data/extract_patterns.txt");
    data_as_json();
    let list = std::fs::read_to_string("data/extract_patterns.txt")
        .expect("data/extract_patterns.txt is readable");
    let mut entries: Vec<(String, bool)> = list
        .lines()
        .filter(|l| !l.is_empty())
        .map(|l| {
            let (flag, pattern) = l.split_once('\t').expect("flag TAB pattern");
            (pattern.to_string(), flag == "i")
        })
        .collect();
    entries.sort();
    entries.dedup();
    let mut blob: Vec<u8> = Vec::new();
    let mut index = String::from(
        "/// (pattern, case-insensitive, [common forward, common reverse, whole\n\
         /// forward, whole reverse] as (offset, length) in the blob; length 0:\n\
         /// not precompiled, whether the common forward DFA is dense, the\n\
         /// NFA with groups of the common form as (offset, length) in words\n\
         /// in the NFA blob; length 0: none), sorted by (pattern,\n\
         /// case-insensitive).\n\
         pub static INDEX: &[Entry] = &[\n",
    );
    let mut nfas: Vec<u32> = Vec::new();
    for (pattern, ci) in &entries {
        let mut slots = [(0u32, 0u32); 4];
        let mut dense_fwd = false;
        for (k, common) in [true, false].into_iter().enumerate() {
            if let Some((fwd, rev)) = dfas(pattern, *ci, common) {
                dense_fwd |= fwd.1;
                for (j, bytes) in [fwd.0, rev].into_iter().enumerate() {
                    // A dense DFA is read in place as `u32`s: every DFA
                    // starts 8-aligned in the blob, which is 8-aligned.
                    blob.resize(blob.len().next_multiple_of(8), 0);
                    slots[2 * k + j] = (blob.len() as u32, bytes.len() as u32);
                    blob.extend_from_slice(&bytes);
                }
            }
        }
        let mut nfa_slot = (0u32, 0u32);
        if let Some(words) = groups_nfa(pattern, *ci) {
            nfa_slot = (nfas.len() as u32, words.len() as u32);
            nfas.extend_from_slice(&words);
        }
        writeln!(
            index,
            "    ({pattern:?}, {ci}, {slots:?}, {dense_fwd}, {nfa_slot:?}),"
        )
        .expect("string");
    }
    index.push_str("];\n");
    let out = std::path::PathBuf::from(std::env::var_os("OUT_DIR").expect("OUT_DIR"));
    std::fs::write(out.join("re_dfa.bin"), &blob).expect("write re_dfa.bin");
    std::fs::write(out.join("re_dfa.rs"), index).expect("write re_dfa.rs");
    let nfa_bytes: Vec<u8> = nfas.iter().flat_map(|w| w.to_le_bytes()).collect();
    std::fs::write(out.join("re_nfa.bin"), nfa_bytes).expect("write re_nfa.bin");
}

/// A serialised forward DFA and whether it is dense.
type SerialisedFwd = (Vec<u8>, bool);

/// The forward DFA (and whether it is dense) and the reverse DFA of
/// `pattern` in the form the run time would compile (see `re_form`),
/// serialised in the target's byte order, or `None` when the pattern is not
/// to be precompiled.
fn dfas(pattern: &str, ci: bool, common: bool) -> Option<(SerialisedFwd, Vec<u8>)> {
    let hir = re_form::hir(pattern, ci, common).ok()?;
    let limit = if common {
        COMMON_DFA_LIMIT
    } else {
        FULL_DFA_LIMIT
    };
    let nfa = |reverse: bool| {
        thompson::Compiler::new()
            .configure(
                thompson::Config::new()
                    .utf8(true)
                    .reverse(reverse)
                    .which_captures(WhichCaptures::None)
                    .nfa_size_limit(Some(10 * (1 << 20))),
            )
            .build_from_hir(&hir)
            .ok()
    };
    let fwd = dense::Builder::new()
        .configure(
            dense::Config::new()
                .match_kind(MatchKind::LeftmostFirst)
                .start_kind(StartKind::Unanchored)
                .dfa_size_limit(Some(limit)),
        )
        .build_from_nfa(&nfa(false)?)
        .ok()?;
    let rev = dense::Builder::new()
        .configure(
            dense::Config::new()
                .prefilter(None)
                .specialize_start_states(false)
                .start_kind(StartKind::Anchored)
                .match_kind(MatchKind::All)
                .dfa_size_limit(Some(limit)),
        )
        .build_from_nfa(&nfa(true)?)
        .ok()?;
    let big_endian = std::env::var("CARGO_CFG_TARGET_ENDIAN").is_ok_and(|e| e == "big");
    let bytes = |d: &dense::DFA<Vec<u32>>| {
        let sparse = d.to_sparse().ok()?;
        Some(if big_endian {
            sparse.to_bytes_big_endian()
        } else {
            sparse.to_bytes_little_endian()
        })
    };
    let fwd = if common && fwd.memory_usage() <= DENSE_FWD_LIMIT {
        let mut buf = vec![0; fwd.write_to_len()];
        let n = if big_endian {
            fwd.write_to_big_endian(&mut buf)
        } else {
            fwd.write_to_little_endian(&mut buf)
        }
        .ok()?;
        buf.truncate(n);
        (buf, true)
    } else {
        (bytes(&fwd)?, false)
    };
    Some((fwd, bytes(&rev)?))
}

/// The NFA with groups of the common-text form of `pattern` (what the run
/// time compiles to find a match's groups, see `re.rs` `groups_engine`) as
/// words (layout: `re_form::decode_nfa`), when it has groups and reads back
/// as the very same NFA; `None` otherwise (the run time compiles it).
fn groups_nfa(pattern: &str, ci: bool) -> Option<Vec<u32>> {
    use regex_automata::PatternID;
    use regex_automata::nfa::thompson::State;
    let hir = re_form::hir(pattern, ci, true).ok()?;
    if hir.properties().explicit_captures_len() == 0 {
        return None;
    }
    let nfa = thompson::Compiler::new()
        .configure(re_form::groups_config())
        .build_from_hir(&hir)
        .ok()?;
    if nfa.pattern_len() != 1 || nfa.is_reverse() {
        return None;
    }
    let names: Vec<Option<&str>> = nfa.group_info().pattern_names(PatternID::ZERO).collect();
    let mut w = vec![
        nfa.states().len() as u32,
        nfa.start_anchored().as_u32(),
        nfa.start_unanchored().as_u32(),
        nfa.start_pattern(PatternID::ZERO)?.as_u32(),
        u32::from(nfa.is_utf8()),
    ];
    for state in nfa.states() {
        match state {
            State::ByteRange { trans } => w.extend([
                0,
                u32::from(trans.start),
                u32::from(trans.end),
                trans.next.as_u32(),
            ]),
            State::Sparse(sparse) => {
                w.extend([1, sparse.transitions.len() as u32]);
                for t in sparse.transitions.iter() {
                    w.extend([u32::from(t.start), u32::from(t.end), t.next.as_u32()]);
                }
            }
            State::Look { look, next } => w.extend([2, look.as_repr(), next.as_u32()]),
            State::Union { alternates } => {
                w.extend([3, alternates.len() as u32]);
                w.extend(alternates.iter().map(|a| a.as_u32()));
            }
            State::BinaryUnion { alt1, alt2 } => w.extend([3, 2, alt1.as_u32(), alt2.as_u32()]),
            State::Capture {
                next,
                group_index,
                slot,
                ..
            } => {
                let group = group_index.as_u32();
                if slot.as_usize() % 2 == 0 {
                    w.extend([4, next.as_u32(), group]);
                    match names.get(group_index.as_usize()).copied().flatten() {
                        None => w.push(0),
                        Some(name) => {
                            w.push(name.len() as u32 + 1);
                            w.extend(name.bytes().map(u32::from));
                        }
                    }
                } else {
                    w.extend([5, next.as_u32(), group]);
                }
            }
            State::Fail => w.push(6),
            State::Match { .. } => w.push(7),
            State::Dense(_) => return None,
        }
    }
    // Only an NFA that reads back as itself (states, starts, group names).
    let back = re_form::decode_nfa(&w)?;
    let back_names: Vec<Option<&str>> = back.group_info().pattern_names(PatternID::ZERO).collect();
    (format!("{back:?}") == format!("{nfa:?}")
        && back.states() == nfa.states()
        && back_names == names
        && back.is_utf8() == nfa.is_utf8()
        && back.start_pattern(PatternID::ZERO) == nfa.start_pattern(PatternID::ZERO))
    .then_some(w)
}

/// The compiled-in data files a `design` or `requirements` run reads, as
/// JSON (`OUT_DIR/data/…toml.json`, read with `builtin_json!`): parsing them
/// as TOML was a fifth of a `design` run, and JSON parses several times
/// faster. The values are the same (a table becomes an object, whose keys
/// the types read by name; the files hold no dates), and a file that does
/// not parse fails the build.
fn data_as_json() {
    const FILES: &[&str] = &[
        "catalog/aws.toml",
        "catalog/gcp.toml",
        "catalog/azure.toml",
        "extract_vocab.toml",
        "technologies.toml",
        "design/rules.toml",
        "design/compliance.toml",
        "design/workloads/web_api.toml",
        "design/workloads/static_site.toml",
        "design/workloads/files.toml",
        "design/workloads/async.toml",
        "design/workloads/batch.toml",
        "design/workloads/streaming.toml",
        "design/workloads/gpu_inference.toml",
        "design/workloads/serverless.toml",
        "design/workloads/in_memory.toml",
        "design/workloads/internal.toml",
    ];
    let out = std::path::PathBuf::from(std::env::var_os("OUT_DIR").expect("OUT_DIR")).join("data");
    for file in FILES {
        let src = format!("data/{file}");
        println!("cargo::rerun-if-changed={src}");
        let text = std::fs::read_to_string(&src).unwrap_or_else(|e| panic!("{src}: {e}"));
        let table: toml::Table = toml::from_str(&text).unwrap_or_else(|e| panic!("{src}: {e}"));
        let json = serde_json::to_string(&table).unwrap_or_else(|e| panic!("{src}: {e}"));
        let dst = out.join(format!("{file}.json"));
        std::fs::create_dir_all(dst.parent().expect("a file has a folder"))
            .expect("create OUT_DIR/data");
        std::fs::write(&dst, json).unwrap_or_else(|e| panic!("{}: {e}", dst.display()));
    }
}
