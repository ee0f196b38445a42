//! For random failure schedules (which file fails on which try, by an
//! exception or by killing its interpreter), the output holds the row of
//! each item of every mini-batch that finally succeeded exactly once, and
//! nothing of the others.

mod common;

use common::{sorted, Fixture};
use proptest::prelude::*;

const SCRIPT: &str = r#"
import json, os, signal, sys
STATE = sys.argv[sys.argv.index("--state") + 1]
SCHEDULE = json.load(open(os.path.join(STATE, "schedule.json")))

def run(mini_batch):
    first = os.path.basename(mini_batch[0])
    path = os.path.join(STATE, "tries-" + first)
    n = int(open(path).read()) + 1 if os.path.exists(path) else 1
    with open(path, "w") as f:
        f.write(str(n))
    for p in mini_batch:
        how, tries = SCHEDULE[os.path.basename(p)]
        if n in tries:
            if how == "kill":
                os.kill(os.getpid(), signal.SIGKILL)
            raise ValueError(p)
    return [os.path.basename(p) for p in mini_batch]
"#;

/// Per file: killed (true) or raising, and on which tries.
type Schedule = Vec<(bool, Vec<u32>)>;

fn schedules() -> impl Strategy<Value = (Schedule, usize, u32, bool)> {
    (
        prop::collection::vec((any::<bool>(), prop::collection::vec(1u32..4, 0..3)), 3..10),
        1usize..4,
        0u32..3,
        any::<bool>(),
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 10, ..ProptestConfig::default() })]

    #[test]
    fn each_successful_item_is_written_exactly_once((schedule, size, retries, ordered) in schedules()) {
        let f = Fixture::new();
        std::fs::create_dir_all(f.path("state")).unwrap();
        let names: Vec<String> = (0..schedule.len()).map(|i| format!("f{i:03}.txt")).collect();
        let json: serde_json::Map<String, serde_json::Value> = names
            .iter()
            .zip(&schedule)
            .map(|(n, (kill, tries))| (n.clone(), serde_json::json!([if *kill { "kill" } else { "raise" }, tries])))
            .collect();
        f.write("state/schedule.json", &serde_json::Value::Object(json).to_string());
        for n in &names {
            f.write(&format!("data/{n}"), "x");
        }
        f.script(SCRIPT);
        let settings = format!("mini_batch_size: \"{size}\"\nretry_settings: {{max_retries: {retries}}}");
        let component = f.component(&settings, &format!("--state {}", f.path("state").display()));
        let mut options = f.options(&component);
        options.ordered = ordered;
        let outcome = f.run(&options);

        let mut expected = Vec::new();
        let mut failed = 0;
        for (batch, chunk) in names.chunks(size).enumerate() {
            let fails_on = |t: u32| schedule[batch * size..batch * size + chunk.len()].iter().any(|(_, ts)| ts.contains(&t));
            if (1..=retries + 1).any(|t| !fails_on(t)) {
                expected.extend(chunk.iter().cloned());
            } else {
                failed += 1;
            }
        }
        let rows = f.rows();
        if ordered {
            prop_assert_eq!(&rows, &expected);
        }
        prop_assert_eq!(sorted(rows), sorted(expected));
        prop_assert_eq!(outcome.counts.failed_batches, failed);
        prop_assert_eq!(outcome.counts.finished, outcome.counts.batches);
    }
}
