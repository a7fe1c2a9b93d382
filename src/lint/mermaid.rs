//! A structural validator for Mermaid diagrams: enough of the grammar to catch
//! what breaks rendering in practice (unknown diagram type, unbalanced
//! brackets, unquoted brackets inside a label, arrows without a target,
//! `subgraph`/`end` and block mismatches, sequence messages without a colon).
//! Flowcharts and sequence diagrams are checked statement by statement; other
//! diagram types only by their header. It never claims a diagram is valid
//! that real Mermaid rejects on those points; it may accept some that Mermaid
//! rejects for reasons outside them.

/// Where and why a diagram does not parse.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MermaidError {
    /// 0-based line inside the code block.
    pub line: usize,
    /// 1-based character column in that line.
    pub column: usize,
    pub message: String,
}

/// What the validator learnt about a diagram that parses.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diagram {
    /// The diagram type keyword (`flowchart`, `sequenceDiagram`, …).
    pub kind: String,
    /// Node labels (or ids when a node has no label), participants for sequences.
    pub labels: Vec<String>,
}

const OTHER_TYPES: &[&str] = &[
    "classDiagram",
    "classDiagram-v2",
    "stateDiagram",
    "stateDiagram-v2",
    "erDiagram",
    "gantt",
    "pie",
    "journey",
    "gitGraph",
    "mindmap",
    "timeline",
    "quadrantChart",
    "requirementDiagram",
    "C4Context",
    "C4Container",
    "C4Component",
    "C4Dynamic",
    "C4Deployment",
    "sankey-beta",
    "xychart-beta",
    "block-beta",
    "packet-beta",
    "architecture-beta",
    "kanban",
    "radar-beta",
    "zenuml",
];

fn err(line: usize, column: usize, message: impl Into<String>) -> MermaidError {
    MermaidError {
        line,
        column,
        message: message.into(),
    }
}

/// Validate a Mermaid diagram's source.
pub fn check(src: &str) -> Result<Diagram, MermaidError> {
    let lines: Vec<&str> = src.lines().collect();
    let mut i = 0;
    // YAML frontmatter (`---\ntitle: x\n---`) before the header.
    if lines.first().is_some_and(|l| l.trim() == "---") {
        i = 1;
        while i < lines.len() && lines[i].trim() != "---" {
            i += 1;
        }
        if i == lines.len() {
            return Err(err(0, 1, "frontmatter `---` is never closed"));
        }
        i += 1;
    }
    while i < lines.len() && (lines[i].trim().is_empty() || lines[i].trim_start().starts_with("%%"))
    {
        i += 1;
    }
    let Some(header) = lines.get(i) else {
        return Err(err(0, 1, "empty diagram"));
    };
    let head = header.trim();
    let word = head.split([' ', ';', '\t']).next().unwrap_or("");
    match word {
        "flowchart" | "graph" => {
            let rest = head[word.len()..].trim();
            let dir_word = rest.split([' ', ';', '\t']).next().unwrap_or("");
            if !dir_word.is_empty() && !matches!(dir_word, "TB" | "TD" | "BT" | "RL" | "LR") {
                return Err(err(
                    i,
                    col_of(header, dir_word),
                    format!("unknown direction `{dir_word}` (use TB, TD, BT, RL or LR)"),
                ));
            }
            let after = rest[dir_word.len()..].trim();
            // `graph TD; A-->B;` is valid: statements may follow a `;`.
            let (owned, shift): (Vec<&str>, usize) = if let Some(more) = after.strip_prefix(';') {
                (
                    std::iter::once(more)
                        .chain(lines[i + 1..].iter().copied())
                        .collect(),
                    i,
                )
            } else if after.is_empty() {
                (lines[i + 1..].to_vec(), i + 1)
            } else {
                return Err(err(
                    i,
                    col_of(header, after),
                    "statements must start on the line after the diagram header (or after `;`)",
                ));
            };
            flowchart(&owned, 0)
                .map_err(|mut e| {
                    e.line += shift;
                    e
                })
                .map(|labels| Diagram {
                    kind: word.to_string(),
                    labels,
                })
        }
        "sequenceDiagram" => sequence(&lines, i + 1).map(|labels| Diagram {
            kind: word.to_string(),
            labels,
        }),
        w if OTHER_TYPES.contains(&w) => Ok(Diagram {
            kind: w.to_string(),
            labels: Vec::new(),
        }),
        w => Err(err(
            i,
            col_of(header, w),
            format!("unknown diagram type `{w}` (expected flowchart, graph, sequenceDiagram, …)"),
        )),
    }
}

