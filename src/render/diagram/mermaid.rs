//! The same topology as a Mermaid `flowchart`, which GitHub renders.
//!
//! Labels are always quoted and escaped with Mermaid's entity codes, node ids are
//! generated (`n_<id>`), never taken raw: a component called `end` or a label with
//! quotes must not break the parse. Nodes placed in a region sit in one subgraph
//! per region; global nodes (CDN, DNS) and the clients stay outside.

use super::{Graph, Tier};

/// Escape text for a quoted Mermaid label.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '"' => out.push_str("#quot;"),
            '#' => out.push_str("#35;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            '&' => out.push_str("#amp;"),
            '|' => out.push_str("#124;"),
            '`' => out.push_str("#96;"),
            '\n' | '\r' | '\t' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

/// A safe, unique node id for each node.
fn ids(g: &Graph) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(g.nodes.len());
    for n in &g.nodes {
        let base: String =
            n.id.chars()
                .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
                .collect();
        let mut id = format!("n_{base}");
        let mut k = 2;
        while out.contains(&id) {
            id = format!("n_{base}_{k}");
            k += 1;
        }
        out.push(id);
    }
    out
}

fn node_line(g: &Graph, i: usize, id: &str) -> String {
    let n = &g.nodes[i];
    let mut text = escape(&n.title);
    for d in &n.detail {
        text.push_str("<br/>");
        text.push_str(&escape(d));
    }
    match (n.tier, n.shape) {
        (Tier::Client, _) => format!("{id}([\"{text}\"])"),
        (_, Shape::Store) => format!("{id}[(\"{text}\")]"),
        (_, Shape::Box) => format!("{id}[\"{text}\"]"),
    }
}

/// How a node is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Shape {
    #[default]
    Box,
    /// Databases and storage: Mermaid's cylinder.
    Store,
}

/// Render the flowchart (without the surrounding code fence).
pub fn flowchart(g: &Graph) -> String {
    let ids = ids(g);
    let mut out = String::from("flowchart TD\n");
    // Groups in order of first appearance, so output follows the model's order.
    let mut groups: Vec<&str> = Vec::new();
    for n in &g.nodes {
        if let Some(gr) = n.group.as_deref()
            && !groups.contains(&gr)
        {
            groups.push(gr);
        }
    }
    // Clients first, then the global nodes, so the chart reads top-down.
    let mut outside: Vec<usize> = (0..g.nodes.len())
        .filter(|&i| g.nodes[i].group.is_none())
        .collect();
    outside.sort_by_key(|&i| (g.nodes[i].tier != Tier::Client, i));
    for i in outside {
        out.push_str(&format!("    {}\n", node_line(g, i, &ids[i])));
    }
    for (k, gr) in groups.iter().enumerate() {
        out.push_str(&format!("    subgraph g{}[\"{}\"]\n", k + 1, escape(gr)));
        for (i, n) in g.nodes.iter().enumerate() {
            if n.group.as_deref() == Some(*gr) {
                out.push_str(&format!("        {}\n", node_line(g, i, &ids[i])));
            }
        }
        out.push_str("    end\n");
    }
    for e in &g.edges {
        let arrow = if e.dotted { "-.->" } else { "-->" };
        if e.label.is_empty() {
            out.push_str(&format!("    {} {arrow} {}\n", ids[e.from], ids[e.to]));
        } else {
            out.push_str(&format!(
                "    {} {arrow}|\"{}\"| {}\n",
                ids[e.from],
                escape(&e.label),
                ids[e.to]
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::{Edge, Node};
    use super::*;

    fn node(id: &str, title: &str, tier: Tier, group: Option<&str>) -> Node {
        Node {
            id: id.into(),
            title: title.into(),
            detail: Vec::new(),
            tier,
            group: group.map(str::to_string),
            shape: Shape::Box,
        }
    }

    #[test]
    fn groups_escapes_and_safe_ids() {
        let mut g = Graph {
            nodes: vec![
                node("clients", "Clients", Tier::Client, None),
                node(
                    "end",
                    "Load \"balancer\" <L7>",
                    Tier::Entry,
                    Some("Region eu-west-1"),
                ),
                node(
                    "db",
                    "Postgres #1 | primary",
                    Tier::Data,
                    Some("Region eu-west-1"),
                ),
            ],
            edges: vec![
                Edge {
                    from: 0,
                    to: 1,
                    label: "HTTPS".into(),
                    dotted: false,
                },
                Edge {
                    from: 1,
                    to: 2,
                    label: String::new(),
                    dotted: true,
                },
            ],
        };
        g.nodes[2].shape = Shape::Store;
        insta::assert_snapshot!(flowchart(&g), @r#"
        flowchart TD
            n_clients(["Clients"])
            subgraph g1["Region eu-west-1"]
                n_end["Load #quot;balancer#quot; #lt;L7#gt;"]
                n_db[("Postgres #35;1 #124; primary")]
            end
            n_clients -->|"HTTPS"| n_end
            n_end -.-> n_db
        "#);
    }

    #[test]
    fn colliding_ids_get_suffixes() {
        let g = Graph {
            nodes: vec![
                node("a-b", "x", Tier::Data, None),
                node("a_b", "y", Tier::Data, None),
            ],
            edges: Vec::new(),
        };
        let f = flowchart(&g);
        assert!(
            f.contains("n_a_b[\"x\"]") && f.contains("n_a_b_2[\"y\"]"),
            "{f}"
        );
    }
}
