//! `--select` / `--ignore`: rule codes or prefixes (`IA1`, `IA20`, `IA301`).

use crate::error::{Error, Result};

use super::registry::RULES;

/// Which rules run. Empty `select` means all; `ignore` wins over `select`.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Selection {
    select: Vec<String>,
    ignore: Vec<String>,
}

/// Does a selector (code or prefix) name at least one rule?
pub fn is_known_selector(selector: &str) -> bool {
    selector == "ALL" || RULES.iter().any(|r| r.code.starts_with(selector))
}

fn normalise(list: &[String]) -> Result<Vec<String>> {
    let mut out = Vec::new();
    for raw in list {
        for s in raw.split(',').map(str::trim).filter(|s| !s.is_empty()) {
            let s = s.to_ascii_uppercase();
            if !is_known_selector(&s) {
                return Err(Error::Invalid(format!(
                    "unknown rule selector `{s}` (see `infrarch rule --all`)"
                )));
            }
            out.push(s);
        }
    }
    Ok(out)
}

impl Selection {
    /// Build from `--select` and `--ignore` values (each may hold a comma list).
    pub fn new(select: &[String], ignore: &[String]) -> Result<Self> {
        Ok(Selection {
            select: normalise(select)?,
            ignore: normalise(ignore)?,
        })
    }

    pub fn enabled(&self, code: &str) -> bool {
        let hit = |s: &String| s == "ALL" || code.starts_with(s.as_str());
        (self.select.is_empty() || self.select.iter().any(hit)) && !self.ignore.iter().any(hit)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_and_ignore() {
        let s = Selection::new(&["IA1,ia301".into()], &["IA103".into()]).expect("valid");
        assert!(s.enabled("IA101"));
        assert!(!s.enabled("IA103"));
        assert!(s.enabled("IA301"));
        assert!(!s.enabled("IA302"));
        assert!(Selection::default().enabled("IA702"));
        assert!(Selection::new(&["IA999".into()], &[]).is_err());
        assert!(Selection::new(&["XY".into()], &[]).is_err());
    }
}