fn col_of(line: &str, needle: &str) -> usize {
    line.find(needle)
        .map_or(1, |b| line[..b].chars().count() + 1)
}

/// Split a line into statements at `;` outside quotes and brackets.
fn statements(line: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut quote = false;
    let mut depth = 0i32;
    for (b, c) in line.char_indices() {
        match c {
            '"' => quote = !quote,
            '[' | '(' | '{' if !quote => depth += 1,
            ']' | ')' | '}' if !quote => depth -= 1,
            ';' if !quote && depth <= 0 => {
                out.push((start, &line[start..b]));
                start = b + 1;
            }
            _ => {}
        }
    }
    out.push((start, &line[start..]));
    out
}

fn flowchart(lines: &[&str], from: usize) -> Result<Vec<String>, MermaidError> {
    let mut open: Vec<usize> = Vec::new();
    let mut labels = Vec::new();
    for (n, raw) in lines.iter().enumerate().skip(from) {
        for (off, stmt) in statements(raw) {
            let s = stmt.trim();
            if s.is_empty() || s.starts_with("%%") {
                continue;
            }
            let lead = off + (stmt.len() - stmt.trim_start().len());
            let first = s.split_whitespace().next().unwrap_or("");
            match first {
                "subgraph" => {
                    subgraph_title(
                        s["subgraph".len()..].trim(),
                        n,
                        raw[..lead].chars().count() + 10,
                    )?;
                    open.push(n);
                    continue;
                }
                "direction" => {
                    let d = s["direction".len()..].trim();
                    if !matches!(d, "TB" | "TD" | "BT" | "RL" | "LR") {
                        return Err(err(
                            n,
                            raw[..lead].chars().count() + 11,
                            format!("unknown direction `{d}` (use TB, TD, BT, RL or LR)"),
                        ));
                    }
                    continue;
                }
                "end" if s == "end" => {
                    if open.pop().is_none() {
                        return Err(err(
                            n,
                            raw[..lead].chars().count() + 1,
                            "`end` without an open `subgraph`",
                        ));
                    }
                    continue;
                }
                "classDef" | "class" | "style" | "linkStyle" | "click" | "accTitle"
                | "accDescr" | "accTitle:" | "accDescr:" => continue,
                _ => {}
            }
            let chars: Vec<char> = raw[lead..lead + s.len()].chars().collect();
            let base_col = raw[..lead].chars().count() + 1;
            let mut p = Parser {
                c: &chars,
                i: 0,
                line: n,
                base: base_col,
                labels: &mut labels,
            };
            p.chain()?;
        }
    }
    if let Some(&l) = open.last() {
        return Err(err(l, 1, "`subgraph` is never closed with `end`"));
    }
    Ok(labels)
}

/// `subgraph id`, `subgraph id [title]`, `subgraph "title"` or `subgraph title
/// words`: brackets only as one `[...]` after the id, and no parentheses or
/// pipes outside quotes.
fn subgraph_title(rest: &str, line: usize, col: usize) -> Result<(), MermaidError> {
    if rest.is_empty() {
        return Err(err(line, col, "`subgraph` needs an id or a title"));
    }
    if let Some(quoted) = rest.strip_prefix('"') {
        return if quoted.contains('"') {
            Ok(())
        } else {
            Err(err(line, col, "unterminated `\"` in a subgraph title"))
        };
    }
    let (head, bracket) = match rest.find('[') {
        Some(b) => (&rest[..b], Some(&rest[b..])),
        None => (rest, None),
    };
    if let Some(off) = head.find(['(', ')', '{', '}', '|', ']']) {
        return Err(err(
            line,
            col + head[..off].chars().count(),
            "brackets or pipes in an unquoted subgraph title; use subgraph id[\"title\"]",
        ));
    }
    if let Some(b) = bracket {
        let inner = b.trim_end();
        let ok = inner.ends_with(']') && {
            let body = inner[1..inner.len() - 1].trim();
            (body.starts_with('"') && body.ends_with('"') && body.len() >= 2)
                || !body.contains(['[', ']', '(', ')', '{', '}', '|'])
        };
        if !ok {
            return Err(err(
                line,
                col + head.chars().count(),
                "subgraph title must be one `[...]` without unquoted brackets or pipes",
            ));
        }
    }
    Ok(())
}

