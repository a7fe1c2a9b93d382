//! Section 1, Executive Summary.

use super::{Input, sentence};
use crate::render::Doc;

pub fn render(d: &mut Doc, x: &Input) {
    d.h2("1. Executive Summary");
    let text: Vec<String> = x.design.summary.iter().map(|s| sentence(s)).collect();
    if text.is_empty() {
        // The engine always summarises; this keeps a hand-built model readable.
        d.para(&format!(
            "{} on {} in {}.",
            x.design.platform.service, x.design.provider_name, x.design.region.primary
        ));
    } else {
        d.para(&super::capital(&text.join(" ")));
    }
}
