//! Price sheets: hand-made monthly bills of six designs (list prices read on
//! the providers' or third parties' pages, free allowances and tiers applied
//! by hand) priced again through the catalog API. Every line and the total
//! must agree within ±15 %, so a wrong row, unit, tier or free allowance in
//! `data/catalog` fails here.

use std::path::{Path, PathBuf};

use infrarch::catalog::{Catalog, PriceUnit, Provider};
use serde::Deserialize;

/// Agreement asked between the sheet and the catalog, per line and in total.
const TOLERANCE: f64 = 0.15;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Sheet {
    name: String,
    provider: String,
    region: String,
    total_usd: f64,
    #[serde(rename = "line")]
    lines: Vec<Line>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Line {
    service: String,
    config: String,
    /// Catalog row the line is priced on.
    row: String,
    unit: String,
    /// Monthly quantity in `unit`.
    quantity: f64,
    usage: String,
    /// Monthly amount worked out by hand from the page's list price.
    list_usd: f64,
    page: String,
    date: String,
    /// A line billed elsewhere than the sheet's region.
    #[serde(default)]
    region: Option<String>,
}

fn sheets() -> Vec<(PathBuf, Sheet)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/price-sheets");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("price-sheets directory")
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).expect("read sheet");
            let sheet: Sheet = toml::from_str(&text)
                .unwrap_or_else(|e| panic!("{}: {}", p.display(), e.message()));
            (p, sheet)
        })
        .collect()
}

fn within(got: f64, want: f64) -> bool {
    if want == 0.0 {
        return got.abs() < 0.005;
    }
    ((got - want) / want).abs() <= TOLERANCE
}

#[test]
fn six_sheets_cover_all_three_providers_and_say_where_each_price_was_read() {
    let all = sheets();
    assert!(all.len() >= 6, "only {} price sheets", all.len());
    for p in Provider::ALL {
        let n = all
            .iter()
            .filter(|(_, s)| Provider::parse(&s.provider) == Some(p))
            .count();
        assert!(n >= 2, "{p}: {n} price sheets");
    }
    for (path, s) in &all {
        assert!(
            !s.name.is_empty() && s.lines.len() >= 4,
            "{}",
            path.display()
        );
        let sum: f64 = s.lines.iter().map(|l| l.list_usd).sum();
        assert!(
            (sum - s.total_usd).abs() < 0.011,
            "{}: lines add to {sum:.2}, total says {:.2}",
            path.display(),
            s.total_usd
        );
        for l in &s.lines {
            let what = format!("{}: {} / {}", path.display(), l.service, l.config);
            assert!(l.page.contains("http"), "{what}: page is not a URL");
            let d = l.date.as_bytes();
            assert!(
                d.len() == 10 && d[4] == b'-' && d[7] == b'-' && l.date[..4].parse::<u32>().is_ok(),
                "{what}: date `{}` is not YYYY-MM-DD",
                l.date
            );
            assert!(l.quantity >= 0.0 && !l.usage.is_empty(), "{what}");
        }
    }
}

#[test]
fn catalog_prices_every_line_and_total_within_tolerance() {
    let mut failures = Vec::new();
    for (path, s) in sheets() {
        let provider = Provider::parse(&s.provider)
            .unwrap_or_else(|| panic!("{}: unknown provider {}", path.display(), s.provider));
        let cat = Catalog::builtin(provider).expect("builtin catalog");
        assert!(
            cat.region(&s.region).is_some(),
            "{}: region {} is not in the {provider} catalog",
            path.display(),
            s.region
        );
        let mut total = 0.0;
        for l in &s.lines {
            let unit: PriceUnit = l
                .unit
                .parse()
                .unwrap_or_else(|e| panic!("{}: {}: {e}", path.display(), l.service));
            let region = l.region.as_deref().unwrap_or(&s.region);
            let Some((got, priced)) = cat.price_in(&l.row, unit, region, l.quantity) else {
                failures.push(format!(
                    "{}: {} ({}): catalog row `{}` has no `{unit}` price",
                    path.display(),
                    l.service,
                    l.config,
                    l.row
                ));
                continue;
            };
            total += got;
            if !within(got, l.list_usd) {
                failures.push(format!(
                    "{}: {} ({}), {} {unit} in {region}: catalog ${got:.2} vs sheet ${:.2} (catalog price {} from {} {})",
                    path.display(),
                    l.service,
                    l.config,
                    l.quantity,
                    l.list_usd,
                    priced.price.usd,
                    priced.price.source,
                    priced.price.as_of
                ));
            }
        }
        if !within(total, s.total_usd) {
            failures.push(format!(
                "{}: total catalog ${total:.2} vs sheet ${:.2}",
                path.display(),
                s.total_usd
            ));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

/// The check is not vacuous: a sheet line priced on the wrong unit, or with
/// the free allowance forgotten, falls outside the tolerance.
#[test]
fn the_comparison_catches_a_wrong_unit_or_a_forgotten_free_tier() {
    let aws = Catalog::builtin(Provider::Aws).unwrap();
    // 50 M Lambda requests: $9.80 with the 1 M free, $10.00 without (2 %:
    // inside the tolerance, so the free tier is asserted on its own).
    let (with_free, _) = aws
        .price_in("lambda", PriceUnit::MillionRequests, "us-east-1", 50.0)
        .unwrap();
    assert!((with_free - 9.80).abs() < 1e-9);
    // 5,000,000 GB-s: $76.67 after the free 400,000; pricing them as
    // requests would be off by orders of magnitude.
    let (gbs, _) = aws
        .price_in("lambda", PriceUnit::GbSecond, "us-east-1", 5_000_000.0)
        .unwrap();
    assert!(within(gbs, 76.67));
    assert!(!within(gbs * 1e-6 * 0.20, 76.67));
    // CloudFront 20 TB through the tiers vs flat at the first-tier rate.
    let (cf, _) = aws
        .price_in("cloudfront", PriceUnit::EdgeGb, "us-east-1", 20_480.0)
        .unwrap();
    assert!((cf - 1689.60).abs() < 0.01, "{cf}");
}