struct Parser<'a> {
    c: &'a [char],
    i: usize,
    line: usize,
    base: usize,
    labels: &'a mut Vec<String>,
}

const SHAPES: &[(&str, &str)] = &[
    ("(((", ")))"),
    ("((", "))"),
    ("([", "])"),
    ("[[", "]]"),
    ("[(", ")]"),
    ("[/", "/]"),
    ("[\\", "\\]"),
    ("{{", "}}"),
    ("(", ")"),
    ("[", "]"),
    ("{", "}"),
    (">", "]"),
];

impl Parser<'_> {
    fn error(&self, message: impl Into<String>) -> MermaidError {
        err(self.line, self.base + self.i, message)
    }
    fn peek(&self) -> Option<char> {
        self.c.get(self.i).copied()
    }
    fn at(&self, s: &str) -> bool {
        s.chars()
            .enumerate()
            .all(|(k, ch)| self.c.get(self.i + k) == Some(&ch))
    }
    fn skip_ws(&mut self) {
        while self.peek().is_some_and(char::is_whitespace) {
            self.i += 1;
        }
    }

    fn chain(&mut self) -> Result<(), MermaidError> {
        self.group()?;
        loop {
            self.skip_ws();
            if self.peek().is_none() {
                return Ok(());
            }
            if !self.edge()? {
                return Err(self.error(format!(
                    "expected an arrow (`-->`, `---`, `-.->`, `==>`) or the end of the statement, found `{}`",
                    self.peek().unwrap_or(' ')
                )));
            }
            self.skip_ws();
            if self.peek().is_none() {
                return Err(self.error("arrow without a target node"));
            }
            self.group()?;
        }
    }

    fn group(&mut self) -> Result<(), MermaidError> {
        self.node()?;
        loop {
            self.skip_ws();
            if self.peek() == Some('&') {
                self.i += 1;
                self.skip_ws();
                self.node()?;
            } else {
                return Ok(());
            }
        }
    }

    fn node(&mut self) -> Result<(), MermaidError> {
        let start = self.i;
        while let Some(ch) = self.peek() {
            let ok = ch.is_alphanumeric()
                || ch == '_'
                || (ch == '-'
                    && self.i > start
                    && self.c.get(self.i + 1).is_some_and(|n| n.is_alphanumeric()))
                || (ch == '.'
                    && self.i > start
                    && self.c.get(self.i + 1).is_some_and(|n| n.is_alphanumeric()));
            if !ok {
                break;
            }
            self.i += 1;
        }
        if self.i == start {
            return Err(self.error(match self.peek() {
                Some(c) => format!("expected a node id, found `{c}`"),
                None => "expected a node id".to_string(),
            }));
        }
        let id: String = self.c[start..self.i].iter().collect();
        let mut label = None;
        if let Some(&(open, close)) = SHAPES.iter().find(|(o, _)| self.at(o)) {
            self.i += open.chars().count();
            label = Some(self.label(open, close)?);
        } else if self.at("@{") {
            self.i += 1;
            self.balanced('{', '}')?;
        }
        if self.at(":::") {
            self.i += 3;
            while self
                .peek()
                .is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '-')
            {
                self.i += 1;
            }
        }
        self.labels.push(label.unwrap_or(id));
        Ok(())
    }

    fn label(&mut self, open: &str, close: &str) -> Result<String, MermaidError> {
        let open_at = self.i;
        self.skip_ws();
        if self.peek() == Some('"') {
            self.i += 1;
            let s = self.i;
            while self.peek().is_some_and(|c| c != '"') {
                self.i += 1;
            }
            if self.peek().is_none() {
                return Err(err(
                    self.line,
                    self.base + s - 1,
                    "unterminated `\"` in a node label",
                ));
            }
            let text: String = self.c[s..self.i].iter().collect();
            self.i += 1;
            self.skip_ws();
            if !self.at(close) {
                return Err(self.error(format!("expected `{close}` to close the `{open}` shape")));
            }
            self.i += close.chars().count();
            return Ok(text);
        }
        let s = self.i;
        loop {
            if self.at(close) {
                let text: String = self.c[s..self.i].iter().collect();
                self.i += close.chars().count();
                return Ok(text.trim().to_string());
            }
            match self.peek() {
                None => {
                    return Err(err(
                        self.line,
                        self.base + open_at - open.chars().count(),
                        format!("`{open}` is never closed with `{close}`"),
                    ));
                }
                Some(c @ ('[' | ']' | '(' | ')' | '{' | '}')) => {
                    return Err(self.error(format!(
                        "`{c}` inside an unquoted label breaks Mermaid's parser; quote the label: id[\"…\"]"
                    )));
                }
                Some(_) => self.i += 1,
            }
        }
    }

    fn balanced(&mut self, open: char, close: char) -> Result<(), MermaidError> {
        let start = self.i;
        let mut depth = 0;
        let mut quote = false;
        while let Some(c) = self.peek() {
            self.i += 1;
            match c {
                '"' => quote = !quote,
                c if c == open && !quote => depth += 1,
                c if c == close && !quote => {
                    depth -= 1;
                    if depth == 0 {
                        return Ok(());
                    }
                }
                _ => {}
            }
        }
        Err(err(
            self.line,
            self.base + start,
            format!("`{open}` is never closed"),
        ))
    }

    /// Parse one link if there is one here. Returns false when no arrow starts here.
    fn edge(&mut self) -> Result<bool, MermaidError> {
        let start = self.i;
        if self.peek() == Some('<')
            || (matches!(self.peek(), Some('o' | 'x'))
                && matches!(self.c.get(self.i + 1), Some('-' | '=')))
        {
            self.i += 1;
        }
        let body = self.peek();
        match body {
            Some('-') if self.at("-.") => {
                self.i += 1;
                while self.peek() == Some('.') {
                    self.i += 1;
                }
                if self.peek() == Some('-') {
                    self.i += 1;
                    self.head();
                } else {
                    // `-. text .->`
                    self.text_until(&[".->", ".-"])?;
                }
            }
            Some('-') => {
                let n = self.run('-');
                if n < 2 {
                    self.i = start;
                    return Ok(false);
                }
                let headed = self.head();
                if !headed && n == 2 {
                    // `-- text -->`
                    self.text_until(&["-->", "---", "--o", "--x"])?;
                }
            }
            Some('=') => {
                let n = self.run('=');
                if n < 2 {
                    self.i = start;
                    return Ok(false);
                }
                let headed = self.head();
                if !headed && n == 2 {
                    self.text_until(&["==>", "==="])?;
                }
            }
            Some('~') => {
                if self.run('~') < 3 {
                    self.i = start;
                    return Ok(false);
                }
            }
            _ => {
                self.i = start;
                return Ok(false);
            }
        }
        self.skip_ws();
        if self.peek() == Some('|') {
            self.i += 1;
            let s = self.i;
            while self.peek().is_some_and(|c| c != '|') {
                self.i += 1;
            }
            if self.peek().is_none() {
                return Err(err(
                    self.line,
                    self.base + s - 1,
                    "edge label `|` is never closed",
                ));
            }
            self.i += 1;
        }
        Ok(true)
    }

    fn run(&mut self, ch: char) -> usize {
        let s = self.i;
        while self.peek() == Some(ch) {
            self.i += 1;
        }
        self.i - s
    }

    /// An arrowhead (`>`, `o`, `x`) right after the link body.
    fn head(&mut self) -> bool {
        match self.peek() {
            Some('>') => {
                self.i += 1;
                true
            }
            Some('o' | 'x')
                if !self
                    .c
                    .get(self.i + 1)
                    .is_some_and(|c| c.is_alphanumeric() || *c == '_') =>
            {
                self.i += 1;
                true
            }
            _ => false,
        }
    }

    fn text_until(&mut self, closers: &[&str]) -> Result<(), MermaidError> {
        let s = self.i;
        while self.peek().is_some() {
            if let Some(c) = closers.iter().find(|c| self.at(c)) {
                self.i += c.chars().count();
                while matches!(self.peek(), Some('-' | '=' | '.')) {
                    self.i += 1;
                }
                self.head();
                return Ok(());
            }
            self.i += 1;
        }
        Err(err(
            self.line,
            self.base + s,
            format!("link text is never closed (expected `{}`)", closers[0]),
        ))
    }
}

