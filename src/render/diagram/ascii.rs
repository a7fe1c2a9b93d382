//! Box-and-arrow drawing of a [`Graph`], laid out in layers.
//!
//! A small Sugiyama-style layout: each node gets a rank (at least its tier's,
//! and below every node that links to it), edges spanning several ranks pass
//! through the rows between as plain vertical lines, rows are ordered by the
//! barycentre of their neighbours, and the edges between two rows are routed on
//! one horizontal track per source. Joins are drawn with `┬ ┼ ┤`, crossings as
//! an unbroken vertical line, so a reader can tell which box feeds which.

use super::{Graph, Tier};

/// Widest text line inside a box; longer names are cut with `…`.
const MAX_LABEL: usize = 38;
/// Blank columns between two boxes of a row.
const GAP: usize = 3;

const N: u8 = 1;
const S: u8 = 2;
const E: u8 = 4;
const W: u8 = 8;

/// One item of a row: a real node's box, or a pass-through line of a long edge.
#[derive(Debug, Clone)]
struct Item {
    /// Index into the graph's nodes; `None` for a pass-through.
    node: Option<usize>,
    lines: Vec<String>,
    width: usize,
    x: usize,
}

impl Item {
    fn center(&self) -> usize {
        self.x + self.width / 2
    }
}

/// A segment between two items of adjacent rows (indices into the rows).
#[derive(Debug, Clone, Copy)]
struct Seg {
    from: usize,
    to: usize,
}

/// Draw the graph. Edges that close a cycle cannot point downwards; they are
/// listed under the drawing instead of being drawn.
pub fn draw(g: &Graph) -> String {
    if g.nodes.is_empty() {
        return String::new();
    }
    let (rank, back) = ranks(g);
    let (mut rows, mut segs) = build_rows(g, &rank);
    order_rows(&mut rows, &mut segs);
    place(&mut rows, &segs);
    let mut out = render(&rows, &segs);
    if !back.is_empty() {
        out.push('\n');
        for e in back {
            let edge = &g.edges[e];
            out.push_str(&format!(
                "↺ {} → {}{}\n",
                g.nodes[edge.from].title,
                g.nodes[edge.to].title,
                if edge.label.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", edge.label)
                }
            ));
        }
    }
    out
}

fn tier_rank(t: Tier) -> usize {
    match t {
        Tier::Client => 0,
        Tier::Edge => 1,
        Tier::Entry => 2,
        Tier::Compute => 3,
        Tier::Data => 4,
    }
}

