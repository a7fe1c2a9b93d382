//! A tiny Markdown writer: headings, paragraphs, lists, tables and fences with
//! consistent blank lines, so sections never worry about spacing or escaping.

/// Markdown under construction.
#[derive(Debug, Default)]
pub struct Doc {
    out: String,
}

/// Escape a table cell: a `|` would end the cell, a newline the row.
pub fn cell(s: &str) -> String {
    let one_line = s.split_whitespace().collect::<Vec<_>>().join(" ");
    one_line.replace('|', "\\|")
}

impl Doc {
    pub fn h1(&mut self, text: &str) {
        self.block(&format!("# {text}"));
    }
    pub fn h2(&mut self, text: &str) {
        self.block(&format!("## {text}"));
    }
    pub fn h3(&mut self, text: &str) {
        self.block(&format!("### {text}"));
    }
    /// A paragraph (skipped when empty).
    pub fn para(&mut self, text: &str) {
        let t = text.trim();
        if !t.is_empty() {
            self.block(t);
        }
    }
    /// Lines kept together without blank lines between them (header fields).
    pub fn lines(&mut self, lines: &[String]) {
        self.block(&lines.join("\n"));
    }
    /// A bullet list; an item may hold nested lines that start with two spaces.
    pub fn bullets<S: AsRef<str>>(&mut self, items: &[S]) {
        if items.is_empty() {
            return;
        }
        let body: Vec<String> = items.iter().map(|i| format!("- {}", i.as_ref())).collect();
        self.block(&body.join("\n"));
    }
    /// A numbered list.
    pub fn numbered<S: AsRef<str>>(&mut self, items: &[S]) {
        if items.is_empty() {
            return;
        }
        let body: Vec<String> = items
            .iter()
            .enumerate()
            .map(|(i, s)| format!("{}. {}", i + 1, s.as_ref()))
            .collect();
        self.block(&body.join("\n"));
    }
    /// A task list (`- [ ] …`).
    pub fn tasks<S: AsRef<str>>(&mut self, items: &[S]) {
        if items.is_empty() {
            return;
        }
        let body: Vec<String> = items
            .iter()
            .map(|i| format!("- [ ] {}", i.as_ref()))
            .collect();
        self.block(&body.join("\n"));
    }
    /// A table; cells are escaped here.
    pub fn table(&mut self, headers: &[&str], rows: &[Vec<String>]) {
        let mut t = String::new();
        t.push_str(&format!("| {} |\n", headers.join(" | ")));
        let rules: Vec<String> = headers.iter().map(|h| "-".repeat(h.len().max(3))).collect();
        t.push_str(&format!("|{}|\n", rules.join("|")));
        for r in rows {
            let cells: Vec<String> = r.iter().map(|c| cell(c)).collect();
            t.push_str(&format!("| {} |\n", cells.join(" | ")));
        }
        self.block(t.trim_end());
    }
    /// A table, or when there are no rows the sentence that says why.
    pub fn table_or(&mut self, headers: &[&str], rows: &[Vec<String>], empty: &str) {
        if rows.is_empty() {
            self.para(empty);
        } else {
            self.table(headers, rows);
        }
    }
    /// A bullet list, or a sentence when there is nothing to list.
    pub fn bullets_or<S: AsRef<str>>(&mut self, items: &[S], empty: &str) {
        if items.is_empty() {
            self.para(empty);
        } else {
            self.bullets(items);
        }
    }
    /// A numbered list, or a sentence when there is nothing to list.
    pub fn numbered_or<S: AsRef<str>>(&mut self, items: &[S], empty: &str) {
        if items.is_empty() {
            self.para(empty);
        } else {
            self.numbered(items);
        }
    }
    /// A fenced code block; the fence grows if the body holds backticks.
    pub fn fence(&mut self, lang: &str, body: &str) {
        let mut fence = "```".to_string();
        while body.contains(&fence) {
            fence.push('`');
        }
        self.block(&format!("{fence}{lang}\n{}\n{fence}", body.trim_end()));
    }
    /// A horizontal rule (between ADRs, as the template does).
    pub fn rule(&mut self) {
        self.block("---");
    }
    fn block(&mut self, text: &str) {
        self.out.push_str(text);
        self.out.push_str("\n\n");
    }
    /// The Markdown, ending with exactly one newline.
    pub fn finish(self) -> String {
        let mut s = self.out.trim_end().to_string();
        s.push('\n');
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_and_escaping() {
        let mut d = Doc::default();
        d.h2("1. A");
        d.table(&["A", "B"], &[vec!["x | y".into(), "two\nlines".into()]]);
        d.fence("", "has ``` inside");
        d.bullets(&["one", "two"]);
        assert_eq!(
            d.finish(),
            "## 1. A\n\n| A | B |\n|---|---|\n| x \\| y | two lines |\n\n````\nhas ``` inside\n````\n\n- one\n- two\n"
        );
    }
}