fn sequence(lines: &[&str], from: usize) -> Result<Vec<String>, MermaidError> {
    const ARROWS: &[&str] = &[
        "<<-->>", "<<->>", "-->>", "->>", "--x", "-x", "--)", "-)", "-->", "->",
    ];
    let mut blocks: Vec<(usize, &str)> = Vec::new();
    let mut labels: Vec<String> = Vec::new();
    let add = |name: &str, labels: &mut Vec<String>| {
        let n = name.trim().to_string();
        if !n.is_empty() && !labels.contains(&n) {
            labels.push(n);
        }
    };
    for (n, raw) in lines.iter().enumerate().skip(from) {
        let s = raw.trim();
        if s.is_empty() || s.starts_with("%%") {
            continue;
        }
        let col = raw.len() - raw.trim_start().len() + 1;
        let first = s.split_whitespace().next().unwrap_or("");
        match first {
            "participant" | "actor" => {
                let rest = s[first.len()..].trim();
                let name = rest.split(" as ").nth(1).unwrap_or(rest);
                add(name, &mut labels);
            }
            "create" | "destroy" | "autonumber" | "activate" | "deactivate" | "title"
            | "accTitle" | "accDescr" | "link" | "links" | "properties" | "details" => {}
            "loop" | "alt" | "opt" | "par" | "par_over" | "critical" | "break" | "rect" | "box" => {
                blocks.push((n, first));
            }
            "else" | "and" | "option" => {
                let parent = blocks.last().map(|b| b.1);
                let ok = match first {
                    "else" => parent == Some("alt"),
                    "and" => matches!(parent, Some("par" | "par_over")),
                    _ => parent == Some("critical"),
                };
                if !ok {
                    return Err(err(
                        n,
                        col,
                        format!("`{first}` outside the block it belongs to"),
                    ));
                }
            }
            "end" => {
                if blocks.pop().is_none() {
                    return Err(err(
                        n,
                        col,
                        "`end` without an open block (loop, alt, opt, par, critical, break, rect, box)",
                    ));
                }
            }
            w if w.eq_ignore_ascii_case("note") => {
                let lower = s.to_ascii_lowercase();
                let placed = ["note left of", "note right of", "note over"]
                    .iter()
                    .any(|p| lower.starts_with(p));
                if !placed || !s.contains(':') {
                    return Err(err(
                        n,
                        col,
                        "a note needs `Note left of|right of|over X: text`",
                    ));
                }
            }
            _ => {
                let Some((at, arrow)) = find_arrow(s, ARROWS) else {
                    return Err(err(
                        n,
                        col,
                        format!("expected a message `A->>B: text` or a keyword, found `{first}`"),
                    ));
                };
                let from_actor = s[..at].trim();
                let rest = &s[at + arrow.len()..];
                let Some(colon) = rest.find(':') else {
                    return Err(err(
                        n,
                        col + at,
                        "message without `: text` after the target",
                    ));
                };
                let to = rest[..colon].trim().trim_start_matches(['+', '-']).trim();
                if from_actor.is_empty() || to.is_empty() {
                    return Err(err(
                        n,
                        col + at,
                        "message arrow needs a participant on both sides",
                    ));
                }
                add(from_actor, &mut labels);
                add(to, &mut labels);
            }
        }
    }
    if let Some(&(l, kind)) = blocks.last() {
        return Err(err(
            l,
            1,
            format!("`{kind}` block is never closed with `end`"),
        ));
    }
    Ok(labels)
}