/// Rank of every node (compressed to consecutive rows) and the edges left out
/// because they close a cycle.
fn ranks(g: &Graph) -> (Vec<usize>, Vec<usize>) {
    let n = g.nodes.len();
    // Depth-first search in node order finds the back edges deterministically.
    let mut state = vec![0u8; n]; // 0 new, 1 on stack, 2 done
    let mut back = Vec::new();
    for start in 0..n {
        if state[start] != 0 {
            continue;
        }
        let mut stack: Vec<(usize, usize)> = vec![(start, 0)];
        state[start] = 1;
        while let Some(&mut (v, ref mut next)) = stack.last_mut() {
            let out: Vec<usize> = (0..g.edges.len())
                .filter(|&e| g.edges[e].from == v)
                .collect();
            if *next < out.len() {
                let e = out[*next];
                *next += 1;
                let w = g.edges[e].to;
                match state[w] {
                    0 => {
                        state[w] = 1;
                        stack.push((w, 0));
                    }
                    1 => back.push(e),
                    _ => {}
                }
            } else {
                state[v] = 2;
                stack.pop();
            }
        }
    }
    back.sort_unstable();
    let forward: Vec<usize> = (0..g.edges.len())
        .filter(|e| back.binary_search(e).is_err())
        .collect();
    let mut rank: Vec<usize> = g.nodes.iter().map(|n| tier_rank(n.tier)).collect();
    // Longest path over an acyclic graph settles within n rounds.
    for _ in 0..=n {
        let mut changed = false;
        for &e in &forward {
            let (a, b) = (g.edges[e].from, g.edges[e].to);
            if rank[b] < rank[a] + 1 {
                rank[b] = rank[a] + 1;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    let mut used: Vec<usize> = rank.clone();
    used.sort_unstable();
    used.dedup();
    let rank = rank
        .iter()
        .map(|r| used.binary_search(r).unwrap_or(0))
        .collect();
    (rank, back)
}

fn label(s: &str) -> String {
    if s.chars().count() <= MAX_LABEL {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(MAX_LABEL - 1).collect();
        t.push('…');
        t
    }
}

/// Rows of items (boxes and pass-throughs) and, per gap between rows r and
/// r+1, the segments crossing it.
fn build_rows(g: &Graph, rank: &[usize]) -> (Vec<Vec<Item>>, Vec<Vec<Seg>>) {
    let depth = rank.iter().max().map_or(0, |m| m + 1);
    let mut rows: Vec<Vec<Item>> = vec![Vec::new(); depth];
    let mut pos = vec![0usize; g.nodes.len()];
    for (i, node) in g.nodes.iter().enumerate() {
        let mut lines = vec![label(&node.title)];
        lines.extend(node.detail.iter().map(|d| label(d)));
        let width = lines.iter().map(|l| l.chars().count()).max().unwrap_or(0) + 4;
        pos[i] = rows[rank[i]].len();
        rows[rank[i]].push(Item {
            node: Some(i),
            lines,
            width,
            x: 0,
        });
    }
    let mut segs: Vec<Vec<Seg>> = vec![Vec::new(); depth.saturating_sub(1)];
    for e in &g.edges {
        let (a, b) = (rank[e.from], rank[e.to]);
        if b <= a {
            continue; // a back edge, listed separately
        }
        let mut prev = pos[e.from];
        for r in a + 1..b {
            // One pass-through per edge and row keeps every line traceable.
            rows[r].push(Item {
                node: None,
                lines: Vec::new(),
                width: 1,
                x: 0,
            });
            let here = rows[r].len() - 1;
            segs[r - 1].push(Seg {
                from: prev,
                to: here,
            });
            prev = here;
        }
        segs[b - 1].push(Seg {
            from: prev,
            to: pos[e.to],
        });
    }
    (rows, segs)
}

/// Reorder each row by the barycentre of its neighbours (down, up, down), then
/// renumber the segments. Ties keep the earlier order, so output is stable.
fn order_rows(rows: &mut [Vec<Item>], segs: &mut [Vec<Seg>]) {
    for pass in 0..3 {
        let down = pass % 2 == 0;
        let order: Vec<usize> = if down {
            (1..rows.len()).collect()
        } else {
            (0..rows.len().saturating_sub(1)).rev().collect()
        };
        for r in order {
            let n = rows[r].len();
            let key: Vec<f64> = (0..n)
                .map(|i| {
                    let neigh: Vec<usize> = if down {
                        segs[r - 1]
                            .iter()
                            .filter(|s| s.to == i)
                            .map(|s| s.from)
                            .collect()
                    } else {
                        segs[r]
                            .iter()
                            .filter(|s| s.from == i)
                            .map(|s| s.to)
                            .collect()
                    };
                    if neigh.is_empty() {
                        i as f64
                    } else {
                        neigh.iter().sum::<usize>() as f64 / neigh.len() as f64
                    }
                })
                .collect();
            let mut perm: Vec<usize> = (0..n).collect();
            perm.sort_by(|&a, &b| key[a].total_cmp(&key[b]).then(a.cmp(&b)));
            let mut inv = vec![0usize; n];
            for (new, &old) in perm.iter().enumerate() {
                inv[old] = new;
            }
            let old = std::mem::take(&mut rows[r]);
            let mut slots: Vec<Option<Item>> = old.into_iter().map(Some).collect();
            rows[r] = perm.iter().filter_map(|&o| slots[o].take()).collect();
            if r > 0 {
                for s in &mut segs[r - 1] {
                    s.to = inv[s.to];
                }
            }
            if r < segs.len() {
                for s in &mut segs[r] {
                    s.from = inv[s.from];
                }
            }
        }
    }
}

/// Horizontal positions: each row wants its items centred under (or above) the
/// items they connect to, packed left to right without overlap.
fn place(rows: &mut [Vec<Item>], segs: &[Vec<Seg>]) {
    fn pack(row: &mut [Item], want: &[Option<f64>]) {
        let mut next = 0usize;
        for (i, item) in row.iter_mut().enumerate() {
            let left = want[i]
                .map(|c| (c - item.width as f64 / 2.0).round().max(0.0) as usize)
                .unwrap_or(next);
            item.x = left.max(next);
            next = item.x + item.width + GAP;
        }
    }
    let centers = |row: &[Item], idx: &[usize]| -> Option<f64> {
        if idx.is_empty() {
            None
        } else {
            Some(idx.iter().map(|&i| row[i].center() as f64).sum::<f64>() / idx.len() as f64)
        }
    };
    if let Some(first) = rows.first_mut() {
        let none = vec![None; first.len()];
        pack(first, &none);
    }
    for r in 1..rows.len() {
        let want: Vec<Option<f64>> = (0..rows[r].len())
            .map(|i| {
                let up: Vec<usize> = segs[r - 1]
                    .iter()
                    .filter(|s| s.to == i)
                    .map(|s| s.from)
                    .collect();
                centers(&rows[r - 1], &up)
            })
            .collect();
        pack(&mut rows[r], &want);
    }
    for r in (0..rows.len().saturating_sub(1)).rev() {
        let want: Vec<Option<f64>> = (0..rows[r].len())
            .map(|i| {
                let down: Vec<usize> = segs[r]
                    .iter()
                    .filter(|s| s.from == i)
                    .map(|s| s.to)
                    .collect();
                centers(&rows[r + 1], &down).or(Some(rows[r][i].center() as f64))
            })
            .collect();
        pack(&mut rows[r], &want);
    }
}

struct Canvas {
    text: Vec<Vec<Option<char>>>,
    mask: Vec<Vec<u8>>,
}

impl Canvas {
    fn new(w: usize, h: usize) -> Self {
        Canvas {
            text: vec![vec![None; w]; h],
            mask: vec![vec![0; w]; h],
        }
    }
    fn put(&mut self, x: usize, y: usize, c: char) {
        self.text[y][x] = Some(c);
    }
    fn bits(&mut self, x: usize, y: usize, b: u8) {
        self.mask[y][x] |= b;
    }
    fn vline(&mut self, x: usize, y0: usize, y1: usize) {
        for y in y0..=y1 {
            let mut b = 0;
            if y > y0 {
                b |= N;
            }
            if y < y1 {
                b |= S;
            }
            self.bits(x, y, b);
        }
    }
    fn finish(self) -> String {
        let mut out = String::new();
        for (trow, mrow) in self.text.iter().zip(&self.mask) {
            let line: String = trow
                .iter()
                .zip(mrow)
                .map(|(t, m)| t.unwrap_or_else(|| glyph(*m)))
                .collect();
            out.push_str(line.trim_end());
            out.push('\n');
        }
        out
    }
}

fn glyph(m: u8) -> char {
    match m {
        0 => ' ',
        x if x == N | S || x == N || x == S => '│',
        x if x == E | W || x == E || x == W => '─',
        x if x == S | E => '┌',
        x if x == S | W => '┐',
        x if x == N | E => '└',
        x if x == N | W => '┘',
        x if x == N | S | E => '├',
        x if x == N | S | W => '┤',
        x if x == S | E | W => '┬',
        x if x == N | E | W => '┴',
        _ => '┼',
    }
}

fn render(rows: &[Vec<Item>], segs: &[Vec<Seg>]) -> String {
    // Exit and entry columns per gap; a target's entry moves aside when a
    // line from another box would otherwise run into it.
    let mut exits: Vec<Vec<usize>> = Vec::new();
    let mut entries: Vec<Vec<usize>> = Vec::new();
    let mut tracks: Vec<Vec<usize>> = Vec::new(); // per gap: sources with a track, in order
    for (r, gap) in segs.iter().enumerate() {
        let ex: Vec<usize> = rows[r].iter().map(Item::center).collect();
        let mut en: Vec<usize> = rows[r + 1].iter().map(Item::center).collect();
        for (t, item) in rows[r + 1].iter().enumerate() {
            if item.node.is_none() || item.width < 5 {
                continue;
            }
            let clash = |c: usize| {
                gap.iter()
                    .any(|s| ex[s.from] == c && !gap.iter().any(|o| o.from == s.from && o.to == t))
            };
            if clash(en[t]) {
                for d in [2usize, 4] {
                    if en[t] + d < item.x + item.width - 1 && !clash(en[t] + d) {
                        en[t] += d;
                        break;
                    }
                    if en[t] >= item.x + 1 + d && !clash(en[t] - d) {
                        en[t] -= d;
                        break;
                    }
                }
            }
        }
        let mut srcs: Vec<usize> = gap.iter().map(|s| s.from).collect();
        srcs.sort_unstable();
        srcs.dedup();
        let tr: Vec<usize> = srcs
            .into_iter()
            .filter(|&s| gap.iter().any(|g| g.from == s && en[g.to] != ex[s]))
            .collect();
        exits.push(ex);
        entries.push(en);
        tracks.push(tr);
    }

    let heights: Vec<usize> = rows
        .iter()
        .map(|row| row.iter().map(|i| i.lines.len()).max().unwrap_or(0) + 2)
        .collect();
    let gap_h: Vec<usize> = tracks
        .iter()
        .map(|t| if t.is_empty() { 1 } else { t.len() + 2 })
        .collect();
    let mut tops = Vec::with_capacity(rows.len());
    let mut y = 0;
    for (r, h) in heights.iter().enumerate() {
        tops.push(y);
        y += h + gap_h.get(r).copied().unwrap_or(0);
    }
    let width = rows
        .iter()
        .flat_map(|row| row.iter().map(|i| i.x + i.width))
        .max()
        .unwrap_or(0)
        + 1;
    let mut cv = Canvas::new(width, y);

    for (r, row) in rows.iter().enumerate() {
        let top = tops[r];
        let h = heights[r];
        for item in row {
            if item.node.is_none() {
                cv.vline(item.x, top, top + h - 1);
                // The pass-through joins the lines of the gaps above and below.
                cv.bits(item.x, top, N);
                cv.bits(item.x, top + h - 1, S);
                continue;
            }
            let (x0, x1) = (item.x, item.x + item.width - 1);
            let bottom = top + h - 1;
            cv.put(x0, top, '┌');
            cv.put(x1, top, '┐');
            cv.put(x0, bottom, '└');
            cv.put(x1, bottom, '┘');
            for x in x0 + 1..x1 {
                cv.put(x, top, '─');
                cv.put(x, bottom, '─');
            }
            for yy in top + 1..bottom {
                cv.put(x0, yy, '│');
                cv.put(x1, yy, '│');
                for x in x0 + 1..x1 {
                    cv.put(x, yy, ' ');
                }
            }
            for (k, line) in item.lines.iter().enumerate() {
                for (j, c) in line.chars().enumerate() {
                    cv.put(x0 + 2 + j, top + 1 + k, c);
                }
            }
        }
    }

    for (r, gap) in segs.iter().enumerate() {
        let g0 = tops[r] + heights[r]; // first row of the gap
        let last = tops[r + 1] - 1; // last row of the gap
        let (ex, en, tr) = (&exits[r], &entries[r], &tracks[r]);
        let track_row = |s: usize| tr.iter().position(|&t| t == s).map(|k| g0 + 1 + k);
        // Vertical runs first, so the tracks know what they cross.
        let mut verticals: Vec<(usize, usize, usize)> = Vec::new();
        let mut srcs: Vec<usize> = gap.iter().map(|s| s.from).collect();
        srcs.sort_unstable();
        srcs.dedup();
        for &s in &srcs {
            let end = track_row(s).unwrap_or(last + 1);
            verticals.push((ex[s], g0 - 1, end));
        }
        let mut tgts: Vec<usize> = gap.iter().map(|s| s.to).collect();
        tgts.sort_unstable();
        tgts.dedup();
        for &t in &tgts {
            let start = gap
                .iter()
                .filter(|s| s.to == t)
                .map(|s| track_row(s.from).unwrap_or(g0 - 1))
                .min()
                .unwrap_or(g0 - 1);
            verticals.push((en[t], start, last + 1));
        }
        for &(x, a, b) in &verticals {
            cv.vline(x, a, b);
        }
        for &s in tr {
            let Some(yk) = track_row(s) else { continue };
            let mut conn: Vec<usize> = gap
                .iter()
                .filter(|g| g.from == s)
                .map(|g| en[g.to])
                .collect();
            conn.push(ex[s]);
            let lo = *conn.iter().min().unwrap_or(&ex[s]);
            let hi = *conn.iter().max().unwrap_or(&ex[s]);
            for x in lo..=hi {
                let passing = verticals
                    .iter()
                    .any(|&(vx, a, b)| vx == x && a < yk && yk < b);
                if passing && !conn.contains(&x) {
                    continue; // a crossing, not a join
                }
                let mut b = 0;
                if x > lo {
                    b |= W;
                }
                if x < hi {
                    b |= E;
                }
                cv.bits(x, yk, b);
            }
        }
        // Box borders: where lines leave and enter.
        for &s in &srcs {
            if rows[r][s].node.is_some() {
                cv.put(ex[s], g0 - 1, '┬');
            }
        }
        for &t in &tgts {
            if rows[r + 1][t].node.is_some() {
                cv.put(en[t], last + 1, '▼');
            }
        }
    }
    cv.finish()
}

#[cfg(test)]
mod tests {
    use super::super::{Edge, Graph, Node, Tier};
    use super::*;

    fn node(id: &str, tier: Tier) -> Node {
        Node {
            id: id.into(),
            title: id.into(),
            detail: Vec::new(),
            tier,
            group: None,
            shape: Default::default(),
        }
    }

    fn graph(nodes: &[(&str, Tier)], edges: &[(usize, usize)]) -> Graph {
        Graph {
            nodes: nodes.iter().map(|(n, t)| node(n, *t)).collect(),
            edges: edges
                .iter()
                .map(|&(from, to)| Edge {
                    from,
                    to,
                    label: String::new(),
                    dotted: false,
                })
                .collect(),
        }
    }

    #[test]
    fn chain_is_a_straight_column() {
        let g = graph(
            &[
                ("lb", Tier::Entry),
                ("app", Tier::Compute),
                ("db", Tier::Data),
            ],
            &[(0, 1), (1, 2)],
        );
        let d = draw(&g);
        assert_eq!(
            d,
            "┌────┐\n│ lb │\n└──┬─┘\n   │\n┌──▼──┐\n│ app │\n└──┬──┘\n   │\n┌──▼─┐\n│ db │\n└────┘\n"
        );
    }

    #[test]
    fn fan_out_draws_one_arrow_per_target() {
        let g = graph(
            &[
                ("app", Tier::Compute),
                ("db", Tier::Data),
                ("cache", Tier::Data),
                ("queue", Tier::Data),
            ],
            &[(0, 1), (0, 2), (0, 3)],
        );
        let d = draw(&g);
        insta::assert_snapshot!(d, @r"
                  ┌─────┐
                  │ app │
                  └──┬──┘
                     │
           ┌─────────┼───────────┐
           │         │           │
        ┌──▼─┐   ┌───▼───┐   ┌───▼───┐
        │ db │   │ cache │   │ queue │
        └────┘   └───────┘   └───────┘
        ");
        assert_eq!(d.matches('▼').count(), 3);
    }

    #[test]
    fn long_edges_pass_through_and_ranks_follow_links() {
        // cdn → bucket skips the compute row; worker is below app because app feeds it.
        let g = graph(
            &[
                ("cdn", Tier::Edge),
                ("app", Tier::Compute),
                ("worker", Tier::Compute),
                ("bucket", Tier::Data),
            ],
            &[(0, 1), (1, 2), (0, 3)],
        );
        let d = draw(&g);
        let row = |name: &str| d.lines().position(|l| l.contains(name)).unwrap();
        assert!(row("cdn") < row("app"));
        assert!(row("app") < row("worker"), "{d}");
        assert!(
            row("worker") < row("bucket") || row("bucket") > row("app"),
            "{d}"
        );
        assert_eq!(d.matches('▼').count(), 3, "{d}");
    }

    #[test]
    fn cycles_are_listed_not_drawn() {
        let g = graph(
            &[("app", Tier::Compute), ("worker", Tier::Compute)],
            &[(0, 1), (1, 0)],
        );
        let d = draw(&g);
        assert!(d.contains("↺ worker → app"), "{d}");
        assert_eq!(d.matches('▼').count(), 1);
    }

    #[test]
    fn deterministic() {
        let g = graph(
            &[
                ("a", Tier::Edge),
                ("b", Tier::Entry),
                ("c", Tier::Entry),
                ("d", Tier::Data),
                ("e", Tier::Data),
            ],
            &[(0, 1), (0, 2), (1, 4), (2, 3), (1, 3)],
        );
        assert_eq!(draw(&g), draw(&g));
    }

    #[test]
    fn long_names_are_cut() {
        let mut g = graph(&[("x", Tier::Data)], &[]);
        g.nodes[0].title = "A".repeat(80);
        let d = draw(&g);
        assert!(d.contains('…'));
        assert!(d.lines().all(|l| l.chars().count() <= MAX_LABEL + 4));
    }
}

#[cfg(test)]
mod props {
    use super::super::{Edge, Graph, Node, Tier};
    use super::*;
    use proptest::prelude::*;

    const TIERS: [Tier; 5] = [
        Tier::Client,
        Tier::Edge,
        Tier::Entry,
        Tier::Compute,
        Tier::Data,
    ];

    fn graph(tiers: Vec<usize>, edges: Vec<(usize, usize)>) -> Graph {
        let n = tiers.len();
        Graph {
            nodes: tiers
                .iter()
                .enumerate()
                .map(|(i, &t)| Node {
                    id: format!("n{i}"),
                    title: format!("node-{i}"),
                    detail: vec!["svc".into()],
                    tier: TIERS[t],
                    group: None,
                    shape: Default::default(),
                })
                .collect(),
            edges: edges
                .into_iter()
                .filter(|(a, b)| a % n != b % n)
                .map(|(a, b)| Edge {
                    from: a % n,
                    to: b % n,
                    label: String::new(),
                    dotted: false,
                })
                .collect(),
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]
        /// Any graph, cycles included, draws every node once and every
        /// edge either as an arrow or as a listed cycle edge.
        #[test]
        fn any_graph_draws(
            tiers in proptest::collection::vec(0usize..5, 1..9),
            edges in proptest::collection::vec((0usize..9, 0usize..9), 0..14),
        ) {
            let g = graph(tiers, edges);
            let d = draw(&g);
            prop_assert_eq!(&d, &draw(&g));
            for n in &g.nodes {
                prop_assert_eq!(d.matches(&format!("│ {} ", n.title)).count(), 1, "{}", d);
            }
            let targets: std::collections::BTreeSet<usize> = g.edges.iter().map(|e| e.to).collect();
            let arrows = d.matches('▼').count();
            let listed = d.matches('↺').count();
            prop_assert!(arrows + listed >= targets.len().min(1), "{}", d);
            prop_assert!(arrows <= g.edges.len(), "{}", d);
        }
    }
}