fn find_arrow<'a>(s: &str, arrows: &[&'a str]) -> Option<(usize, &'a str)> {
    // The message text after `:` may hold arrows of its own; search before it.
    let head = s.find(':').map_or(s, |c| &s[..c]);
    let mut best: Option<(usize, &str)> = None;
    for a in arrows {
        if let Some(p) = head.find(a)
            && best.is_none_or(|(bp, ba)| p < bp || (p == bp && a.len() > ba.len()))
        {
            best = Some((p, a));
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_diagrams() {
        let ok = [
            "flowchart LR\n  user([Shopper]) --> cdn[CloudFront]\n  cdn --> alb[ALB] --> api[\"checkout-api (ECS)\"]\n  api -->|SQL| db[(RDS PostgreSQL)]\n",
            "graph TD;\nA-->B;\nB---C\nC-.->D\nD==>E\nE-- calls -->F\nF-. async .->G\nG == sync ==> H\nA & B --> C\n",
            "flowchart TB\n  subgraph vpc [VPC 10.0.0.0/16]\n    direction LR\n    a[ALB] --> b{Healthy?}\n  end\n  classDef hot fill:#f96\n  class a hot\n  b --o c((Cache)) --x d>Alert]\n  e[[Worker]] ~~~ f[/Queue/]\n  api-gw[API] --> g:::hot\n",
            "sequenceDiagram\n  participant C as Client\n  actor U as User\n  U->>C: open\n  C->>+API: POST /orders\n  alt paid\n    API-->>C: 201\n  else declined\n    API--xC: 402\n  end\n  Note over C,API: TLS 1.3\n  loop every 30s\n    C-)API: ping\n  end\n",
            "---\ntitle: Pie\n---\npie title Spend\n  \"EC2\" : 40\n",
            "%%{init: {'theme':'dark'}}%%\ngraph LR\n  a --> b\n",
            "graph TD; A-->B;\n",
            "flowchart LR\nsubgraph one [\"Title (x)\"]\na\nend\n",
            "flowchart LR\nsubgraph Title words here\na\nend\n",
        ];
        for src in ok {
            assert!(check(src).is_ok(), "{src}\n{:?}", check(src));
        }
        let d = check(ok[0]).expect("valid");
        for l in [
            "Shopper",
            "CloudFront",
            "checkout-api (ECS)",
            "RDS PostgreSQL",
        ] {
            assert!(d.labels.iter().any(|x| x == l), "{l} in {:?}", d.labels);
        }
    }

    // Every case here was checked against Mermaid 11's own parser
    // (`mermaid.parse` under Node with jsdom): valid ones parse there, invalid
    // ones fail there too.
    #[test]
    fn invalid_diagrams() {
        let cases: &[(&str, usize, &str)] = &[
            ("flowhcart LR\n a-->b\n", 0, "unknown diagram type"),
            ("graph XY\n a-->b\n", 0, "unknown direction"),
            ("graph LR\n a[API (Node 20)] --> b\n", 1, "unquoted label"),
            ("graph LR\n a[API --> b\n", 1, "never closed"),
            ("graph LR\n a --> \n", 1, "without a target"),
            ("graph LR\n a b\n", 1, "expected an arrow"),
            (
                "graph LR\n subgraph x\n a-->b\n",
                1,
                "never closed with `end`",
            ),
            ("graph LR\n a-->b\n end\n", 2, "without an open"),
            ("graph LR; a-->b;\n b-->c d\n", 1, "expected an arrow"),
            ("graph LR\n a -- text b\n", 1, "link text is never closed"),
            ("graph LR\n a -->|yes b\n", 1, "never closed"),
            ("sequenceDiagram\n A->>B hello\n", 1, "without `: text`"),
            ("sequenceDiagram\n loop x\n A->>B: y\n", 1, "never closed"),
            ("sequenceDiagram\n else\n", 1, "outside"),
            ("sequenceDiagram\n A to B\n", 1, "expected a message"),
            ("sequenceDiagram\n Note A: x\n", 1, "a note needs"),
            ("", 0, "empty diagram"),
            (
                "flowchart LR  User --> LB\n",
                0,
                "line after the diagram header",
            ),
            (
                "graph TB\n subgraph vpc [VPC 10.0. (x) 0.0/16]\n a\n end\n",
                1,
                "subgraph title",
            ),
            (
                "graph TB\n subgraph vp (x) c\n a\n end\n",
                1,
                "unquoted subgraph title",
            ),
            (
                "graph TB\n subgraph v\n direction (LR\n end\n",
                2,
                "unknown direction",
            ),
        ];
        for (src, line, msg) in cases {
            let e = check(src).expect_err(src);
            assert_eq!(e.line, *line, "{src}: {e:?}");
            assert!(e.message.contains(msg), "{src}: {}", e.message);
        }
    }

    proptest::proptest! {
        #[test]
        fn never_panics(s in "(graph LR|sequenceDiagram|flowchart TB)\n[ -~\n]{0,200}") {
            let _ = check(&s);
        }
    }
}
